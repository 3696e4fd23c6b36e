/**
 * Fit a count GLMM as glmmTMB does (issue 13): conditional model with random intercepts and slopes,
 * optional zero-inflation / hurdle (ziformula, fixed effects) and dispersion (dispformula, fixed
 * effects). Outer parameters as glmmTMB's: (β, βzi, βdisp = log φ, θ per term: log σ's, correlations). As glmmTMB minimises
 * the Laplace objective with nlminb on TMB's exact gradient, Quadrat minimises it with a quasi-Newton
 * method (BFGS) on the exact gradient of laplaceGradient.ts, BOBYQA only as a fallback; the standard
 * errors come from the Hessian as central differences of that gradient, as sdreport's optimHess.
 */
import { type Table } from '../data/table';
import { hessianFromGradient } from '../optim/centralDifferences';
import { backSolveLowerTranspose, choleskyLowerInPlace, forwardSolveLower } from '../linalg/denseCholesky';
import { dgetri } from '../linalg/lapack';
import { throwIfCancelled } from '../optim/evaluator';
import { minimizeWithFallback, quasiNewtonExact } from '../optim/minimize';
import { type TmbFamilyName } from './countDensity';
import { checkHessian, optimizerWarning, type TmbWarning } from './convergenceWarnings';
import { tmbPredictions, type TmbPredictions } from './predictTmb';
import { type TmbModel, type TmbReInfo, type TmbRequest, tmbModel } from './tmbModel';
import { tmbStart } from './tmbStart';

export type { TmbRequest };

export interface TmbFit {
  family: TmbFamilyName;
  objective: number;
  logLik: number;
  npar: number;
  nobs: number;
  par: Float64Array;
  parNames: string[];
  /**
   * blocks of par: cond β, zi β, disp β, θ (per term: log σ's, then correlation parameters; the zero
   * inflation's terms in thetazi), psi (tweedie's power: p = 1 + invlogit(psi))
   */
  blocks: { cond: string[]; zi: string[]; disp: string[]; theta: string[]; thetazi: string[]; psi: string[] };
  /** the random-effect terms, in θ's order */
  reTerms: TmbReInfo[];
  vcov: Float64Array | undefined;
  converged: boolean;
  /** Laplace objective evaluations (each an inner Newton loop), optimizer and standard errors together */
  evaluations: number;
  /** of which the optimizer's */
  optimizerEvaluations: number;
  optimizer: string;
  /** sdreport's pdHess: the Hessian at the estimates is positive definite */
  pdHess: boolean;
  /** glmmTMB's convergence warnings, with advice */
  warnings: TmbWarning[];
  /** ranef() (with condVar SDs when there is a vcov) and predict() at the estimates; undefined when the modes cannot be found there */
  fitted: TmbPredictions | undefined;
  /** the model fitted (designs, likelihood): marginal means and simulations reuse it instead of building it again */
  model: TmbModel;
}

/** Stop when every gradient component is below this (nlminb stops on a relative change in f instead). */
const GTOL = 1e-6;
/** optimHess's default step (ndeps = 1e-3), which sdreport uses for glmmTMB's standard errors. */
const HESSIAN_STEP = 1e-3;

export interface TmbControl {
  /** Checked before every Laplace evaluation (each an inner Newton loop): when aborted the fit throws QuadratError('cancelled'). */
  signal?: { readonly aborted: boolean };
}

export function fitTmb(table: Table, req: TmbRequest, control: TmbControl = {}): TmbFit {
  const model = tmbModel(table, req);
  const { blocks, family, n } = model;
  const objective = (x: Float64Array) => {
    throwIfCancelled(control.signal);
    return model.objective(x);
  };
  const gradient = (x: Float64Array) => {
    throwIfCancelled(control.signal);
    return model.gradient(x);
  };
  const m = model.npar;
  // glmmTMB's start (mkTMBStruc): β, βzi, βdisp and θ all zero (lognormal: tmbStart.ts)
  const x0 = tmbStart(model);
  const lower = new Array<number>(m).fill(-Infinity);
  const gradientAt = (x: Float64Array, _fx: number, g: Float64Array): boolean => {
    const gx = gradient(x);
    if (gx) g.set(gx);
    return gx !== undefined;
  };
  const qn = quasiNewtonExact(objective, gradientAt, x0, { lower, gtol: GTOL, maxEvaluations: 2000, maxFirstStep: 1 });
  // a BFGS run that stalls (a failed line search, a gradient that cannot be had) hands over to BOBYQA
  const res = qn.status === 'converged' ? qn : minimizeWithFallback(objective, qn.x, { lower, rhobeg: 0.1, rhoend: 1e-9 });
  const optimizerEvaluations = model.evaluations();
  let par = res.x;
  let fmin = objective(par);
  let hess = hessianFromGradient(gradient, par, HESSIAN_STEP);
  // where the optimizer stopped short of GTOL (a flat direction, the BOBYQA fallback), one Newton step
  // on that Hessian finishes; the Hessian is then taken again where the standard errors are reported,
  // unless the step was so small that it moves the Hessian less than the difference's own O(h²) error
  const factor = hess && hess.gradient.some((g) => Math.abs(g) > GTOL) ? choleskyOf(hess.hessian, m) : undefined;
  if (hess && factor) {
    const step = Float64Array.from(hess.gradient);
    forwardSolveLower(factor, m, step);
    backSolveLowerTranspose(factor, m, step);
    const next = par.map((v, i) => v - step[i]);
    const fn = objective(next);
    if (fn < fmin) {
      par = next; fmin = fn;
      if (step.some((v) => Math.abs(v) > HESSIAN_STEP * HESSIAN_STEP)) hess = hessianFromGradient(gradient, par, HESSIAN_STEP);
    }
  }
  fmin = objective(par);
  const warnings: TmbWarning[] = [];
  if (res.status !== 'converged') warnings.push(optimizerWarning(res.message));
  let vcov: Float64Array | undefined;
  let pdHess = false;
  if (hess) {
    // glmmTMB refines a non-positive-definite Hessian by Richardson extrapolation (numDeriv::jacobian)
    const refine = () => richardsonHessian(gradient, par);
    const checked = checkHessian(hess.hessian, m, refine);
    pdHess = checked.pdHess;
    if (checked.warning) warnings.push(checked.warning);
    vcov = inverseOf(checked.hessian, m);
  }
  // ranef() with condVar needs vcov(m, full = TRUE); the modes themselves are the last evaluation's at par
  const fitted = tmbPredictions(model, par, vcov);
  return {
    family, objective: fmin, logLik: -fmin, npar: m, nobs: n, par,
    parNames: [...blocks.cond.map((s) => `beta.${s}`), ...blocks.zi.map((s) => `betazi.${s}`), ...blocks.disp.map((s) => `betadisp.${s}`), ...blocks.theta.map((s) => `theta.${s}`), ...blocks.thetazi.map((s) => `thetazi.${s}`), ...blocks.psi],
    blocks, reTerms: model.reTerms, vcov, converged: res.status === 'converged', evaluations: model.evaluations(), optimizerEvaluations,
    optimizer: res.attempts.map((a) => a.optimizer).join(' → '), pdHess, warnings, fitted, model,
  };
}

/** The lower Cholesky factor (column-major) of a symmetric m×m A (column-major), or undefined when not positive definite. */
function choleskyOf(A: Float64Array, m: number): Float64Array | undefined {
  const L = A.slice();
  return choleskyLowerInPlace(L, m) === 0 ? L : undefined;
}

/**
 * (4 H(h/2) − H(h))/3 from central differences of the gradient at h = 1e-4 and 5e-5: O(h⁴), as
 * numDeriv's Richardson extrapolation that glmmTMB falls back on.
 */
function richardsonHessian(gradient: (x: Float64Array) => Float64Array | undefined, x: Float64Array): Float64Array | undefined {
  const coarse = hessianFromGradient(gradient, x, 1e-4);
  const fine = hessianFromGradient(gradient, x, 5e-5);
  if (!coarse || !fine) return undefined;
  return fine.hessian.map((v, e) => (4 * v - coarse.hessian[e]) / 3);
}

/**
 * A⁻¹ (row-major) of a symmetric m×m A (column-major): by Cholesky, or when A is not positive definite as solve() does
 * in sdreport (the diagonal may then be negative and its SEs NaN); undefined when A is singular.
 */
function inverseOf(A: Float64Array, m: number): Float64Array | undefined {
  const L = choleskyOf(A, m);
  if (!L) {
    try {
      const Ai = dgetri(A, m); // column-major
      return Float64Array.from({ length: m * m }, (_, e) => Ai[(e % m) * m + Math.floor(e / m)]);
    } catch {
      return undefined;
    }
  }
  const inv = new Float64Array(m * m);
  for (let j = 0; j < m; j++) {
    const e = new Float64Array(m);
    e[j] = 1;
    forwardSolveLower(L, m, e);
    backSolveLowerTranspose(L, m, e);
    for (let i = 0; i < m; i++) inv[i * m + j] = e[i];
  }
  return inv;
}
