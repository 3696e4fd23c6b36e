/**
 * The batch engine against a glmer loop in R (test/reference/batch.R: 40 oyster loci, car::Anova,
 * p.adjust): units, per-unit numbers (equal to single fits, close to glmer's), flags with reasons,
 * a failing unit recorded, FDR exactly as p.adjust, shards that partition the units, the tidy CSV.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { batchCsvLines } from '../../../src-engine/batch/batchCsv';
import { defaultThreads } from '../../../src-engine/batch/chunks';
import { pAdjustBH, pAdjustBY } from '../../../src-engine/batch/fdr';
import { fnv1a32, inShard, parseShard } from '../../../src-engine/batch/shard';
import { addQValues, countFlags } from '../../../src-engine/batch/summarize';
import { fitUnit, withResponse, type UnitResult } from '../../../src-engine/batch/unitResult';
import { sortUnits, unitsByColumn, unitsByResponses } from '../../../src-engine/batch/units';
import { importDelimited } from '../../../src-engine/data/importDelimited';
import { subsetRows } from '../../../src-engine/data/table';
import { fitLmm } from '../../../src-engine/lmm/fitLmm';

interface RUnit {
  unit: string; nobs: number; error?: string; terms: string[]; estimate: number[]; stdError: number[]; p: number[];
  anovaTerms: string[]; chisq: number[]; anovaP: number[]; singular: boolean; logLik: number;
}
const fx = JSON.parse(readFileSync('test/reference/fixtures/batch/oyster40.json', 'utf8')) as {
  formula: string; units: RUnit[];
  fdr: Record<'coefficients' | 'tests', Record<string, { p: (number | null)[]; BH: (number | null)[]; BY: (number | null)[] }>>;
};
const { table } = importDelimited(new Uint8Array(readFileSync('test/data/oyster_methylation.csv')), {
  columnTypes: { locus: 'factor', tank: 'factor', treatment: 'factor', population: 'factor' },
});
const request = { formula: fx.formula, reml: false, family: 'binomial' };
const scaled = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe('units', () => {
  it('fits on one thread by default unless there are enough units to repay a fresh thread (one per 1,000, at most the cores and 8)', () => {
    expect([200, 999, 1000, 1999, 2000, 5000, 100_000].map((n) => defaultThreads(n, 2))).toEqual([1, 1, 1, 1, 2, 2, 2]);
    expect([0, 3500, 100_000].map((n) => defaultThreads(n, 16))).toEqual([1, 3, 8]);
  });

  it('splits long data by a column, in level order, and wide data by a glob', () => {
    const units = unitsByColumn(table, 'locus');
    expect(units).toHaveLength(200);
    expect(units[0].name).toBe('L0001');
    expect(units.every((u) => u.rows.length === 48)).toBe(true);
    expect(Array.from(units[1].rows.slice(0, 2))).toEqual([48, 49]);
    const wide = unitsByResponses(table, '*methylated');
    expect(wide.map((u) => u.name)).toEqual(['methylated', 'unmethylated']);
    expect(() => unitsByResponses(table, 'sp_*')).toThrow(/No column matches "sp_\*"/);
    expect(() => unitsByColumn(table, 'site')).toThrow(/There is no column "site"/);
    expect(sortUnits([{ name: 'b', rows: new Int32Array() }, { name: 'B', rows: new Int32Array() }]).map((u) => u.name)).toEqual(['B', 'b']);
  });

  it('puts each wide unit in as the response', () => {
    expect(withResponse('y ~ x + (1 | g)', 'sp_1')).toBe('sp_1 ~ x + (1 | g)');
    expect(withResponse('log(y) ~ x', 'sp 2')).toBe('`sp 2` ~ x');
  });
});

describe('a glmer loop over 40 loci', () => {
  const units = unitsByColumn(table, 'locus').slice(0, 40);
  const results: UnitResult[] = units.map((u) => fitUnit(table, u, request));
  addQValues(results);

  it('fits every locus that glmer fits, and records the one it refuses', () => {
    results.forEach((r, i) => {
      const want = fx.units[i];
      expect(r.unit).toBe(want.unit);
      if (want.error) {
        expect(r.status, r.unit).toBe('error');
        expect(r.error).toBe('The response cbind(methylated, unmethylated) is the same in every row used (every proportion is 0 %), so there is nothing to model (glmer stops with "Response is constant").');
        // nothing was fitted: its reason is the error, not a convergence failure
        expect(r.reasons).toEqual(['The model could not be fitted to this unit: see its error.']);
        return;
      }
      expect(r.status, `${r.unit}: ${r.error}`).toBe('ok');
      expect(r.nobs).toBe(want.nobs);
      expect(r.coefficients.map((c) => c.term)).toEqual(want.terms);
      expect(r.tests.map((t) => t.term)).toEqual(want.anovaTerms);
      expect(r.flags.singular, r.unit).toBe(want.singular);
    });
  });

  it('gives glmer’s estimates (at least its optimum) where the locus is not separated', () => {
    for (const [i, r] of results.entries()) {
      const want = fx.units[i];
      if (want.error || r.flags.separation) continue;
      expect(-2 * r.logLik!, r.unit).toBeLessThanOrEqual(-2 * want.logLik + 1e-6);
      r.coefficients.forEach((c, j) => expect(scaled(c.estimate, want.estimate[j]), `${r.unit} ${c.term}`).toBeLessThan(2e-3));
      if (!r.flags.singular) r.coefficients.forEach((c, j) => expect(Math.abs(c.stdError / want.stdError[j] - 1), `${r.unit} SE ${c.term}`).toBeLessThan(0.02));
    }
  });

  it('flags separated loci with the cells and a reason', () => {
    const sep = results.find((r) => r.unit === 'L0006')!;
    expect(sep.flags.separation?.join(' ')).toContain('every response is 0');
    expect(sep.reasons.join(' ')).toMatch(/^.*Separation \(.*\): the affected estimates run off/);
    // L0036 (exposed × Hatchery all 0 %): a fit, flagged, with a large estimate and a huge SE as glmer's
    // (−37.7, SE 547; the likelihood is flat out there, so where each optimizer stops is arbitrary),
    // not a failure from PIRLS walking β off to −10⁸
    const runaway = results.find((r) => r.unit === 'L0036')!;
    const rWant = fx.units.find((u) => u.unit === 'L0036')!;
    expect(runaway.status).toBe('ok');
    expect(runaway.flags.separation).not.toBeNull();
    const j = rWant.terms.indexOf('treatmentexposed');
    expect(Math.sign(runaway.coefficients[j].estimate)).toBe(Math.sign(rWant.estimate[j]));
    expect(Math.abs(runaway.coefficients[j].estimate)).toBeGreaterThan(15);
    expect(Math.abs(runaway.coefficients[j].estimate)).toBeLessThan(1e3);
    expect(runaway.coefficients[j].stdError).toBeGreaterThan(100);
    const clean = results.find((r) => r.unit === 'L0001')!;
    expect(clean.reasons).toEqual([]);
    const counts = countFlags(results);
    expect(counts).toMatchObject({ units: 40, failed: 1, fitted: 39 });
    expect(counts.singular).toBe(fx.units.filter((u) => u.singular).length);
  });

  it('is the same fit as a single fit of the unit, every stored number to the bit', () => {
    // the batch's GLMM path computes only what it stores (unitGlmm.ts): it must agree with the full report (q-values are added later)
    for (const k of [0, 5, 17]) {
      const single = fitLmm(subsetRows(table, units[k].rows), request);
      const r = results[k];
      expect(r.coefficients).toMatchObject(single.fixed.map(({ term, estimate, stdError, statistic, df, pValue }) => ({ term, estimate, stdError, statistic, df, pValue })));
      expect(r.tests).toMatchObject(single.glmm!.waldAnova.type2.map((t) => ({ term: t.term, test: 'Chisq', statistic: t.chisq, df: t.df, denDf: null, pValue: t.pValue })));
      expect(r.random).toEqual(single.random.map(({ group, term, variance }) => ({ group, term, variance })));
      expect([r.nobs, r.logLik, r.aic, r.warnings]).toEqual([single.nobs, single.logLik, single.aic, single.warnings]);
      expect(r.flags).toMatchObject({ converged: single.converged, singular: single.singular, separation: single.glmm!.separation?.cells ?? null });
      expect(r.flags.overdispersion).toEqual(single.glmm!.overdispersion && { ratio: single.glmm!.overdispersion.ratio, pValue: single.glmm!.overdispersion.pValue });
    }
    expect(results[5].flags.separation).not.toBeNull(); // L0006: the separated unit is among those compared
  });

  it('writes a tidy CSV: a row per unit and coefficient or test, a row for a failed unit', () => {
    const lines = batchCsvLines(results);
    expect(lines[0].split(',').slice(0, 4)).toEqual(['unit', 'kind', 'term', 'estimate']);
    const ok = results.filter((r) => r.status === 'ok');
    expect(lines.length - 1).toBe(ok.reduce((a, r) => a + r.coefficients.length + r.tests.length, 0) + 1);
    expect(lines.find((l) => l.startsWith('L0024,error'))).toMatch(/,error,/);
    expect(lines.find((l) => l.startsWith('L0001,coefficient,(Intercept),'))).toBeDefined();
  });
});

describe('FDR as p.adjust', () => {
  it('reproduces R’s BH and BY on glmer’s p-values, per term, NA left out', () => {
    for (const group of [fx.fdr.coefficients, fx.fdr.tests]) {
      for (const [term, { p, BH, BY }] of Object.entries(group)) {
        const bh = pAdjustBH(p);
        const by = pAdjustBY(p);
        p.forEach((_, i) => {
          if (BH[i] === null) {
            expect(bh[i], term).toBeNull();
            return;
          }
          expect(Math.abs(bh[i]! - BH[i]!), `${term} BH ${i}`).toBeLessThan(1e-15 + 1e-13 * BH[i]!);
          expect(Math.abs(by[i]! - BY[i]!), `${term} BY ${i}`).toBeLessThan(1e-15 + 1e-13 * BY[i]!);
        });
      }
    }
  });

  it('caps at 1 and keeps ties and order as R does', () => {
    // R: p.adjust(c(0.01, 0.04, 0.03, 0.5), 'BH') = 0.04 0.0533 0.0533 0.5
    expect(pAdjustBH([0.01, 0.04, 0.03, 0.5]).map((q) => +q!.toFixed(12))).toEqual([0.04, 0.053333333333, 0.053333333333, 0.5]);
    expect(pAdjustBH([null, 0.9, 0.95])).toEqual([null, 0.95, 0.95]);
    expect(pAdjustBH([])).toEqual([]);
  });
});

describe('shards', () => {
  it('hash unit names stably (FNV-1a 32) and partition the units', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
    const names = unitsByColumn(table, 'locus').map((u) => u.name);
    const n = 4;
    const per = Array.from({ length: n }, (_, k) => names.filter((u) => inShard(u, { index: k + 1, count: n })));
    expect(per.flat().sort()).toEqual(names);
    for (const s of per) expect(s.length).toBeGreaterThan(30);
  });

  it('parses i/n and says what is wrong', () => {
    expect(parseShard('3/10')).toEqual({ index: 3, count: 10 });
    expect(parseShard('0/4')).toMatch(/1 ≤ i ≤ n/);
    expect(parseShard('5/4')).toMatch(/1 ≤ i ≤ n/);
    expect(parseShard('2-4')).toMatch(/written i\/n/);
  });
});
