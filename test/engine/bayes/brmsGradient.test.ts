/**
 * The hand-derived gradient of the brms log density against central finite differences, for every
 * family, every prior distribution, every kind of bound, and a 3×3 correlation matrix (the Cholesky
 * transform's inner terms, which a 2×2 matrix does not reach).
 */
import { describe, expect, it } from 'vitest';
import { buildBrmsModel, type BrmsRequest } from '../../../src-engine/bayes/model/buildBrmsModel';
import { loadCaseTable } from '../lmm/loadCase';

/** A fixed-seed uniform generator (mulberry32) so the points are the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const table = (data: string, factors: string[], rows?: number) => {
  const t = loadCaseTable({ data, factors, subset: rows ? { rows: Array.from({ length: rows }, (_, i) => i + 1) } : null } as never);
  return t;
};

interface Case {
  name: string;
  data: string;
  factors: string[];
  rows?: number;
  request: BrmsRequest;
}

const CASES: Case[] = [
  { name: 'gaussian, 3×3 correlation, lkj(2), bounded b, exponential sigma', data: 'sleepstudy.csv', factors: ['Subject'],
    request: { formula: 'Reaction ~ Days + (1 + Days + I(Days^2) | Subject)', family: 'gaussian',
      priors: [{ prior: 'normal(5, 10)', class: 'b', lb: -20, ub: 40 }, { prior: 'lkj(2)', class: 'cor' }, { prior: 'exponential(0.05)', class: 'sigma' }, { prior: 'cauchy(0, 20)', class: 'sd' }] } },
  { name: 'binomial cbind, upper bound on b, gamma sd', data: 'cbpp.csv', factors: ['herd', 'period'],
    request: { formula: 'cbind(incidence, size - incidence) ~ period + (1 | herd)', family: 'binomial',
      priors: [{ prior: 'student_t(4, 0, 2)', class: 'b', ub: 3 }, { prior: 'gamma(2, 1)', class: 'sd' }] } },
  { name: 'binomial trials, bounded Intercept', data: 'cbpp.csv', factors: ['herd', 'period'],
    request: { formula: 'incidence | trials(size) ~ period + (1 | herd)', family: 'binomial',
      priors: [{ prior: 'normal(0, 2)', class: 'Intercept', lb: -5 }, { prior: 'normal(0, 1)', class: 'b', coef: 'period2' }] } },
  { name: 'bernoulli, uncorrelated ||', data: 'VerbAgg.csv', factors: ['id', 'item', 'Gender', 'btype', 'situ'], rows: 600,
    request: { formula: 'r2num ~ Anger + btype + (1 + Anger || item)', family: 'bernoulli', priors: [{ prior: 'normal(0, 2.5)', class: 'b' }] } },
  { name: 'poisson, two groups', data: 'grouseticks.csv', factors: ['INDEX', 'BROOD', 'YEAR', 'LOCATION'],
    // without cHEIGHT (±50): at random points exp(η) would reach 1e6 and the differences lose their digits
    request: { formula: 'TICKS ~ YEAR + (1 | BROOD) + (1 | LOCATION)', family: 'poisson' } },
  { name: 'negbinomial, gamma shape, sd per group', data: 'grouseticks.csv', factors: ['INDEX', 'BROOD', 'YEAR', 'LOCATION'],
    request: { formula: 'TICKS ~ YEAR + cHEIGHT + (1 | BROOD)', family: 'negbinomial',
      priors: [{ prior: 'gamma(2, 0.5)', class: 'shape' }, { prior: 'normal(0, 1)', class: 'sd', group: 'BROOD' }, { prior: 'cauchy(0, 1)', class: 'b', coef: 'cHEIGHT' }] } },
  { name: 'no intercept, correlated factor slopes', data: 'cbpp.csv', factors: ['herd', 'period'],
    request: { formula: 'incidence | trials(size) ~ 0 + period + (1 + size | herd)', family: 'binomial' } },
];

describe('gradient of the brms log density vs central differences', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const { model } = buildBrmsModel(table(c.data, c.factors, c.rows), c.request);
      const u = rng(7);
      const grad = new Float64Array(model.dim);
      const scratch = new Float64Array(model.dim);
      for (let rep = 0; rep < 2; rep++) {
        const q = Float64Array.from({ length: model.dim }, () => (u() - 0.5) * 1.6);
        const lp = model.logDensityGradient(q, grad);
        expect(Number.isFinite(lp)).toBe(true);
        for (let i = 0; i < model.dim; i++) {
          const h = 1e-5;
          const qp = q.slice();
          qp[i] += h;
          const qm = q.slice();
          qm[i] -= h;
          const fd = (model.logDensityGradient(qp, scratch) - model.logDensityGradient(qm, scratch)) / (2 * h);
          expect(Math.abs(grad[i] - fd) / Math.max(1, Math.abs(fd)), `parameter ${i}`).toBeLessThan(2e-5);
        }
      }
    });
  }
});
