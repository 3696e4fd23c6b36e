import { describe, expect, it } from 'vitest';
import type { UnitResultWire } from '../../../src-main/api/contract';
import { flagWords, pHistogram, termsOf, unitRows, volcanoPoints } from '../../../src-renderer/batch/batchTable';

const flags = { converged: true, singular: false, separation: null, overdispersion: null, tooFew: false };
function unit(name: string, estimate: number, pValue: number, qBH: number, extra: Partial<UnitResultWire> = {}): UnitResultWire {
  return {
    unit: name, status: 'ok', nobs: 48,
    coefficients: [
      { term: '(Intercept)', estimate: 1, stdError: 0.1, statistic: 10, df: null, pValue: 1e-9, qBH: 1e-8 },
      { term: 'treatmentexposed', estimate, stdError: 0.2, statistic: estimate / 0.2, df: null, pValue, qBH },
    ],
    tests: [], random: [], logLik: -50, aic: 110, flags, reasons: [], warnings: [], error: null, ...extra,
  };
}
const failed: UnitResultWire = { ...unit('L9', 0, 1, 1), status: 'error', coefficients: [], error: 'Response is constant' };
const units = [
  unit('L3', 0.5, 0.01, 0.03),
  unit('L1', -2, 0.2, 0.4, { flags: { ...flags, singular: true } }),
  unit('L2', 1.5, 0.001, 0.004, { flags: { ...flags, separation: ['a = x: every response is 0 (0%)'] } }),
  failed,
];

describe('batch table', () => {
  it("puts a separated unit's Bayesian refit beside the chosen coefficient, and nothing on the others", () => {
    const b = { term: 'treatmentexposed', estimate: 1.1, estError: 0.4, lower95: 0.3, upper95: 1.9, rhat: 1.001, bulkEss: 900, mcseMean: 0.01 };
    const withBayes = unit('L2', 1.5, 0.001, 0.004, { bayes: { seed: 1, chains: 4, iter: 1000, coefficients: [b], divergent: 0, maxRhat: 1.001, reasons: [], error: null } });
    const base = { term: 'treatmentexposed', filter: 'all' as const, qBelow: null, sort: 'unit' as const, descending: false };
    const rows = unitRows([withBayes, units[0]], base);
    expect(rows.map((r) => r.bayes)).toEqual([{ estimate: 1.1, lower95: 0.3, upper95: 1.9, rhat: 1.001 }, null]);
    expect(unitRows([withBayes], { ...base, term: '(Intercept)' })[0].bayes).toBeNull();
  });

  it('words the flags', () => {
    expect(flagWords(units[1])).toEqual(['singular']);
    expect(flagWords(units[2])).toEqual(['separation']);
    expect(flagWords(failed)).toEqual(['failed']);
    expect(flagWords(unit('x', 0, 1, 1, { flags: { ...flags, converged: false, overdispersion: { ratio: 2, pValue: 0.001 }, tooFew: true } }))).toEqual(['not converged', 'overdispersed', 'too few']);
  });

  it('lists the coefficients, sorts with missing values last, and filters by flags and q', () => {
    expect(termsOf(units)).toEqual(['(Intercept)', 'treatmentexposed']);
    const base = { term: 'treatmentexposed', filter: 'all' as const, qBelow: null, sort: 'estimate' as const, descending: false };
    expect(unitRows(units, base).map((r) => r.unit)).toEqual(['L1', 'L3', 'L2', 'L9']);
    expect(unitRows(units, { ...base, descending: true }).map((r) => r.unit)).toEqual(['L2', 'L3', 'L1', 'L9']);
    expect(unitRows(units, { ...base, sort: 'unit' }).map((r) => r.unit)).toEqual(['L1', 'L2', 'L3', 'L9']);
    expect(unitRows(units, { ...base, filter: 'clean' }).map((r) => r.unit)).toEqual(['L3']);
    expect(unitRows(units, { ...base, filter: 'flagged' }).map((r) => r.unit)).toEqual(['L1', 'L2']);
    expect(unitRows(units, { ...base, filter: 'failed' }).map((r) => [r.unit, r.reason])).toEqual([['L9', 'Response is constant']]);
    expect(unitRows(units, { ...base, qBelow: 0.05 }).map((r) => r.unit)).toEqual(['L3', 'L2']);
  });

  it('bins p-values in twentieths and puts units on the volcano by −log10 q', () => {
    const h = pHistogram(units, 'treatmentexposed');
    expect(h.n).toBe(3);
    expect(h.counts[0]).toBe(2);
    expect(h.counts[4]).toBe(1);
    expect(pHistogram([unit('p1', 0, 1, 1)], 'treatmentexposed').counts[19]).toBe(1);
    const v = volcanoPoints(units, 'treatmentexposed');
    expect(v.map((p) => p.unit)).toEqual(['L3', 'L1', 'L2']);
    expect(v[2].y).toBeCloseTo(-Math.log10(0.004), 12);
    expect(v.map((p) => p.significant)).toEqual([true, false, true]);
  });
});
