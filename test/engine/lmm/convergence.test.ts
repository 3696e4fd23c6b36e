/** lme4's convergence checks on the derivatives at the optimum: their verdicts, and no crash on a bad Hessian. */
import { describe, expect, it } from 'vitest';
import { checkConvergence } from '../../../src-engine/lmm/convergence';
import { fromRows } from '../../../src-engine/linalg/lapack';

describe('checkConvergence', () => {
  it('passes a small gradient at a positive definite Hessian', () => {
    const r = checkConvergence(Float64Array.from([1e-6, -1e-6]), fromRows([[2, 0.5], [0.5, 1]]));
    expect(r).toEqual({ converged: true, warnings: [] });
  });

  it('flags a Hessian that is not positive definite', () => {
    const r = checkConvergence(Float64Array.from([0, 0]), fromRows([[1, 2], [2, 1]]));
    expect(r.converged).toBe(false);
    expect(r.warnings.join(' ')).toMatch(/Hessian is not positive definite/);
  });

  it('says the curvature is unknown when the objective failed beside the optimum (NaN/∞ differences)', () => {
    for (const bad of [NaN, Infinity]) {
      const r = checkConvergence(Float64Array.from([0, 0]), fromRows([[1, 0], [0, bad]]));
      expect(r.converged).toBe(false);
      expect(r.warnings.join(' ')).toMatch(/could not be evaluated at points beside the estimates/);
    }
    expect(checkConvergence(Float64Array.from([NaN, 0]), fromRows([[1, 0], [0, 1]])).converged).toBe(false);
  });
});
