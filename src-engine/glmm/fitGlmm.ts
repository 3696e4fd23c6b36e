/**
 * Fit a GLMM as glmer does: stage 1 optimises θ with β inside PIRLS (nAGQ = 0); stage 2 optimises
 * (θ, β) together on the Laplace or adaptive Gauss–Hermite objective, from stage 1's estimates. Both
 * stages use BOBYQA (Nelder–Mead as fallback); stage 2 works on β in units of stage 1's standard
 * errors so one trust radius suits every coefficient. Then lme4's checks (singular fit, scaled
 * gradient, Hessian) and lme4's covariance of β̂ from the finite-difference Hessian of the objective.
 */
import { dgeev, dgetri } from '../linalg/mlMatrixAdapter';
import { type Table } from '../data/table';
import { buildDesign } from '../design/buildDesign';
import { type DesignPatterns } from '../design/designPattern';
import { type ResponseFamily } from '../design/glmResponse';
import { type MixedDesign } from '../design/mixedDesign';
import { QuadratError } from '../errors/quadratError';
import { checkConvergence, isSingularTheta, SINGULAR_MESSAGE, snapToBoundary } from '../lmm/convergence';
import { type FitControl } from '../lmm/fitDesign';
import { minimizeWithFallback, quasiNewtonExact } from '../optim/minimize';
import { type MinimizeResult } from '../optim/types';
import { checkGaussianLinkResponse, glmmSigma } from './dispersion';
import { makeFamily, type Family } from './family';
import { glmStart } from './glmStart';
import { GlmmModel } from './glmmModel';
import { gradientHessian, hessianFromGradient } from './hessian';
import { type PlsSetups } from './plsSetups';
import { glmResponse } from './response';

export interface GlmmRequest {
  formula: string;
  family: string;
  link?: string;
  /** 0 (PIRLS for β too), 1 (Laplace, glmer's default) or 2–100 (adaptive Gauss–Hermite). */
  nAGQ?: number;
  /** Name of a numeric column of prior weights (glmer's `weights =`; binomial proportions: the trials). */
  weights?: string;
}

export interface GlmmFit {
  readonly model: GlmmModel;
  readonly nAGQ: number;
  readonly theta: Float64Array;
  readonly beta: Float64Array;
  /** Modes of the spherical random effects u, and b = Λu, per block (level-major). */
  readonly u: Float64Array[];
  readonly eta: Float64Array;
  readonly mu: Float64Array;
  /** The objective at the optimum, on lme4's scale (see glmmModel.ts). */
  readonly objective: number;
  /** Σ deviance residuals at the fit (the GLM deviance of the conditional fit). */
  readonly devSum: number;
  /** lme4's sigma(): the scale for Gamma, inverse.gaussian and gaussian (dispersion.ts); 1 for binomial and Poisson. */
  readonly sigma: number;
  /** vcov(β̂), p×p row-major, and where it came from (lme4: the Hessian unless it is not positive definite). */
  readonly vcov: Float64Array;
  readonly vcovSource: 'hessian' | 'RX';
  /** Per block, lme4's condVar of b (σ = 1): a column-major S×S block per level; undefined when too costly. */
  readonly condVar: Float64Array[] | undefined;
  readonly converged: boolean;
  readonly singular: boolean;
  readonly warnings: string[];
  readonly optimizer: { name: string; evaluations: number };
}

/** Build the design and fit. */
export function fitGlmmTable(table: Table, request: GlmmRequest, control: FitControl = {}, options: GlmmFitOptions = {}): GlmmFit {
  const family = makeFamily(request.family, request.link);
  const design = buildDesign(table, request.formula, { ...(request.weights ? { weights: request.weights } : {}), family: family.name as ResponseFamily, patterns: options.patterns });
  checkResponseNotConstant(design);
  return fitGlmmDesign(design, family, request.nAGQ ?? 1, control, options);
}

/** glmer stops with "Response is constant": every row the same (a methylation locus all 0 %, a species never seen). */
function checkResponseNotConstant(design: MixedDesign): void {
  const { y } = design;
  if (y.length === 0 || !y.every((v) => v === y[0])) return;
  const what = design.trials ? `every proportion is ${+(100 * y[0]).toPrecision(6)} %` : `every value is ${y[0]}`;
  throw new QuadratError('data', `The response ${design.responseName} is the same in every row used (${what}), so there is nothing to model (glmer stops with "Response is constant").`, { columnName: design.responseName });
}

/**
 * Stage 1's final trust radius when stage 2 follows. Stage 1 then only gives stage 2 its start and
 * scales, and stage 2 starts with trust radius 0.1 in standard-error units, so polishing θ beyond 1e-3
 * buys nothing: the Laplace optimum is the same (objectives equal to ~1e-13 relative over the fixture
 * cases, as under a one-ulp perturbation) and grouseticks' stage 1 takes 57 evaluations instead of 95.
 * An nAGQ = 0 fit ends with stage 1 and keeps 1e-8.
 */
const STAGE1_RHOEND = 1e-3;
/**
 * Stage 1's final trust radius when stage 2 runs on the exact gradient: BFGS from a Newton-scaled start
 * converges in a few more steps from a cruder θ, each cheaper than the stage-1 evaluations saved
 * (grouseticks 89 → 67 evaluations, VerbAgg 246 → 228 ms; the optimum is the same).
 */
const STAGE1_RHOEND_GRADIENT = 1e-2;
/**
 * Stage 1's PIRLS stop (largest relative step of (β, u)) when stage 2 follows. The objective is then
 * off by about the last step times its slope in u (log|L| at weights one step old): ≲ 1e-6 here,
 * far below what a trust radius of 1e-3 resolves, and each call saves the iterations that would only
 * refine the modes from 1e-8 to 1e-13 (about two of five; VerbAgg's joint iteration is the costliest).
 */
const STAGE1_STEP_TOL = 1e-8;

/**
 * Stage 2's stop on the exact gradient, in standard-error units: the objective (−2 log L, curvature
 * about 2 per unit there) is then within ~1e-12 of its minimum and each parameter within ~1e-6 SE.
 */
const STAGE2_GTOL = 1e-6;

export interface GlmmFitOptions {
  /**
   * Start stage 2 here and skip stage 1 (a bootstrap refit starts from the original estimates, as
   * lme4's refit() does); `se` scales β as stage 1's standard errors would.
   */
  start?: { theta: Float64Array; beta: Float64Array; se: readonly number[] };
  /** lme4's derivative checks and the Hessian-based vcov (default true). */
  derivatives?: boolean;
  /** Conditional SDs of the random effects (default true). */
  conditionalSds?: boolean;
  /** fitGlmmTable: a batch's design patterns, reused across units with identical covariate rows (design/designPattern.ts). */
  patterns?: DesignPatterns;
  /** A batch thread's PIRLS set-ups, reused by units sharing a design pattern (plsSetups.ts). */
  plsSetups?: PlsSetups;
}

export function fitGlmmDesign(design: MixedDesign, family: Family, nAGQ: number, control: FitControl = {}, options: GlmmFitOptions = {}): GlmmFit {
  if (design.reterms.length === 0) throw new QuadratError('model', 'The formula has no random-effects term such as (1 | group). Add one, or fit a GLM instead.');
  if (!Number.isInteger(nAGQ) || nAGQ < 0 || nAGQ > 100) throw new QuadratError('model', `nAGQ must be a whole number from 0 to 100 (got ${nAGQ}).`);
  checkGaussianLinkResponse(family, design);
  const resp = glmResponse(design);
  const beta0 = glmStart(design, family, resp);
  const model = new GlmmModel(design, family, resp, beta0, options.plsSetups);
  if (nAGQ > 1 && !model.agqAllowed) {
    throw new QuadratError('model', 'Adaptive Gauss–Hermite quadrature (nAGQ > 1) works only for a model with a single scalar random effect, such as (1 | herd) — as in lme4, whose glmer refuses it otherwise. Use nAGQ = 1 (Laplace) for this model.');
  }
  const { lower: thetaLower, initial } = model.thetaLayout;
  const k = model.nTheta;
  const p = design.p;
  const warnings: string[] = [...design.warnings];
  let evaluations = 0;
  const progress = (objective: number) => control.onProgress?.({ evaluations: ++evaluations, objective });

  // the exact gradient of the Laplace objective where it applies (canonical links; laplaceGradient.ts)
  const useGradient = nAGQ === 1 && model.hasGradient;

  // Stage 1: θ with β in PIRLS.
  const stage1Tol = nAGQ === 0 ? undefined : STAGE1_STEP_TOL;
  const f0 = (theta: Float64Array) => {
    const v = model.objective0(theta, stage1Tol);
    progress(v);
    return v;
  };
  const start = nAGQ > 0 ? options.start : undefined;
  const stage1 = start
    ? { x: start.theta.slice(), f: NaN, status: 'converged' as const, optimizer: 'bobyqa' as const }
    : minimizeWithFallback(f0, initial.slice(), { lower: thetaLower, rhobeg: 0.2, rhoend: nAGQ === 0 ? 1e-8 : useGradient ? STAGE1_RHOEND_GRADIENT : STAGE1_RHOEND, ftolAbs: 1e-12, maxEvaluations: 100_000, signal: control.signal });
  const theta1 = stage1.x;
  const at1 = start ? undefined : model.modesJoint(theta1, stage1Tol);
  if (!start && !at1) throw new QuadratError('fit', 'The model could not be fitted: the penalized IRLS iterations failed at the first-stage estimates. Check the response for values the family cannot take.');
  const beta1 = start ? start.beta : at1!.beta;

  let theta: Float64Array;
  let beta: Float64Array;
  let objective: number;
  let status = stage1.status;
  let optimizerName: string = stage1.optimizer;
  const lowerAll = Float64Array.from([...thetaLower, ...new Array<number>(p).fill(-Infinity)]);
  const fAll = (par: Float64Array) => model.objective(par, nAGQ);

  if (nAGQ === 0) {
    theta = theta1;
    beta = beta1;
    objective = stage1.f;
  } else {
    // Stage 2: (θ, β) on the Laplace/AGQ objective, each parameter measured from its stage-1 value in
    // units of its standard error — β's from R_X, θ's from the curvature along it — so one trust
    // radius suits all (a random slope of an unscaled covariate has θ ~ 0.01 beside β ~ 1).
    const se = Array.from({ length: p }, (_, j) => Math.min(Math.max(start ? start.se[j] : Math.sqrt(at1!.pls.unscaledVcov[j * p + j]), 1e-6), 10));
    const base = Float64Array.from([...theta1, ...beta1]);
    const thetaScale = thetaScales(fAll, base, k);
    const scale = [...thetaScale, ...se];
    const toPar = (x: Float64Array) => {
      const par = new Float64Array(k + p);
      for (let i = 0; i < k + p; i++) par[i] = base[i] + scale[i] * x[i];
      return par;
    };
    const f2 = (x: Float64Array) => {
      const v = fAll(toPar(x));
      progress(v);
      return v;
    };
    const x0 = new Float64Array(k + p);
    const lowerScaled = Float64Array.from(lowerAll, (l, i) => (l === -Infinity ? -Infinity : (l - base[i]) / scale[i]));
    const settings = { lower: lowerScaled, rhobeg: 0.1, rhoend: 1e-7, ftolAbs: 1e-11, maxEvaluations: 100_000, signal: control.signal };
    let stage2: MinimizeResult | undefined;
    if (useGradient) {
      // BFGS on the exact gradient (laplaceGradient.ts); BOBYQA takes over from its best point if it stalls
      const g2 = (x: Float64Array, _fx: number, g: Float64Array) => {
        const gp = model.laplaceGradient(toPar(x));
        if (!gp) return false;
        for (let i = 0; i < k + p; i++) g[i] = gp[i] * scale[i];
        return true;
      };
      const qn = quasiNewtonExact(f2, g2, x0, { ...settings, gtol: STAGE2_GTOL, initialInverseHessian: startingInverseHessian(k, p, se, at1?.pls.unscaledVcov) });
      stage2 = qn.status === 'converged' ? qn : minimizeWithFallback(f2, qn.x, settings);
    }
    stage2 ??= minimizeWithFallback(f2, x0, settings);
    const par = toPar(stage2.x);
    theta = par.slice(0, k);
    beta = par.slice(k);
    objective = stage2.f;
    status = stage2.status;
    optimizerName = stage2.optimizer;
    if (stage2.attempts.length > 1) warnings.push(`BOBYQA did not converge in the second stage (${stage2.attempts[0].message}); Nelder–Mead was run from its best point.`);
  }
  if (status !== 'converged') warnings.push('The optimizer stopped before converging. Treat the estimates with caution.');
  // a variance within 1e-6 of zero is set to zero when that does not raise the objective (as for LMMs)
  const beta2 = beta;
  const ofTheta = (th: Float64Array) => (nAGQ === 0 ? model.objective0(th) : fAll(Float64Array.from([...th, ...beta2])));
  const snapped = snapToBoundary(ofTheta, theta, objective, thetaLower);
  if (snapped !== theta) {
    theta = snapped;
    objective = Math.min(objective, ofTheta(theta));
  }

  const singular = isSingularTheta(theta, thetaLower);
  if (singular) warnings.push(SINGULAR_MESSAGE);

  // The modes at the optimum, and R_X there (the fallback covariance of β̂).
  const final = nAGQ === 0 ? model.modesJoint(theta) : model.modes(theta, beta);
  if (!final) throw new QuadratError('fit', 'The model could not be fitted: the penalized IRLS iterations failed at the optimum.');
  if (nAGQ === 0) beta = final.beta;
  // condVar from the factorization the modes left (for nAGQ = 0 the u-only modes are found first)
  const condVar = options.conditionalSds === false ? undefined : nAGQ === 0 ? conditionalVariancesAt(model, theta, beta) : model.conditionalVariances(theta, final);
  const outside = final.eta.filter((e) => !family.link.validEta(e)).length;
  if (outside > 0) {
    warnings.push(
      `${outside} linear predictor${outside === 1 ? ' is' : 's are'} outside the ${family.link.name} link's range (e.g. a negative η under the sqrt link, where μ = η² folds back). ` +
        'The likelihood then has several modes and the estimates are not meaningful (glmer gives different ones); use the log link.',
    );
  }

  let converged = status === 'converged';
  let vcov: Float64Array | undefined;
  let vcovSource: 'hessian' | 'RX' = 'RX';
  if (nAGQ > 0 && options.derivatives !== false) {
    const par = Float64Array.from([...theta, ...beta]);
    // unbounded, as lme4's deriv12: the objective is even in each diagonal θ, so at θ = 0 the central
    // difference is the symmetric one rather than a one-sided step clipped at the bound. deriv12's
    // differences with fewer evaluations (hessian.ts).
    const exact = useGradient ? hessianFromGradient((x) => model.laplaceGradient(x), par) : undefined;
    const { gradient, hessian } = exact ?? gradientHessian(fAll, par, new Float64Array(k + p).fill(-Infinity));
    if (!singular) {
      const check = checkConvergence(gradient, hessian);
      warnings.push(...check.warnings);
      converged &&= check.converged;
    }
    const fromHessian = hessianVcov(hessian, k, p);
    if (fromHessian) {
      vcov = fromHessian;
      vcovSource = 'hessian';
    } else {
      warnings.push('variance-covariance matrix computed from finite-difference Hessian is not positive definite or contains NA values: falling back to var-cov estimated from RX');
    }
  }
  // R_X's covariance only where the Hessian's is not used (nAGQ = 0, no derivatives, or H not positive definite)
  // vcov.merMod scales R_X's covariance by σ² (the Hessian's already carries the scale)
  const sigma = glmmSigma(family, model.resp, final.mu, final.ussq);
  vcov ??= model.rxVcov(theta, final).map((v) => v * sigma * sigma);
  return {
    model,
    nAGQ,
    theta,
    beta,
    u: final.u,
    eta: final.eta,
    mu: final.mu,
    objective,
    devSum: final.devSum,
    sigma,
    vcov,
    vcovSource,
    condVar,
    converged,
    singular,
    warnings,
    optimizer: { name: optimizerName, evaluations: model.evaluations },
  };
}

/**
 * A standard-error-like scale for each θ at the start of stage 2: √(2 / f″) from a central second
 * difference (the objective is −2 log L), within [1e-4, 1]; 0.1·max(1, |θ|) where f″ is not positive.
 */
function thetaScales(f: (par: Float64Array) => number, base: Float64Array, k: number): number[] {
  const f0 = f(base);
  return Array.from({ length: k }, (_, i) => {
    const h = 1e-3 * Math.max(1, Math.abs(base[i]));
    const up = base.slice();
    up[i] += h;
    const down = base.slice();
    down[i] -= h; // the objective is even in a diagonal θ, so crossing 0 is harmless
    const curv = (f(up) - 2 * f0 + f(down)) / (h * h);
    return curv > 0 && Number.isFinite(curv) ? Math.min(Math.max(Math.sqrt(2 / curv), 1e-4), 1) : 0.1 * Math.max(1, Math.abs(base[i]));
  });
}

/**
 * Stage 2's starting inverse Hessian in its scaled coordinates: the objective is −2 log L, so its
 * Hessian is about 2 (R_XᵀR_X) in β — stage 1's — and 2 per unit in each θ (thetaScales makes it so);
 * in units of the standard errors that is ½ × β's correlation matrix (½ on its diagonal without stage 1).
 * BFGS then starts with Newton's step instead of learning the curvature over n iterations.
 */
function startingInverseHessian(k: number, p: number, se: readonly number[], vcov: Float64Array | undefined): Float64Array {
  const n = k + p;
  const H = new Float64Array(n * n);
  for (let i = 0; i < k; i++) H[i * n + i] = 0.5;
  for (let a = 0; a < p; a++)
    for (let b = 0; b < p; b++) {
      const v = vcov ? vcov[a * p + b] / (se[a] * se[b]) : a === b ? 1 : 0;
      H[(k + a) * n + k + b] = 0.5 * v;
    }
  return H;
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

/** lme4's condVar at the modes (σ = 1): a u-only PIRLS there leaves the factorization at θ̂, β̂. */
function conditionalVariancesAt(model: GlmmModel, theta: Float64Array, beta: Float64Array): Float64Array[] | undefined {
  const r = model.modes(theta, beta);
  return r && model.conditionalVariances(theta, r);
}
