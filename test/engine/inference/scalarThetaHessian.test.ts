/**
 * The exact θ block of devfun_vp's Hessian for all-scalar models (scalarThetaHessian.ts) against
 * numDeriv's Richardson extrapolation of devfun_vp(·, σ̂) in θ (lmerTest's own θ block), by ML and REML,
 * on every reference case it applies to (the block-0 + dense-rest factorization, scalar terms, θ̂ clear of 0).
 */
import { describe, expect, it } from 'vitest';
import { hessian } from '../../../src-engine/inference/richardson';
import { scalarHessianApplies, scalarThetaHessian } from '../../../src-engine/inference/scalarThetaHessian';
import { varparDeviance } from '../../../src-engine/inference/varpar';
import { lmmCaseNames, loadLmmFixture } from '../reference/fixtures';
import { fitCase } from './fitCase';

const SCALAR = lmmCaseNames().filter((n) => n !== 'insteval_ml');

describe('exact θ Hessian of devfun_vp for scalar terms', () => {
  const applicable = SCALAR.filter((name) => {
    const fit = fitCase(loadLmmFixture(name) as never);
    return scalarHessianApplies(fit.model, fit.theta);
  });

  it('applies to several reference cases (penicillin, ham among them)', () => {
    expect(applicable).toContain('penicillin');
    expect(applicable.length).toBeGreaterThanOrEqual(3);
  });

  it.each(applicable.flatMap((name) => [[name, true] as const, [name, false] as const]))('%s (REML %s): equals the Richardson Hessian to 1e-7', (name, reml) => {
    const fx = loadLmmFixture(name);
    const fit = fitCase(fx as never, fx.formula, reml);
    const { model, theta, sigma } = fit;
    const exact = scalarThetaHessian(model.factorAt(theta)!, sigma, reml)!;
    expect(exact).toBeDefined();
    const dev = varparDeviance(model, reml);
    const tau = new Float64Array(theta.length + 1);
    tau[theta.length] = sigma;
    const rich = hessian((t) => {
      tau.set(t);
      return dev(tau);
    }, theta);
    let scale = 0;
    for (const v of rich) scale = Math.max(scale, Math.abs(v));
    const n = theta.length; // both column-major n×n
    for (let a = 0; a < n; a++)
      for (let b = 0; b < n; b++) expect(Math.abs(exact[b * n + a] - rich[b * n + a]), `H[${a}][${b}] ${exact[b * n + a]} vs ${rich[b * n + a]}`).toBeLessThanOrEqual(1e-7 * scale);
  });
});
