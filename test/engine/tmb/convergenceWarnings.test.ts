/**
 * glmmTMB's Hessian check (src-engine/tmb/convergenceWarnings.ts) on constructed Hessians: which
 * warning, when the refined Hessian is used, and glmmTMB's wording. Against glmmTMB itself:
 * glmmTMB.test.ts (pdHess and the warnings of every fixture).
 */
import { describe, expect, it } from 'vitest';
import { fromRows } from '../../../src-engine/linalg/lapack';
import { checkHessian, optimizerWarning } from '../../../src-engine/tmb/convergenceWarnings';

const never = () => {
  throw new Error('refine must not be called for a positive-definite Hessian');
};

describe('glmmTMB convergence checks', () => {
  it('a well-conditioned positive-definite Hessian passes without a warning', () => {
    const r = checkHessian(fromRows([[2, 0.5], [0.5, 1]]), 2, never);
    expect(r.pdHess).toBe(true);
    expect(r.warning).toBeUndefined();
  });
  it('an indefinite Hessian that stays indefinite when refined gives the non-positive-definite warning', () => {
    const H = fromRows([[1, 2], [2, 1]]);
    let refined = 0;
    const r = checkHessian(H, 2, () => { refined++; return fromRows([[1, 2.0001], [2.0001, 1]]); });
    expect(refined).toBe(1);
    expect(r.pdHess).toBe(false);
    expect(r.hessian).toBe(H);
    expect(r.warning?.code).toBe('non-pd-hessian');
    expect(r.warning?.message).toBe("Model convergence problem; non-positive-definite Hessian matrix. See vignette('troubleshooting')");
    expect(r.warning?.advice).toMatch(/standard errors cannot be trusted/);
  });
  it('a Hessian that fails Cholesky only by difference error is replaced by the refined one, as glmmTMB does', () => {
    const better = fromRows([[1, 0], [0, 1e-6]]);
    const r = checkHessian(fromRows([[1, 0], [0, -1e-9]]), 2, () => better);
    expect(r).toEqual({ hessian: better, pdHess: true });
  });
  it('a refined Hessian with an eigenvalue at machine precision still warns', () => {
    expect(checkHessian(fromRows([[1, 0], [0, -1e-9]]), 2, () => fromRows([[1, 0], [0, 1e-17]])).warning?.code).toBe('non-pd-hessian');
    expect(checkHessian(fromRows([[1, 0], [0, -1e-9]]), 2, () => undefined).warning?.code).toBe('non-pd-hessian');
  });
  it('a refined Hessian whose smallest eigenvalue is zero within its relative accuracy (below √ε · the largest) warns', () => {
    // sal_warn_hessian at Quadrat's optimum: eigenvalues 1.3e-8 … 133 after refinement
    expect(checkHessian(fromRows([[133, 0], [0, -5e-7]]), 2, () => fromRows([[133, 0], [0, 1.3e-8]])).warning?.code).toBe('non-pd-hessian');
    expect(checkHessian(fromRows([[133, 0], [0, -5e-7]]), 2, () => fromRows([[133, 0], [0, 1e-5]])).pdHess).toBe(true);
  });
  it('a positive-definite Hessian with an eigenvalue below 10ε gives the small-eigenvalue warning', () => {
    // Cholesky succeeds on diag(1, 1e-15), but 1e-15 < 10 · 2.2e-16
    const r = checkHessian(fromRows([[1, 0], [0, 1e-15]]), 2, never);
    expect(r.pdHess).toBe(true);
    expect(r.warning?.message).toBe("Model convergence problem; extreme or very small eigenvalues detected. See vignette('troubleshooting')");
    expect(checkHessian(fromRows([[1, 0], [0, 1e-14]]), 2, never).warning).toBeUndefined();
  });
  it('an optimizer that did not converge is reported in glmmTMB’s form', () => {
    expect(optimizerWarning('Stopped after 1000 iterations.').message).toBe("Model convergence problem; Stopped after 1000 iterations. See vignette('troubleshooting')");
  });
});
