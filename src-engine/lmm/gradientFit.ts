/**
 * θ for a large LMM by projected BFGS on the exact gradient of lme4's profiled criterion, instead of
 * BOBYQA's ~30 evaluations per θ (the field design: 164 evaluations of 5 θ). From
 *   d(θ) = log|L_θ|² + n′ [1 + log(2π r²(θ)/n′)] [+ log|R_X|²] − log|W|,  n′ = n (ML) or n − p (REML),
 *   ∂d/∂θ_k = ∂log|L_θ|²/∂θ_k + n′ (∂r²/∂θ_k)/r² [+ ∂log|R_X|²/∂θ_k]
 * with the pieces of inference/varparDerivatives.ts (a factorization, p + 1 back-solves and the
 * selected inversion's per-block sums: 3–4 evaluations' cost where the dense random-effects rest is
 * small). Used only where that holds and lme4 skips its derivative checks (nobs > 10⁴); a θ heading
 * for its bound (the gradient's log-determinant part needs Λ invertible), a failed line search or an
 * unconverged run hands over to BOBYQA from the best point, so the result is never worse than the
 * fallback's start.
 */
import { gradientsAreCheap } from '../inference/varparHessian';
import { varparDerivatives } from '../inference/varparDerivatives';
import { quasiNewtonExact } from '../optim/minimize';
import { type MinimizeOptions, type MinimizeResult } from '../optim/types';
import { type LmmModel } from './lmmModel';

/**
 * Stop when every free component of the gradient is below this (criterion units per unit of θ). The
 * criterion's curvature in θ grows with n (≥ 10⁴ here), so the distance left to the optimum is below
 * ~1e-7 and the criterion within ~1e-10 of it: tighter than BOBYQA's final radius 1e-5 for these fits.
 */
export const GRADIENT_TOL = 1e-3;
/** The first step (identity inverse Hessian) moves no θ by more than this. */
const MAX_FIRST_STEP = 0.1;
/** lme4 skips its derivative checks above this many observations (fitDesign's CHECK_MAX_NOBS). */
const MIN_NOBS = 1e4;

/** Whether θ is fitted on the exact gradient: a large model whose gradient costs a few evaluations. */
export function useGradientFit(model: LmmModel): boolean {
  return model.design.n > MIN_NOBS && gradientsAreCheap(model);
}

/**
 * ∂d/∂θ at θ into g; false where it cannot be had (a factorization failure, a singular template).
 * Right after model.objective(θ) the supernodal factorization there is reused (model.factorAt).
 */
export function profiledGradient(model: LmmModel, theta: Float64Array, g: Float64Array): boolean {
  const f = model.factorAt(theta);
  const d = f && varparDerivatives(f, true, true);
  if (!d?.dLdL2) return false;
  const { n, p } = model.design;
  const nPrime = model.reml ? n - p : n;
  for (let k = 0; k < g.length; k++) g[k] = d.dLdL2[k] + (nPrime * d.dPwrss[k]) / d.pwrss + (model.reml ? d.dLdRX2[k] : 0);
  return g.every(Number.isFinite);
}

export interface GradientFitResult {
  result: MinimizeResult;
  /** Exact gradients taken (each about 3–4 evaluations' cost). */
  gradients: number;
}

/**
 * BFGS from `start`; BOBYQA (`fallback`, given the best point so far and the evaluations spent) when
 * it does not converge. Evaluations in the result include both runs.
 */
export function gradientFit(
  model: LmmModel,
  f: (theta: Float64Array) => number,
  start: Float64Array,
  options: MinimizeOptions,
  fallback: (from: Float64Array, done: number) => MinimizeResult,
): GradientFitResult {
  let gradients = 0;
  // the optimizer asks for the gradient right after evaluating there: model.factorAt reuses that factorization
  const gradient = (x: Float64Array, _fx: number, g: Float64Array) => {
    gradients++;
    return profiledGradient(model, x, g);
  };
  const qn = quasiNewtonExact(f, gradient, start, { ...options, gtol: GRADIENT_TOL, maxFirstStep: MAX_FIRST_STEP });
  if (qn.status === 'converged') return { result: qn, gradients };
  const after = fallback(qn.x, qn.evaluations);
  const better = after.f <= qn.f ? after : qn;
  return { result: { ...better, evaluations: qn.evaluations + after.evaluations, attempts: [...qn.attempts, ...after.attempts] }, gradients };
}
