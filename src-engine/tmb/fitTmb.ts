/**
 * Fit a count GLMM as glmmTMB does (issue 13): conditional model with scalar random intercepts,
 * optional zero-inflation / hurdle (ziformula, fixed effects) and dispersion (dispformula, fixed
 * effects). Outer parameters as glmmTMB's: (β, βzi, βdisp = log φ, θ = log σ). As glmmTMB minimises
 * the Laplace objective with nlminb on TMB's exact gradient, Quadrat minimises it with a quasi-Newton
 * method (BFGS) on the exact gradient of laplaceGradient.ts, BOBYQA only as a fallback; the standard
 * errors come from the Hessian as central differences of that gradient, as sdreport's optimHess.
 */
import { type Table } from '../data/table';
import { hessianFromGradient } from '../glmm/hessian';
import { backSolveLowerTranspose, choleskyLowerInPlace, forwardSolveLower } from '../linalg/denseCholesky';
import { minimizeWithFallback, quasiNewtonExact } from '../optim/minimize';
import { type TmbFamilyName } from './countDensity';
import { type TmbRequest, tmbModel } from './tmbModel';

export type { TmbRequest };

export interface TmbFit {
  family: TmbFamilyName;
  objective: number;
  logLik: number;
  npar: number;
  nobs: number;
  par: Float64Array;
  parNames: string[];
  /** blocks of par: cond β, zi β, disp β, θ = log σ */
  blocks: { cond: string[]; zi: string[]; disp: string[]; theta: string[] };
  vcov: Float64Array | undefined;
  converged: boolean;
  /** Laplace objective evaluations (each an inner Newton loop), optimizer and standard errors together */
  evaluations: number;
  /** of which the optimizer's */
  optimizerEvaluations: number;
  optimizer: string;
}

/** Stop when every gradient component is below this (nlminb stops on a relative change in f instead). */
const GTOL = 1e-6;
/** optimHess's default step (ndeps = 1e-3), which sdreport uses for glmmTMB's standard errors. */
const HESSIAN_STEP = 1e-3;

export function fitTmb(table: Table, req: TmbRequest): TmbFit {
  const model = tmbModel(table, req);
  const { objective, blocks, family, n } = model;
  const m = model.npar;
  const x0 = new Float64Array(m);
  let ybar = 0;
  for (let i = 0; i < n; i++) ybar += model.y[i] / n;
  if (blocks.cond[0] === '(Intercept)') x0[0] = Math.log(Math.max(ybar, 1e-3));
  const lower = new Array<number>(m).fill(-Infinity);
  const gradientAt = (x: Float64Array, _fx: number, g: Float64Array): boolean => {
    const gx = model.gradient(x);
    if (gx) g.set(gx);
    return gx !== undefined;
  };
  const qn = quasiNewtonExact(objective, gradientAt, x0, { lower, gtol: GTOL, maxEvaluations: 2000 });
  // a BFGS run that stalls (a failed line search, a gradient that cannot be had) hands over to BOBYQA
  const res = qn.status === 'converged' ? qn : minimizeWithFallback(objective, qn.x, { lower, rhobeg: 0.1, rhoend: 1e-9 });
  const optimizerEvaluations = model.evaluations;
  let par = res.x;
  let fmin = objective(par);
  let hess = hessianFromGradient(model.gradient, par, HESSIAN_STEP);
  // where the optimizer stopped short of GTOL (a flat direction, the BOBYQA fallback), one Newton step
  // on that Hessian finishes; the Hessian is then taken again where the standard errors are reported
  const factor = hess && hess.gradient.some((g) => Math.abs(g) > GTOL) ? choleskyOf(hess.hessian) : undefined;
  if (hess && factor) {
    const step = Float64Array.from(hess.gradient);
    forwardSolveLower(factor, m, step);
    backSolveLowerTranspose(factor, m, step);
    const next = par.map((v, i) => v - step[i]);
    const fn = objective(next);
    if (fn < fmin) {
      par = next; fmin = fn;
      hess = hessianFromGradient(model.gradient, par, HESSIAN_STEP);
    }
  }
  fmin = objective(par);
  const vcov = hess && inverseOf(hess.hessian);
  return {
    family, objective: fmin, logLik: -fmin, npar: m, nobs: n, par,
    parNames: [...blocks.cond.map((s) => `beta.${s}`), ...blocks.zi.map((s) => `betazi.${s}`), ...blocks.disp.map((s) => `betadisp.${s}`), ...blocks.theta.map((s) => `theta.${s}`)],
    blocks, vcov, converged: res.status === 'converged', evaluations: model.evaluations, optimizerEvaluations,
    optimizer: res.attempts.map((a) => a.optimizer).join(' → '),
  };
}

/** The lower Cholesky factor (column-major) of a symmetric matrix, or undefined when not positive definite. */
function choleskyOf(A: number[][]): Float64Array | undefined {
  const m = A.length;
  const L = new Float64Array(m * m);
  for (let j = 0; j < m; j++) for (let i = 0; i < m; i++) L[j * m + i] = A[i][j];
  return choleskyLowerInPlace(L, m) === 0 ? L : undefined;
}

/** A⁻¹ (row-major) of a symmetric positive-definite A, or undefined when A is not positive definite. */
function inverseOf(A: number[][]): Float64Array | undefined {
  const m = A.length;
  const L = choleskyOf(A);
  if (!L) return undefined;
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
