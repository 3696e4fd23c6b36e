/**
 * InstEval (73,421 rows; students crossed with instructors): the scale case of the lme4 paper. One ML
 * fit against lme4's fixture; the dense fill-in block is 1,159 × 1,159.
 */
import { describe, expect, it } from 'vitest';
import { fitLmm } from '../../../src-engine/lmm/fitLmm';
import { loadLmmFixture } from '../reference/fixtures';
import { loadCaseTable } from './loadCase';

describe('InstEval ML', () => {
  it('matches lme4: deviance, θ, σ and fixed effects', () => {
    const fx = loadLmmFixture('insteval_ml');
    const e = fx.expected;
    const r = fitLmm(loadCaseTable(fx), { formula: fx.formula, reml: false, ddf: 'none' });
    expect(r.nobs).toBe(e.nobs);
    expect(r.groups).toEqual(e.groups);
    expect(r.deviance).toBeLessThanOrEqual(e.deviance + 1e-3);
    expect(Math.abs(r.deviance - e.deviance)).toBeLessThan(1e-3);
    r.theta.forEach((t, k) => expect(Math.abs(t - e.theta[k]) / e.theta[k], `theta[${k}]`).toBeLessThan(1e-4));
    expect(Math.abs(r.sigma - e.sigma) / e.sigma).toBeLessThan(1e-4);
    r.fixed.forEach((f, j) => {
      expect(f.term).toBe(e.fixed[j].term);
      expect(Math.abs(f.estimate - e.fixed[j].estimate) / Math.abs(e.fixed[0].estimate)).toBeLessThan(1e-4);
      expect(Math.abs(f.stdError - e.fixed[j].stdError) / e.fixed[j].stdError).toBeLessThan(1e-4);
    });
    expect(r.singular).toBe(false);
  }, 300_000);
});
