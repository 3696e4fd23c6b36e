/**
 * Fit an LMM to a built design: optimise θ for the profiled criterion (BOBYQA, with Nelder–Mead as
 * the fallback; large models with a cheap exact gradient by BFGS on it, gradientFit.ts), then solve for β̂ and the conditional modes and run lme4's convergence checks.
 */
import { QuadratError } from '../errors/quadratError';
import { checkResponseVaries } from '../design/designChecks';
import { type MixedDesign } from '../design/mixedDesign';
import { prepareScalarBlock } from '../inference/varparHessian';
import { minimizeWithFallback } from '../optim/minimize';
import { type MinimizeResult } from '../optim/types';
import { checkConvergence, deriv12, gradientAt, isSingularTheta, SINGULAR_MESSAGE, snapToBoundary } from './convergence';
import { gradientFit, useGradientFit } from './gradientFit';
import { momentTheta, normalEquationsFromCrossproducts, type NormalEquations, olsNormalEquations } from './initialTheta';
import { LmmModel } from './lmmModel';
import { type Derivatives, LOOSE_RHOEND, newtonPolish } from './newtonPolish';
import { type FactorParts } from './updateL';
import { type PlsSolution } from './solve';

export interface FitControl {
  /**
   * Compute the conditional SDs of the random effects (lme4's condVar) — default true. Like
   * lme4::ranef(condVar = TRUE) this is extra work after the fit (for InstEval ~10% of it), so callers
   * that print no random-effect intervals (quadrat fit --json without --diagnostics) turn it off.
   */
  conditionalSds?: boolean;
  /** GLMMs: DHARMa's simulated residuals and their tests (default true; a batch, which draws no plots, skips them). */
  simulatedResiduals?: boolean;
  onProgress?: (p: { evaluations: number; objective: number }) => void;
  /** Large models with a cheap exact gradient: fit θ by BFGS on it (gradientFit.ts) — default true; false keeps BOBYQA (benchmarks, tests). */
  exactGradient?: boolean;
  signal?: { readonly aborted: boolean };
  /**
   * Satterthwaite's df will follow the fit (lmerTest's summary): a large all-scalar model then starts the
   * inverse kernel's helper threads now, on an idle core during the fit, instead of when the df begin.
   */
  dfToFollow?: boolean;
}

export interface LmmFit {
  readonly model: LmmModel;
  readonly reml: boolean;
  readonly theta: Float64Array;
  /** The optimum of the criterion (REML criterion or ML deviance). */
  readonly objective: number;
  readonly sigma: number;
  readonly pls: PlsSolution;
  /** log|L|², log|R_X|², r² at θ̂. */
  readonly parts: FactorParts;
  /** Per block, lme4's condVar of b: a column-major S×S block per level; undefined when too costly (see condVar.ts). */
  readonly condVar: Float64Array[] | undefined;
  readonly converged: boolean;
  readonly singular: boolean;
  readonly warnings: string[];
  /** `gradients`: exact gradients of the criterion taken, where θ was fitted on them (gradientFit.ts). */
  readonly optimizer: { name: string; evaluations: number; gradients?: number };
}

/**
 * lme4 skips the derivative checks for large problems (lme4 2.x: nobs > 1e4). Their criterion is so
 * sharply curved that BOBYQA's final trust radius can stop at 1e-5 instead of 2e-7 with θ unchanged
 * to ~2e-5 relative (InstEval: 41 instead of 50 evaluations; docs/performance.md).
 */
const CHECK_MAX_NOBS = 1e4;

export function fitDesign(design: MixedDesign, reml: boolean, control: FitControl = {}): LmmFit {
  if (design.reterms.length === 0) throw new QuadratError('model', 'The formula has no random-effects term such as (1 | group). Add one, or fit a linear model instead.');
  const dof = reml ? design.n - design.p : design.n;
  if (dof <= 0) throw new QuadratError('model', `No residual degrees of freedom: ${design.n} observations for ${design.p} fixed-effect coefficients. Use fewer fixed effects or more data.`);

  const model = new LmmModel(design, reml);
  if (control.dfToFollow) prepareScalarBlock(model);
  // The OLS fit's normal equations serve the check and the moment start (each solves its own copy in
  // place): the block-0 factorization's crossproducts hold them in their [X y] block; the supernodal
  // path has none, and there one pass over X makes them (once, instead of a QR for the check as well)
  const normal = model.supernodalPath ? olsNormalEquations(design) : undefined;
  const normalCopy = () => (normal ? { XtX: normal.XtX.slice(), Xty: normal.Xty.slice() } : normalEquationsFromCrossproducts(model.cp));
  checkResponseVaries(design, design.weights ? undefined : normalCopy());
  const { lower } = model.thetaLayout;
  const f = (theta: Float64Array) => model.objective(theta);
  const { start, rhobeg, fromMoments } = startingPoint(model, f, normalCopy());
  const checked = design.n <= CHECK_MAX_NOBS;
  // progress counts evaluations across every optimizer run of the fit: a run after `done` earlier ones adds them
  const onProgress = control.onProgress;
  const progressAfter: ProgressAfter = (done) => onProgress && ((k: number, objective: number) => onProgress({ evaluations: done + k, objective }));
  const options = {
    lower,
    rhobeg,
    // small fits stop loosely and finish with a Newton step on the check's derivatives (newtonPolish.ts)
    rhoend: checked ? LOOSE_RHOEND : 1e-5,
    ftolAbs: 1e-10,
    maxEvaluations: 100_000,
    signal: control.signal,
  };
  const warnings: string[] = [...design.warnings];
  const gradients = { count: 0 }; // exact gradients taken (gradientFit.ts)
  const runFrom = (from: Float64Array, radius: number, done: number) => {
    const opts = { ...options, rhobeg: radius };
    const run = optimise(f, from, opts, lower, checked, progressAfter, done, control.exactGradient === false ? undefined : model, gradients);
    let result = run.result; // evaluations counted from the start of the fit
    let outcome = assess(f, result, run.derivatives, lower, checked);
    // A Newton step on a curved ridge can lower the criterion and still stop short of the optimum; the
    // derivative check then says so, and BOBYQA resumes from there to the usual final radius instead.
    if (outcome.check && !outcome.check.converged && run.derivatives && run.derivatives.at !== result.x) {
      const again = minimizeWithFallback(f, outcome.theta, { ...opts, rhobeg: 10 * LOOSE_RHOEND, rhoend: 2e-7, onEvaluation: progressAfter(result.evaluations) });
      if (again.f < outcome.objective) {
        result = { ...again, evaluations: result.evaluations + again.evaluations };
        outcome = assess(f, result, undefined, lower, checked);
      }
    }
    return { result, outcome, notes: run.notes };
  };
  let { result, outcome, notes } = runFrom(start, rhobeg, 0);
  // The moment start can sit in the basin of a boundary optimum or a saddle that lme4's start avoids
  // (a random slope of an uncentred covariate, strongly correlated with the intercept). A fit from
  // there that ends singular or fails lme4's checks is compared with a fit from lme4's start, and the
  // lower criterion kept.
  if (fromMoments && (outcome.singular || outcome.check?.converged === false)) {
    const alt = runFrom(model.thetaLayout.initial.slice(), 0.2, result.evaluations);
    const evaluations = alt.result.evaluations; // both runs
    if (alt.outcome.objective < outcome.objective) ({ result, outcome, notes } = alt);
    result = { ...result, evaluations };
  }
  const { theta, objective, singular, check } = outcome;
  warnings.push(...notes);
  if (result.status !== 'converged') warnings.push(`The optimizer stopped before converging (${result.message}). Treat the estimates with caution.`);
  if (singular) warnings.push(SINGULAR_MESSAGE);
  if (check) warnings.push(...check.warnings);
  const converged = result.status === 'converged' && (check?.converged ?? true);

  const { pls, parts, sigma, condVar } = solveAtOptimum(model, theta, dof, control.conditionalSds ?? true);
  return {
    model,
    reml,
    theta,
    objective,
    sigma,
    pls,
    parts,
    condVar,
    converged,
    singular,
    warnings,
    optimizer: { name: result.optimizer, evaluations: result.evaluations, ...(gradients.count > 0 ? { gradients: gradients.count } : {}) },
  };
}

/** θ̂ (snapped to its bounds), the criterion there, singularity, and lme4's checks when they apply. */
function assess(f: (x: Float64Array) => number, result: { x: Float64Array; f: number }, derivatives: Derivatives | undefined, lower: Float64Array, checked: boolean) {
  const theta = snapToBoundary(f, result.x, result.f, lower);
  const objective = f(theta);
  if (!Number.isFinite(objective)) throw new QuadratError('fit', 'The model could not be fitted: the criterion is not finite at the optimum. Check the data for extreme values.');
  const singular = isSingularTheta(theta, lower);
  const check = !singular && checked ? convergenceAt(f, theta, lower, derivatives) : undefined;
  return { theta, objective, singular, check };
}

type Options = Parameters<typeof minimizeWithFallback>[2];
type ProgressAfter = (done: number) => Options['onEvaluation'];

/**
 * BOBYQA (Nelder–Mead as fallback) from one start, lme4's restart_edge, then the Newton polish. The
 * result's evaluations count from the start of the fit (`done` before this run).
 */
function optimise(f: (x: Float64Array) => number, start: Float64Array, options: Options, lower: Float64Array, checked: boolean, progressAfter: ProgressAfter, done: number, model?: LmmModel, gradients = { count: 0 }) {
  const notes: string[] = [];
  let result: MinimizeResult;
  if (model && useGradientFit(model)) {
    // large models with a cheap exact gradient: BFGS on it, BOBYQA from its best point if it stops short
    const fitted = gradientFit(model, f, start, { ...options, onEvaluation: progressAfter(done) }, (from, spent) =>
      minimizeWithFallback(f, from, { ...options, onEvaluation: progressAfter(done + spent) }),
    );
    result = fitted.result;
    gradients.count += fitted.gradients;
  } else result = minimizeWithFallback(f, start, { ...options, onEvaluation: progressAfter(done) });
  result = { ...result, evaluations: done + result.evaluations };
  if (result.attempts.length > 1) {
    const first = result.attempts[0];
    notes.push(`BOBYQA did not converge (${first.message}); Nelder–Mead was run from its best point and ${result.status === 'converged' ? 'converged' : 'did not converge either'}.`);
  }
  // lme4's restart_edge: a parameter stuck on its bound whose one-sided derivative points inside
  // means the optimizer stopped too early; restart from there.
  const edge = restartDirection(f, result.x, result.f, lower);
  if (edge) {
    const again = minimizeWithFallback(f, edge, { ...options, onEvaluation: progressAfter(result.evaluations) });
    if (again.f < result.f) result = { ...again, evaluations: result.evaluations + again.evaluations };
  }
  let derivatives: Derivatives | undefined;
  if (checked && result.status === 'converged') {
    const sofar = result.evaluations;
    // Where the Newton step does not apply (near a bound, an indefinite Hessian), BOBYQA is run again
    // from the start to the tight radius, as before the step existed: restarting near θ₀ with a fresh
    // small interpolation set can settle in a different (worse) boundary optimum.
    const resume = () => minimizeWithFallback(f, start, { ...options, rhoend: 2e-7, onEvaluation: progressAfter(sofar) });
    const polished = newtonPolish(f, result.x, result.f, lower, resume);
    result = { ...result, x: polished.x, f: polished.f, evaluations: sofar + polished.evaluations, status: polished.converged ? 'converged' : 'max-evaluations' };
    derivatives = polished.derivatives;
  }
  return { result, derivatives, notes };
}

/**
 * lme4's derivative checks at θ̂. The derivatives the Newton step used were taken at the loose optimum
 * θ₀ (lme4 checks where its optimizer stopped, too); θ̂ is closer to the optimum, so if only the
 * gradient test fails there, the gradient is taken again at θ̂ (2k evaluations) before warning.
 */
function convergenceAt(f: (x: Float64Array) => number, theta: Float64Array, lower: Float64Array, d: Derivatives | undefined) {
  if (!d) {
    const { gradient, hessian } = deriv12(f, theta, lower);
    return checkConvergence(gradient, hessian);
  }
  const first = checkConvergence(d.gradient, d.hessian);
  if (first.converged || d.at === theta) return first;
  return checkConvergence(gradientAt(f, theta, lower), d.hessian);
}

/** A point just inside the boundary if f decreases there from a θ on its lower bound (step 1e-5, as lme4). */
function restartDirection(f: (x: Float64Array) => number, x: Float64Array, fx: number, lower: Float64Array): Float64Array | undefined {
  const step = 1e-5;
  let moved: Float64Array | undefined;
  for (let i = 0; i < x.length; i++) {
    if (lower[i] !== 0 || x[i] !== 0) continue;
    const y = x.slice();
    y[i] = step;
    if (f(y) < fx) {
      moved ??= x.slice();
      moved[i] = step;
    }
  }
  return moved;
}

/**
 * lme4 starts at θ = 1 (diagonals) with BOBYQA's rhobeg = 0.2. When the moment estimate for the
 * intercept terms gives a lower criterion, start there instead, with a trust radius scaled to it.
 */
function startingPoint(model: LmmModel, f: (x: Float64Array) => number, normal: NormalEquations): { start: Float64Array; rhobeg: number; fromMoments: boolean } {
  const lme4Start = model.thetaLayout.initial.slice();
  const moments = momentTheta(model.design, model.thetaLayout, normal);
  if (!moments) return { start: lme4Start, rhobeg: 0.2, fromMoments: false };
  // lme4's start first: the factorization left at the moment start then serves the optimizer's first evaluation
  const atLme4 = f(lme4Start);
  if (!(f(moments) < atLme4)) return { start: lme4Start, rhobeg: 0.2, fromMoments: false };
  const scale = Math.max(...Array.from(moments, Math.abs));
  return { start: moments, rhobeg: Math.min(0.2, Math.max(0.02, 0.12 * scale)), fromMoments: true };
}

/** β̂, b, fitted values, the criterion parts and conditional SDs at θ̂, from the model's factorization there. */
export function solveAtOptimum(model: LmmModel, theta: Float64Array, dof: number, wantCondSd: boolean) {
  const f = model.factorAt(theta);
  if (!f) throw new QuadratError('fit', 'The model could not be fitted: the factorization failed at the optimum.');
  const pls = f.solve();
  const sigma = Math.sqrt(f.pwrss / dof);
  return { pls, parts: f.parts, sigma, condVar: wantCondSd ? f.conditionalVariances(sigma, pls) : undefined };
}
