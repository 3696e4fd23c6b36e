/**
 * brms-style conditional effects from draws: each point is the median and 95 % quantiles of g⁻¹(x'b)
 * over the draws (checked directly), and with 108 observations and brms's default priors the curves sit
 * where lme4's population predictions do (the effect plot's numbers, tested against R).
 */
import { describe, expect, it } from 'vitest';
import { runBayesChain } from '../../../src-engine/bayes/fit/bayesChain';
import { conditionalEffects, drawsOfChains } from '../../../src-engine/bayes/fit/conditionalEffects';
import { buildBrmsModel } from '../../../src-engine/bayes/model/buildBrmsModel';
import { quantile } from '../../../src-engine/bayes/diagnostics/quantile';
import { effects } from '../../../src-engine/inference/predict/effects';
import { loadCaseTable } from '../lmm/loadCase';

describe('conditionalEffects', () => {
  const table = loadCaseTable({ data: 'Orthodont.csv', factors: ['Subject', 'Sex'], subset: null } as never);
  const request = { formula: 'distance ~ age * Sex + (1 | Subject)', family: 'gaussian', priors: [], chains: 2, iter: 1000, seed: 11 };
  const { model } = buildBrmsModel(table, request);
  const chains = [0, 1].map((k) => runBayesChain(model, request, k));
  const draws = drawsOfChains(chains[0].names, chains);
  const { names, count } = draws;
  const values = draws.values as Float64Array;
  const ce = conditionalEffects(table, request, draws, 'age', 'Sex');

  it('summarises the posterior of the mean at each point by its median and 95 % quantiles', () => {
    const j = (n: string) => names.indexOf(n);
    const mu = Array.from({ length: count }, (_, d) => values[d * names.length + j('b_Intercept')] + 8 * values[d * names.length + j('b_age')]);
    expect(ce.curves.map((c) => c.level)).toEqual(['Female', 'Male']);
    expect(ce.curves[0].x[0]).toBe(8);
    expect(ce.curves[0].estimate[0]).toBeCloseTo(quantile(mu, 0.5), 10);
    expect(ce.curves[0].lower[0]).toBeCloseTo(quantile(mu, 0.025), 10);
    expect(ce.curves[0].upper[0]).toBeCloseTo(quantile(mu, 0.975), 10);
  });

  it('sits where lme4’s population predictions are, with bands of about the same width', () => {
    const freq = effects(table, { formula: request.formula, reml: true }, 'age', 'Sex', { points: 100 });
    ce.curves.forEach((c, k) => {
      for (const i of [0, 50, 99]) {
        const width = freq.curves[k].upper[i] - freq.curves[k].lower[i];
        expect(Math.abs(c.estimate[i] - freq.curves[k].estimate[i])).toBeLessThan(0.15 * width);
        expect((c.upper[i] - c.lower[i]) / width).toBeGreaterThan(0.8);
        expect((c.upper[i] - c.lower[i]) / width).toBeLessThan(1.4);
      }
    });
  });
});
