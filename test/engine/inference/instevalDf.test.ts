/**
 * InstEval's Satterthwaite df (73,421 rows, three scalar terms, a 1,159 dense rest): the θ block of the
 * Hessian is exact (scalarThetaHessian.ts), not lmerTest's Richardson extrapolation. At lme4's θ̂ the df
 * match lmerTest's (the fixture) and lmerTest's own procedure run here.
 */
import { describe, expect, it } from 'vitest';
import { satterthwaiteDf } from '../../../src-engine/inference/satterthwaite';
import { scalarHessianApplies } from '../../../src-engine/inference/scalarThetaHessian';
import { varparCovariance } from '../../../src-engine/inference/varpar';
import { loadLmmFixture } from '../reference/fixtures';
import { fitAtR } from './fitCase';

describe('InstEval: Satterthwaite df from the exact θ Hessian', () => {
  it('match lmerTest’s df and its Richardson procedure', () => {
    const fx = loadLmmFixture('insteval_ml');
    const fit = fitAtR(fx as never, fx.expected.theta);
    expect(scalarHessianApplies(fit.model, fit.theta)).toBe(true);
    const exact = varparCovariance(fit);
    const richardson = varparCovariance(fit, false);
    const p = fit.model.design.p;
    for (let j = 0; j < p; j++) {
      const L = Array.from({ length: p }, (_, i) => (i === j ? 1 : 0));
      const a = satterthwaiteDf(exact, L).df;
      const r = satterthwaiteDf(richardson, L).df;
      const lmerTest = fx.expected.fixed[j].df!;
      expect(Math.abs(a - r), `${a} vs ${r}`).toBeLessThanOrEqual(2e-7 * r);
      expect(Math.abs(a - lmerTest), `${a} vs lmerTest ${lmerTest}`).toBeLessThanOrEqual(1e-5 * lmerTest);
    }
    expect(exact.warnings).toEqual(richardson.warnings);
  }, 300_000);
});
