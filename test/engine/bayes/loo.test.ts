/**
 * PSIS-LOO against loo 2.5.1 (test/reference/brmsLoo.R): on the exact log-likelihood matrices of two
 * brms fits of one oyster locus, Quadrat's relative efficiencies, Pareto k, pointwise and total
 * elpd_loo / p_loo / looic with SEs and loo_compare agree to rounding; Quadrat's pointwise
 * log-likelihood from brms's own draws equals brms's log_lik().
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type LooResult, loo, paretoKCounts } from '../../../src-engine/bayes/loo/loo';
import { looCompare } from '../../../src-engine/bayes/loo/looCompare';
import { pointwiseLogLik } from '../../../src-engine/bayes/loo/pointwiseLogLik';
import { psis } from '../../../src-engine/bayes/loo/psis';
import { buildBrmsModel } from '../../../src-engine/bayes/model/buildBrmsModel';
import { loadCaseTable } from '../lmm/loadCase';

interface Estimates { elpd_loo: number; se_elpd_loo: number; p_loo: number; se_p_loo: number; looic: number; se_looic: number }
interface LooModel {
  name: string; formula: string; family: string; chains: number; ndraws: number;
  draws: Record<string, number[]>; logLik: number[][]; r_eff: number[]; estimates: Estimates;
  pointwise: { elpd_loo: number[]; p_loo: number[]; looic: number[]; pareto_k: number[] };
}
interface Fixture {
  data: string; factors: string[]; subset: { rows: number[] };
  models: Record<string, LooModel>;
  compare: (Estimates & { model: string; elpd_diff: number; se_diff: number })[];
}
const fx = JSON.parse(readFileSync('test/reference/fixtures/brms-loo/oyster_locus.json', 'utf8')) as Fixture;
const models = Object.values(fx.models);

const close = (a: number, b: number, what: string, tol = 1e-8) =>
  expect(Math.abs(a - b), `${what}: ${a} vs loo ${b}`).toBeLessThan(tol * Math.max(1, Math.abs(b)));

describe('PSIS-LOO against loo::loo on brms log-likelihood matrices', () => {
  const results = new Map<string, LooResult>();
  for (const m of models) {
    it(`${m.name}: r_eff, Pareto k, pointwise and total estimates as loo`, () => {
      const r = loo(m.logLik, m.chains);
      results.set(m.name, r);
      m.r_eff.forEach((v, i) => close(r.pointwise.r_eff[i], v, `r_eff[${i}]`));
      m.pointwise.pareto_k.forEach((v, i) => close(r.pointwise.pareto_k[i], v, `pareto_k[${i}]`));
      m.pointwise.elpd_loo.forEach((v, i) => close(r.pointwise.elpd_loo[i], v, `elpd_loo[${i}]`));
      m.pointwise.p_loo.forEach((v, i) => close(r.pointwise.p_loo[i], v, `p_loo[${i}]`));
      m.pointwise.looic.forEach((v, i) => close(r.pointwise.looic[i], v, `looic[${i}]`));
      const e = m.estimates;
      close(r.elpd_loo.estimate, e.elpd_loo, 'elpd_loo');
      close(r.elpd_loo.se, e.se_elpd_loo, 'se_elpd_loo');
      close(r.p_loo.estimate, e.p_loo, 'p_loo');
      close(r.p_loo.se, e.se_p_loo, 'se_p_loo');
      close(r.looic.estimate, e.looic, 'looic');
      close(r.looic.se, e.se_looic, 'se_looic');
      const k = paretoKCounts(r.pointwise.pareto_k);
      expect(k.good + k.ok + k.bad + k.veryBad).toBe(m.logLik.length);
    });
  }

  it('loo_compare: order, elpd_diff and se_diff as loo', () => {
    const rows = looCompare(models.map((m) => ({ name: m.name, loo: results.get(m.name) ?? loo(m.logLik, m.chains) })));
    expect(rows.map((r) => r.model)).toEqual(fx.compare.map((r) => r.model));
    rows.forEach((r, i) => {
      const c = fx.compare[i];
      for (const key of ['elpd_diff', 'se_diff', 'elpd_loo', 'se_elpd_loo', 'p_loo', 'se_p_loo', 'looic', 'se_looic'] as const) close(r[key], c[key], `${r.model} ${key}`);
    });
  });

  it('leaves weights untouched when the tail is too short to fit (k = Inf, as loo)', () => {
    const r = psis([0.1, -0.3, 0.2, 0.05, -0.1, 0.3, 0.0, 0.15], 1);
    expect(r.paretoK).toBe(Infinity);
    expect(r.logWeights[5]).toBeCloseTo(0.3, 15);
  });

  it('refuses ragged or empty matrices with a clear message', () => {
    expect(() => loo([], 2)).toThrow(/at least one observation/);
    expect(() => loo([[1, 2, 3, 4], [1, 2, 3]], 2)).toThrow(/same number of draws/);
  });
});

describe('pointwise log-likelihood as brms::log_lik', () => {
  for (const m of models) {
    it(`${m.name}: from brms's draws, to rounding`, () => {
      const table = loadCaseTable({ data: fx.data, factors: fx.factors, subset: fx.subset } as never);
      const { model } = buildBrmsModel(table, { formula: m.formula, family: m.family });
      const names = Object.keys(m.draws);
      const draws = Array.from({ length: m.ndraws }, (_, s) => names.map((n) => m.draws[n][s]));
      const ll = pointwiseLogLik(model, draws, names);
      expect(ll).toHaveLength(m.logLik.length);
      for (let i = 0; i < ll.length; i++) for (let s = 0; s < m.ndraws; s += 7) close(ll[i][s], m.logLik[i][s], `log_lik[${s}, ${i}]`, 1e-10);
    });
  }
});
