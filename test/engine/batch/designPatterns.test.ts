/**
 * Units of a batch that share their rows' covariates reuse one design pattern (design/designPattern.ts);
 * units whose rows differ — another NA pattern of the response, one covariate value changed — build
 * their own. Either way every stored number is the single fit's, to the bit. PIRLS's set-up
 * (glmm/plsSetups.ts) is reused exactly where the pattern is.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unitPatterns, unitPlsSetups } from '../../../src-engine/batch/unitGlmm';
import { fitUnit } from '../../../src-engine/batch/unitResult';
import { unitsByColumn } from '../../../src-engine/batch/units';
import { importDelimited } from '../../../src-engine/data/importDelimited';
import { subsetRows } from '../../../src-engine/data/table';
import { fitLmm } from '../../../src-engine/lmm/fitLmm';

const FORMULA = 'cbind(methylated, unmethylated) ~ treatment * population + (1 | tank)';

/** The oyster file's first 11 loci, edited: NA responses and a changed tank in some of them. */
function editedTable() {
  const lines = readFileSync('test/data/oyster_methylation.csv', 'utf8').trimEnd().split('\n');
  const edits: Record<string, (f: string[]) => void> = {
    // L0004, L0005 and L0009: methylated missing for S05 (the same rows used, so one pattern)
    'L0004,S05': (f) => (f[5] = 'NA'),
    'L0005,S05': (f) => (f[5] = 'NA'),
    'L0009,S05': (f) => (f[5] = 'NA'),
    // L0008: unmethylated missing for S05 — the same rows as L0009, another response column
    'L0008,S05': (f) => (f[6] = 'NA'),
    // L0007: S03 in tank T2 instead of T1 — the same rows, another Z
    'L0007,S03': (f) => (f[2] = '"T2"'),
  };
  const kept = lines.filter((l, i) => i === 0 || l.slice(1, 6) <= 'L0011').map((l) => {
    const f = l.split(',');
    const edit = edits[`${f[0].replace(/"/g, '')},${f[1]?.replace(/"/g, '')}`];
    if (edit) edit(f);
    return f.join(',');
  });
  return importDelimited(new TextEncoder().encode(kept.join('\n') + '\n'), {
    columnTypes: { locus: 'factor', tank: 'factor', treatment: 'factor', population: 'factor' },
  }).table;
}

describe('a batch whose units share and do not share row patterns', () => {
  const table = editedTable();
  const request = { formula: FORMULA, reml: false, family: 'binomial' };
  const units = unitsByColumn(table, 'locus');
  const before = unitPatterns.hits;
  const setupsBefore = unitPlsSetups.hits;
  const results = units.map((u) => fitUnit(table, u, request));
  const hits = unitPatterns.hits - before;
  const setupHits = unitPlsSetups.hits - setupsBefore;

  it('reuses the pattern only for units whose rows and covariates are identical to the previous unit’s', () => {
    expect(units.map((u) => u.name)).toEqual(['L0001', 'L0002', 'L0003', 'L0004', 'L0005', 'L0006', 'L0007', 'L0008', 'L0009', 'L0010', 'L0011']);
    // reused: L0002, L0003 (after L0001), L0005 (L0004's NA rows), L0009 (L0008's rows), L0011 (after L0010);
    // built: L0001, L0004 (a row fewer), L0006 (all rows again), L0007 (a tank changed), L0008, L0010
    expect(hits).toBe(5);
    expect(setupHits).toBe(5);
  });

  it('gives every unit the single fit’s numbers, flags and warnings, to the bit', () => {
    units.forEach((u, k) => {
      const single = fitLmm(subsetRows(table, u.rows), request);
      const r = results[k];
      expect(r.status, `${u.name}: ${r.error}`).toBe('ok');
      expect(r.coefficients, u.name).toEqual(single.fixed.map(({ term, estimate, stdError, statistic, df, pValue }) => ({ term, estimate, stdError, statistic, df, pValue })));
      expect(r.tests, u.name).toEqual(single.glmm!.waldAnova.type2.map((t) => ({ term: t.term, test: 'Chisq', statistic: t.chisq, df: t.df, denDf: null, pValue: t.pValue })));
      expect(r.random, u.name).toEqual(single.random.map(({ group, term, variance }) => ({ group, term, variance })));
      expect([r.nobs, r.logLik, r.aic, r.warnings], u.name).toEqual([single.nobs, single.logLik, single.aic, single.warnings]);
      expect(r.flags, u.name).toMatchObject({ converged: single.converged, singular: single.singular, separation: single.glmm!.separation?.cells ?? null });
      expect(r.flags.overdispersion, u.name).toEqual(single.glmm!.overdispersion && { ratio: single.glmm!.overdispersion.ratio, pValue: single.glmm!.overdispersion.pValue });
    });
    // the edits took: a row fewer where a response is missing, each saying which column
    expect(results.map((r) => r.nobs)).toEqual([48, 48, 48, 47, 47, 48, 48, 47, 47, 48, 48]);
    expect(results[7].warnings[0]).toMatch(/1 row with missing values was dropped \(unmethylated: 1\)/);
    expect(results[8].warnings[0]).toMatch(/1 row with missing values was dropped \(methylated: 1\)/);
  });
});
