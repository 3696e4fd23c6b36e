/**
 * Finish the θ optimisation with one Newton step on lme4's own convergence-check derivatives.
 *
 * lme4 stops BOBYQA early (nloptwrap: xtol_rel 1e-4) and then spends 2k² + 1 evaluations on a
 * finite-difference gradient g and Hessian H to check convergence. BOBYQA's last trust-radius stages
 * (1e-3 → 2e-7) cost a third or more of a small fit's evaluations, yet near the optimum the criterion
 * is nearly quadratic, so θ₁ = θ₀ − H⁻¹g from the check's derivatives lands within ~1e-6 of the optimum
 * for one more evaluation. The step is taken only off the bounds, when H is positive definite, the step
 * is short and the criterion goes down; otherwise the caller's `resume` finishes the fit (fitDesign runs
 * BOBYQA again from its start to the usual final radius).
 */
import { dpotrf, dpotrs } from '../linalg/lapack';
import { type MinimizeResult, type Objective } from '../optim/types';
import { deriv12, gradientAt } from './convergence';

/** BOBYQA's final trust radius before the Newton step. */
export const LOOSE_RHOEND = 1e-3;
/** A bounded θ below this may be heading for its bound (a singular fit): leave it to BOBYQA. */
const NEAR_BOUND = 1e-2;
/** Longest accepted step (max-norm): longer means the quadratic model is not to be trusted. */
const MAX_STEP = 20 * LOOSE_RHOEND;
/** A predicted decrease below this is rounding noise in the criterion: θ₀ is already the optimum. */
const NOISE = 1e-6;
/**
 * A predicted decrease above this means θ₀ was far enough out for the criterion's departure from a
 * quadratic to matter (seen: 8e-6 left after one step from 8e-3): one more step with the same H and
 * the gradient at θ₁ (2k + 1 evaluations).
 */
const REFINE = 1e-5;

export interface Derivatives {
  gradient: Float64Array;
  /** Column-major k×k. */
  hessian: Float64Array;
  /** Where they were taken. */
  at: Float64Array;
}

export interface PolishResult {
  x: Float64Array;
  f: number;
  /** Evaluations spent beyond the derivatives (the trial point, a resumed BOBYQA). */
  evaluations: number;
  /** The derivatives at the loose optimum, when taken (reused by the convergence checks). */
  derivatives: Derivatives | undefined;
  /** How the fit was finished, for tests and docs. */
  how: 'newton' | 'at-optimum' | 'resumed';
  /** False only when a resumed BOBYQA did not converge. */
  converged: boolean;
}

/**
 * @param resume  a tight BOBYQA run, given θ₀ (fitDesign ignores it and starts again from its start)
 */
export function newtonPolish(
  f: Objective,
  x0: Float64Array,
  f0: number,
  lower: Float64Array,
  resume: (from: Float64Array) => MinimizeResult,
): PolishResult {
  const resumed = (derivatives: Derivatives | undefined): PolishResult => {
    const r = resume(x0);
    const better = r.f < f0;
    return {
      x: better ? r.x : x0,
      f: better ? r.f : f0,
      evaluations: r.evaluations,
      derivatives: better ? undefined : derivatives,
      how: 'resumed',
      converged: r.status === 'converged',
    };
  };
  for (let i = 0; i < x0.length; i++) if (lower[i] === 0 && x0[i] < NEAR_BOUND) return resumed(undefined);

  const { gradient, hessian } = deriv12(f, x0, lower);
  const derivatives = { gradient, hessian, at: x0 };
  const { L: chol, info } = dpotrf(hessian, x0.length);
  if (info !== 0) return resumed(derivatives);
  const first = newtonStep(chol, gradient, x0, lower);
  if (!first) return resumed(derivatives);
  const { x: x1, predicted } = first;
  const f1 = f(x1);
  if (f1 <= f0) {
    if (predicted <= REFINE) return { x: x1, f: f1, evaluations: 1, derivatives, how: 'newton', converged: true };
    const second = newtonStep(chol, gradientAt(f, x1, lower), x1, lower);
    const f2 = second ? f(second.x) : Infinity;
    const evaluations = 2 * x0.length + 1 + (second ? 1 : 0);
    if (second && f2 <= f1) return { x: second.x, f: f2, evaluations, derivatives, how: 'newton', converged: true };
    return { x: x1, f: f1, evaluations, derivatives, how: 'newton', converged: true };
  }
  if (predicted < NOISE) return { x: x0, f: f0, evaluations: 1, derivatives, how: 'at-optimum', converged: true };
  const r = resumed(derivatives);
  return { ...r, evaluations: r.evaluations + 1 };
}

/** x − H⁻¹g and its predicted decrease ½gᵀH⁻¹g, or undefined when the step leaves the safe region. */
function newtonStep(chol: Float64Array, g: Float64Array, x: Float64Array, lower: Float64Array): { x: Float64Array; predicted: number } | undefined {
  const step = dpotrs(chol, x.length, g);
  let predicted = 0;
  const next = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    predicted += 0.5 * g[i] * step[i];
    if (!(Math.abs(step[i]) <= MAX_STEP)) return undefined;
    next[i] = x[i] - step[i];
    if (next[i] < lower[i] || (lower[i] === 0 && next[i] < NEAR_BOUND)) return undefined;
  }
  return { x: next, predicted };
}
