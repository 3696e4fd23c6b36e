/**
 * Satterthwaite's ingredients from exact derivatives (varparDerivatives.ts, varparHessian.ts) against
 * lmerTest's own procedure (Richardson extrapolation of the deviance and of vcov(β), varparCovariance(fit,
 * false)) on every reference case but InstEval (whose θ block is the Richardson one, step for step):
 * the df of every coefficient to 1e-6 relative, the same warnings. And the exact first derivatives
 * against central differences of the factorization's own log|L|², log|R_X|² and r².
 */
import { describe, expect, it } from 'vitest';
import { varparCovariance } from '../../../src-engine/inference/varpar';
import { varparDerivatives } from '../../../src-engine/inference/varparDerivatives';
import { gradientsAreCheap } from '../../../src-engine/inference/varparHessian';
import { satterthwaiteDf } from '../../../src-engine/inference/satterthwaite';
import { lmmCaseNames, loadLmmFixture } from '../reference/fixtures';
import { fitCase } from './fitCase';

const CASES = lmmCaseNames().filter((n) => n !== 'insteval_ml');

describe('Satterthwaite df from exact derivatives', () => {
  it.each(CASES)('%s: df within 1e-6 of lmerTest’s Richardson procedure', (name) => {
    const fit = fitCase(loadLmmFixture(name) as never);
    const exact = varparCovariance(fit);
    const richardson = varparCovariance(fit, false);
    const p = fit.model.design.p;
    for (let j = 0; j < p; j++) {
      const L = Array.from({ length: p }, (_, i) => (i === j ? 1 : 0));
      const a = satterthwaiteDf(exact, L);
      const r = satterthwaiteDf(richardson, L);
      expect(Math.abs(a.df - r.df), `${fit.model.design.fixedNames[j]}: ${a.df} vs ${r.df}`).toBeLessThanOrEqual(1e-6 * r.df);
      expect(a.variance).toBe(r.variance);
    }
    expect(exact.warnings).toEqual(richardson.warnings);
  });

  it('takes each route: gradient differences (small rest, supernodal) and the Richardson θ block (ham)', () => {
    const cheap = (name: string) => gradientsAreCheap(fitCase(loadLmmFixture(name) as never).model);
    expect(cheap('sleepstudy_reml')).toBe(true);
    expect(cheap('field_nested_slopes')).toBe(true);
    expect(cheap('ham')).toBe(false);
  });
});

describe('exact first derivatives in θ', () => {
  const NAMES = ['sleepstudy_weights', 'sleepstudy_offset', 'orthodont', 'ham', 'penicillin', 'field_nested_slopes', 'formula_no_intercept'];
  it.each(NAMES)('%s: against central differences of the factorization', (name) => {
    const fit = fitCase(loadLmmFixture(name) as never);
    const { model } = fit;
    const theta = fit.theta.map((t, i) => (model.thetaLayout.isDiagonal[i] && t < 0.05 ? 0.3 : t));
    const f = model.factorAt(theta)!;
    const d = varparDerivatives(f, true);
    const viaModes = varparDerivatives(f, true, true);
    expect(d.dLdL2).toBeDefined();
    const scale = 1 + Math.abs(d.ldL2) + d.pwrss;
    for (let k = 0; k < theta.length; k++) {
      const h = 1e-5 * Math.max(Math.abs(theta[k]), 0.1);
      const at = (v: number) => varparDerivatives(model.factorAt(Float64Array.from(theta, (t, i) => (i === k ? v : t)))!, false);
      const plus = at(theta[k] + h);
      const minus = at(theta[k] - h);
      const fd = (key: 'ldL2' | 'ldRX2' | 'pwrss') => (plus[key] - minus[key]) / (2 * h);
      const near = (a: number, b: number) => Math.abs(a - b) <= 1e-5 * Math.abs(b) + 1e-9 * scale;
      expect(near(d.dLdL2![k], fd('ldL2')), `log|L|² ${k}: ${d.dLdL2![k]} vs ${fd('ldL2')}`).toBe(true);
      expect(near(d.dLdRX2[k], fd('ldRX2')), `log|R_X|² ${k}: ${d.dLdRX2[k]} vs ${fd('ldRX2')}`).toBe(true);
      expect(near(d.dPwrss[k], fd('pwrss')), `r² ${k}: ${d.dPwrss[k]} vs ${fd('pwrss')}`).toBe(true);
      // the normal equations' shortcut gives the same derivatives as the pass over the data
      expect(Math.abs(viaModes.dPwrss[k] - d.dPwrss[k])).toBeLessThanOrEqual(1e-9 * scale);
      expect(Math.abs(viaModes.dLdRX2[k] - d.dLdRX2[k])).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(d.dLdRX2[k])));
    }
  });
});
