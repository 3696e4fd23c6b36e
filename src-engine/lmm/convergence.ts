/**
 * lme4's post-fit checks (R/checkConv.R): a singular fit when a diagonal θ is within 1e-4 of its bound
 * (then nothing else is checked), else the finite-difference gradient scaled by the Hessian, and the
 * Hessian's eigenvalues. Messages say what the condition means and what to try.
 */
import { dgeev, dpotrf, dpotrs } from '../linalg/lapack';

export const SINGULAR_TOL = 1e-4;
const GRAD_TOL = 2e-3;
const HESS_TOL = 1e-6;

export function isSingularTheta(theta: Float64Array, lower: Float64Array): boolean {
  for (let i = 0; i < theta.length; i++) if (lower[i] === 0 && theta[i] < SINGULAR_TOL) return true;
  return false;
}

/** Central finite differences as lme4's deriv12 (step 1e-4, clipped at the bounds); the Hessian column-major k×k. */
export function deriv12(f: (x: Float64Array) => number, x: Float64Array, lower: Float64Array, delta = 1e-4): { gradient: Float64Array; hessian: Float64Array } {
  const k = x.length;
  const fx = f(x);
  const g = new Float64Array(k);
  const H = new Float64Array(k * k);
  const at = (changes: [number, number][]) => {
    const y = x.slice();
    for (const [i, d] of changes) y[i] = Math.max(x[i] + d, lower[i]);
    return f(y);
  };
  for (let i = 0; i < k; i++) {
    const fadd = at([[i, delta]]);
    const fsub = at([[i, -delta]]);
    g[i] = (fadd - fsub) / (2 * delta);
    H[i * k + i] = (fadd - 2 * fx + fsub) / (delta * delta);
    for (let j = 0; j < i; j++) {
      const fpp = at([[i, delta], [j, delta]]);
      const fpm = at([[i, delta], [j, -delta]]);
      const fmp = at([[i, -delta], [j, delta]]);
      const fmm = at([[i, -delta], [j, -delta]]);
      H[j * k + i] = H[i * k + j] = (fpp - fpm - fmp + fmm) / (4 * delta * delta);
    }
  }
  return { gradient: g, hessian: H };
}

/** The central-difference gradient alone (as deriv12's, 2k evaluations). */
export function gradientAt(f: (x: Float64Array) => number, x: Float64Array, lower: Float64Array, delta = 1e-4): Float64Array {
  const g = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const y = x.slice();
    y[i] = Math.max(x[i] + delta, lower[i]);
    const fadd = f(y);
    y[i] = Math.max(x[i] - delta, lower[i]);
    g[i] = (fadd - f(y)) / (2 * delta);
  }
  return g;
}

export interface ConvergenceCheck {
  converged: boolean;
  warnings: string[];
}

/** `hessian` column-major n×n, n = the gradient's length. */
export function checkConvergence(gradient: Float64Array, hessian: Float64Array): ConvergenceCheck {
  const warnings: string[] = [];
  let converged = true;
  // an objective that fails at a point beside the optimum leaves NaN/∞ in the finite differences
  // (lme4: "Problem with Hessian check (infinite or missing values?)"); Cholesky would throw on them
  if ([...gradient, ...hessian].some((v) => !Number.isFinite(v))) {
    warnings.push(
      'The fit may not have converged: the likelihood could not be evaluated at points beside the estimates, so its slope and curvature there are unknown. ' +
        'Try rescaling numeric predictors (centre and scale them), or simplify the random-effects structure.',
    );
    return { converged: false, warnings };
  }
  const n = gradient.length;
  const H = hessian;
  const chol = dpotrf(H, n);
  if (chol.info !== 0) {
    warnings.push(
      'The fit may not have converged: the curvature of the likelihood could not be evaluated (the Hessian is not positive definite). ' +
        'Try rescaling numeric predictors (centre and scale them), or simplify the random-effects structure.',
    );
    converged = false;
  } else {
    const sc = dpotrs(chol.L, n, gradient);
    let worst = 0;
    let comp = 0;
    for (let i = 0; i < gradient.length; i++) {
      const v = Math.min(Math.abs(sc[i]), Math.abs(gradient[i]));
      if (v > worst) {
        worst = v;
        comp = i + 1;
      }
    }
    if (worst > GRAD_TOL) {
      converged = false;
      warnings.push(
        `The fit may not have converged: the scaled gradient at the optimum is ${worst.toPrecision(3)} (tolerance ${GRAD_TOL}, parameter ${comp}), as lme4's "Model failed to converge". ` +
          'Estimates may still be fine; try centring and scaling numeric predictors, or refit with ML to compare.',
      );
    }
  }
  const ev = Array.from(dgeev(H, n));
  const negative = ev.filter((v) => v < -HESS_TOL).length;
  if (negative > 0) {
    converged = false;
    warnings.push(`The fit did not converge to a minimum: the Hessian has ${negative} negative eigenvalue(s) (a saddle point). Simplify the random-effects structure.`);
  } else {
    const max = Math.max(...ev);
    const min = Math.min(...ev);
    // two separate tests, as in lme4's checkConv (both can fire)
    if (max * HESS_TOL > 1) warnings.push('The model is nearly unidentifiable: very large eigenvalue. Rescale numeric predictors.');
    if (min / max < HESS_TOL) warnings.push('The model is nearly unidentifiable: large eigenvalue ratio. Rescale numeric predictors.');
  }
  return { converged, warnings };
}

export const SINGULAR_MESSAGE =
  'Singular fit: at least one variance component is estimated as (nearly) zero, or a correlation as ±1 — the data cannot ' +
  'support the random-effects structure as specified. The fixed effects are still usable. Consider removing the random ' +
  'term with zero variance, dropping the correlation (use ||), or keeping it if it is part of the design (lme4: isSingular).';

/** A diagonal θ within 1e-6 of its bound is set to the bound when that does not raise the criterion
 * (beyond 1e-9), so a singular fit reports an exact zero variance as lme4 does. */
export function snapToBoundary(f: (x: Float64Array) => number, x: Float64Array, fx: number, lower: Float64Array): Float64Array {
  let best = x;
  let fbest = fx;
  for (let i = 0; i < x.length; i++) {
    if (lower[i] !== 0 || x[i] <= 0 || x[i] >= 1e-6) continue;
    const y = best.slice();
    y[i] = 0;
    const fy = f(y);
    if (fy <= fbest + 1e-9) {
      best = y;
      fbest = Math.min(fy, fbest);
    }
  }
  return best;
}
