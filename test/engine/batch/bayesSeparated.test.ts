/**
 * A batch with the Bayesian refit of separated units: the separated oyster locus L0006 gets brms's
 * posterior (test/reference/brmsPosterior.R: brms 2.18, normal(0, 2.5) on b) within the tolerance of
 * test/engine/bayes/fitBayes.test.ts — |Δ mean| < 4·√(MCSE_quadrat² + MCSE_brms²) + 2% of brms's SD —
 * beside glmer's unchanged result; the other loci are untouched; the per-unit seed reproduces.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchCsvLines } from '../../../src-engine/batch/batchCsv';
import { type BatchBayesSettings, fitUnitBayes, unitSeed } from '../../../src-engine/batch/unitBayes';
import { fitUnit, type UnitResult } from '../../../src-engine/batch/unitResult';
import { unitsByColumn } from '../../../src-engine/batch/units';
import { importDelimited } from '../../../src-engine/data/importDelimited';
import { subsetRows } from '../../../src-engine/data/table';

interface BrmsRow { name: string; kind: string; label: string; Estimate: number; 'Est.Error': number; mcseMean: number }
const brms = JSON.parse(readFileSync('test/reference/fixtures/brms-posterior/oyster_locus_separated_b.json', 'utf8')) as { rows: BrmsRow[] };
const { table } = importDelimited(new Uint8Array(readFileSync('test/data/oyster_methylation.csv')), {
  columnTypes: { locus: 'factor', tank: 'factor', treatment: 'factor', population: 'factor' },
});
const formula = 'cbind(methylated, unmethylated) ~ treatment * population + (1 | tank)';
const request = { formula, reml: false, family: 'binomial' };
// as quadrat batch --bayes-separated builds it (bayesSpecFromGlmm: brms's binomial with trials, normal(0, 2.5) on b)
const bayes: BatchBayesSettings = { formula, family: 'binomial', priors: [{ prior: 'normal(0, 2.5)', class: 'b' }], chains: 4, iter: 1000, seed: 20261203 };
/** One CSV line's cells (quoted cells may hold commas). */
const splitCsv = (line: string) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1]).slice(0, -1);
const units = unitsByColumn(table, 'locus').filter((u) => ['L0004', 'L0005', 'L0006', 'L0007'].includes(u.name));

describe('batch: separated units refitted Bayesian', () => {
  let plain: UnitResult[];
  let withBayes: UnitResult[];
  beforeAll(() => {
    plain = units.map((u) => fitUnit(table, u, request));
    withBayes = units.map((u) => fitUnit(table, u, { ...request, bayesSeparated: bayes }));
  });

  it('refits exactly the separated units, keeping glmer’s result beside the posterior', () => {
    const separated = withBayes.filter((r) => r.flags.separation);
    expect(separated.map((r) => r.unit)).toEqual(['L0006']);
    withBayes.forEach((r, i) => {
      if (r.flags.separation) {
        const { bayes: b, reasons, ...glmer } = r;
        expect(b).toBeDefined();
        expect({ ...glmer, reasons: plain[i].reasons }).toEqual(plain[i]);
        expect(reasons.slice(0, plain[i].reasons.length)).toEqual(plain[i].reasons);
      } else {
        expect(r).toEqual(plain[i]); // untouched: no refit, no extra fields
        expect('bayes' in r).toBe(false);
      }
    });
  });

  it('gives the separated locus brms’s posterior means within Monte Carlo error', () => {
    const b = withBayes.find((r) => r.unit === 'L0006')!.bayes!;
    expect(b.error).toBeNull();
    expect(b.seed).toBe(unitSeed(20261203, 'L0006'));
    const fixed = brms.rows.filter((r) => r.kind === 'fixed');
    expect(b.coefficients.map((c) => c.term)).toEqual(fixed.map((r) => (r.label === 'Intercept' ? '(Intercept)' : r.label)));
    expect(b.coefficients.map((c) => c.term)).toEqual(plain.find((r) => r.unit === 'L0006')!.coefficients.map((c) => c.term));
    fixed.forEach((want, j) => {
      const got = b.coefficients[j];
      const tol = 4 * Math.hypot(got.mcseMean!, want.mcseMean) + 0.02 * want['Est.Error'];
      expect(Math.abs(got.estimate - want.Estimate), `${want.label}: ${got.estimate} vs brms ${want.Estimate}`).toBeLessThan(tol);
      expect(got.lower95).toBeLessThan(got.estimate);
      expect(got.upper95).toBeGreaterThan(got.estimate);
      expect(got.rhat!).toBeLessThan(1.05);
      expect(got.bulkEss!).toBeGreaterThan(100);
    });
    // glmer's separated estimate runs off; the prior keeps the posterior finite and moderate
    expect(Math.max(...b.coefficients.map((c) => Math.abs(c.estimate)))).toBeLessThan(10);
  });

  it('reproduces the unit’s draws from its seed, and writes the posterior beside glmer in the tidy table', () => {
    const u = units.find((x) => x.name === 'L0006')!;
    const again = fitUnitBayes(subsetRows(table, u.rows), 'L0006', bayes);
    expect(again).toEqual(withBayes.find((r) => r.unit === 'L0006')!.bayes);
    const [head, ...lines] = batchCsvLines(withBayes);
    const cols = head.split(',');
    expect(cols.slice(-7)).toEqual(['bayes_estimate', 'bayes_est_error', 'bayes_l95', 'bayes_u95', 'bayes_rhat', 'bayes_bulk_ess', 'bayes_divergent']);
    const at = (line: string, name: string) => splitCsv(line)[cols.indexOf(name)];
    const sepRows = lines.filter((l) => l.startsWith('L0006,coefficient,'));
    expect(sepRows).toHaveLength(4);
    for (const l of sepRows) expect(Number(at(l, 'bayes_estimate'))).toBeCloseTo(again.coefficients.find((c) => c.term === at(l, 'term'))!.estimate, 12);
    for (const l of lines.filter((x) => !x.startsWith('L0006,') || !x.includes(',coefficient,'))) expect(at(l, 'bayes_estimate')).toBe('NA');
  });
});
