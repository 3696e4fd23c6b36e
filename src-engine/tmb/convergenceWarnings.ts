/**
 * glmmTMB's convergence checks after a fit (fitTMB in glmmTMB 1.1), with its wording and advice in
 * plain language:
 * - the Hessian from sdreport is not positive definite (its Cholesky fails): glmmTMB recomputes it
 *   more accurately (numDeriv's Richardson extrapolation) and warns only if the smallest eigenvalue
 *   is still ≤ machine ε: "non-positive-definite Hessian matrix". Quadrat also warns when that
 *   eigenvalue is below √ε times the largest, the relative accuracy of a differenced Hessian: such an
 *   eigenvalue is zero within it (a flat valley, e.g. a random slope of a factor that is constant
 *   within the group), and its sign is the differencing's; glmmTMB, whose nlminb stops a little off
 *   the valley floor, sees it negative there, Quadrat at the floor may see either sign;
 * - otherwise, the smallest eigenvalue of the Hessian below 10ε: "extreme or very small eigenvalues";
 * - the optimizer reports no convergence (nlminb's "false convergence (8)" and the like).
 */
import { dsyev } from '../linalg/lapack';
import { choleskyLowerInPlace } from '../linalg/denseCholesky';

export interface TmbWarning {
  code: 'non-pd-hessian' | 'small-eigenvalues' | 'optimizer';
  /** glmmTMB's warning text */
  message: string;
  /** what it means and what to try, in plain language */
  advice: string;
}

const EPS = 2 ** -52;

const NON_PD: TmbWarning = {
  code: 'non-pd-hessian',
  message: "Model convergence problem; non-positive-definite Hessian matrix. See vignette('troubleshooting')",
  advice: 'The fit did not reach a clear optimum: in some direction the log-likelihood is flat or curves the wrong way, ' +
    'so at least one parameter is not pinned down by the data and the standard errors cannot be trusted (some are shown as NA). ' +
    'Usual causes: a random-effect variance at or near zero, a random slope of a variable that does not vary within its group ' +
    '(such as (mined | site) when each site is either mined or not), a zero-inflation or dispersion coefficient running off towards ' +
    '±∞ (a group with no zeros, or only zeros), or more parameters than the data can support. ' +
    'Look for an extreme estimate or standard error and simplify that part of the model.',
};

const SMALL_EIGENVALUES: TmbWarning = {
  code: 'small-eigenvalues',
  message: "Model convergence problem; extreme or very small eigenvalues detected. See vignette('troubleshooting')",
  advice: 'Some combination of parameters is hardly determined by the data, so its standard errors are enormous or unreliable. ' +
    'Often a coefficient is running off towards ±∞ (complete separation, for example in the zero-inflation model) or two ' +
    'terms describe the same thing. Simplify the model or remove the redundant term.',
};

export function optimizerWarning(message: string): TmbWarning {
  return {
    code: 'optimizer',
    message: `Model convergence problem; ${message} See vignette('troubleshooting')`,
    advice: 'The optimizer stopped before it could confirm an optimum, so the estimates may be off. Rescaling numeric ' +
      'predictors (centring, dividing by their SD), simplifying the model or checking the data for extreme values usually helps.',
  };
}

/** Whether a symmetric matrix is positive definite, by Cholesky as sdreport's chol(). */
export function isPositiveDefinite(A: Float64Array, m: number): boolean {
  const L = A.slice();
  return choleskyLowerInPlace(L, m) === 0;
}

function eigenvalues(A: Float64Array, m: number): number[] {
  return Array.from(dsyev(A, m).w);
}

/**
 * glmmTMB's Hessian check. `refine` recomputes the Hessian more accurately (called only when the first
 * one is not positive definite). Returns the Hessian to invert for the covariance (the refined one
 * when it turned out positive definite), whether it is positive definite, and the warning if any.
 */
export function checkHessian(hessian: Float64Array, m: number, refine: () => Float64Array | undefined): { hessian: Float64Array; pdHess: boolean; warning?: TmbWarning } {
  if (!isPositiveDefinite(hessian, m)) {
    const better = refine();
    if (better) {
      const ev = eigenvalues(better, m);
      if (Math.min(...ev) > Math.max(EPS, Math.sqrt(EPS) * Math.max(...ev))) return { hessian: better, pdHess: true };
    }
    return { hessian, pdHess: false, warning: NON_PD };
  }
  return Math.min(...eigenvalues(hessian, m)) < 10 * EPS ? { hessian, pdHess: true, warning: SMALL_EIGENVALUES } : { hessian, pdHess: true };
}
