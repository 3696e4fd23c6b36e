/**
 * lme4's checks after a GLMM fit (nAGQ ≥ 1): the gradient and Hessian of the objective at the optimum
 * (exact-gradient differences where the Laplace gradient exists, else deriv12-style central
 * differences), the scaled-gradient and Hessian convergence checks, and vcov(β̂) from the Hessian.
 */
import { dgeev, dgetri } from '../linalg/lapack';
import { checkConvergence } from '../lmm/convergence';
import { gradientHessian, hessianFromGradient } from '../optim/centralDifferences';
import { type GlmmModel } from './glmmModel';

export function derivativeChecks(
  model: GlmmModel,
  nAGQ: number,
  useGradient: boolean,
  theta: Float64Array,
  beta: Float64Array,
  singular: boolean,
): { warnings: string[]; converged: boolean; vcov: Float64Array | undefined } {
  const k = theta.length;
  const p = beta.length;
  const par = Float64Array.from([...theta, ...beta]);
  // unbounded, as lme4's deriv12: the objective is even in each diagonal θ, so at θ = 0 the central
  // difference is the symmetric one rather than a one-sided step clipped at the bound. deriv12's
  // differences with fewer evaluations (centralDifferences.ts).
  const exact = useGradient ? hessianFromGradient((x) => model.laplaceGradient(x), par) : undefined;
  const { gradient, hessian } = exact ?? gradientHessian((x) => model.objective(x, nAGQ), par, new Float64Array(k + p).fill(-Infinity));
  const warnings: string[] = [];
  let converged = true;
  if (!singular) {
    const check = checkConvergence(gradient, hessian);
    warnings.push(...check.warnings);
    converged = check.converged;
  }
  const vcov = hessianVcov(hessian, k, p);
  if (!vcov) warnings.push('variance-covariance matrix computed from finite-difference Hessian is not positive definite or contains NA values: falling back to var-cov estimated from RX');
  return { warnings, converged, vcov };
}

/** lme4's vcov.merMod(use.hessian = TRUE): the β block of 2 H⁻¹, if H is positive definite. */
function hessianVcov(H: Float64Array, k: number, p: number): Float64Array | undefined {
  const n = k + p; // H column-major n×n
  if (H.some((v) => !Number.isFinite(v))) return undefined;
  const ev = Array.from(dgeev(H, n));
  if (Math.min(...ev) <= 0) return undefined;
  // positive eigenvalues can still leave an LU pivot at exactly 0 (a coefficient running off under
  // separation makes H singular to rounding): that is lme4's not-positive-definite case too
  let Hi: Float64Array; // column-major
  try {
    Hi = dgetri(H, n);
  } catch {
    return undefined;
  }
  if (!Hi.every(Number.isFinite)) return undefined;
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) out[i * p + j] = 2 * Hi[(k + j) * n + k + i];
  return out;
}
