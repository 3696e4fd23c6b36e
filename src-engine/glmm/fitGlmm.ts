/**
 * Fit a GLMM as glmer does: stage 1 optimises θ with β inside PIRLS (nAGQ = 0); stage 2 optimises
 * (θ, β) together on the Laplace or adaptive Gauss–Hermite objective, from stage 1's estimates. Both
 * stages use BOBYQA (Nelder–Mead as fallback); stage 2 works on β in units of stage 1's standard
 * errors so one trust radius suits every coefficient. Then lme4's checks (singular fit, scaled
 * gradient, Hessian) and lme4's covariance of β̂ from the finite-difference Hessian of the objective.
 */
import { type Table } from '../data/table';
import { buildDesign } from '../design/buildDesign';
import { type DesignPatterns } from '../design/designPattern';
import { type ResponseFamily } from '../design/glmResponse';
import { type MixedDesign } from '../design/mixedDesign';
import { QuadratError } from '../errors/quadratError';
import { isSingularTheta, SINGULAR_MESSAGE, snapToBoundary } from '../lmm/convergence';
import { type FitControl } from '../lmm/fitDesign';
import { checkGaussianLinkResponse, glmmSigma } from './dispersion';
import { makeFamily, type Family } from './family';
import { glmStart } from './glmStart';
import { GlmmModel } from './glmmModel';
import { type PlsSetups } from './plsSetups';
import { glmResponse } from './response';
import { derivativeChecks } from './hessianChecks';
import { stageOne, stageTwo, type StageTwoStart } from './glmmStages';

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

export interface GlmmFitOptions {
  /**
   * Start stage 2 here and skip stage 1 (a bootstrap refit starts from the original estimates, as
   * lme4's refit() does); `se` scales β as stage 1's standard errors would.
   */
  start?: StageTwoStart;
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
  const thetaLower = model.thetaLayout.lower;
  const warnings: string[] = [...design.warnings];
  let evaluations = 0;
  const progress = (objective: number) => control.onProgress?.({ evaluations: ++evaluations, objective });

  // the exact gradient of the Laplace objective where it applies (canonical links; laplaceGradient.ts)
  const useGradient = nAGQ === 1 && model.hasGradient;

  const start = nAGQ > 0 ? options.start : undefined;
  const one = stageOne(model, nAGQ, useGradient, start, control.signal, progress);
  const fAll = (par: Float64Array) => model.objective(par, nAGQ);
  const stage = nAGQ === 0 ? one : stageTwo(model, nAGQ, useGradient, one, start, control.signal, progress, warnings);
  let { theta, beta, objective } = stage;
  const { status, optimizer: optimizerName } = stage;
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
  const outside = linkRangeWarning(final.eta, family);
  if (outside) warnings.push(outside);

  let converged = status === 'converged';
  let vcov: Float64Array | undefined;
  let vcovSource: 'hessian' | 'RX' = 'RX';
  if (nAGQ > 0 && options.derivatives !== false) {
    const checked = derivativeChecks(model, nAGQ, useGradient, theta, beta, singular);
    warnings.push(...checked.warnings);
    converged &&= checked.converged;
    if (checked.vcov) {
      vcov = checked.vcov;
      vcovSource = 'hessian';
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

/** The warning when some η lie outside the link's range (the sqrt link's fold at η = 0). */
function linkRangeWarning(eta: Float64Array, family: Family): string | undefined {
  const outside = eta.filter((e) => !family.link.validEta(e)).length;
  if (outside === 0) return undefined;
  return (
    `${outside} linear predictor${outside === 1 ? ' is' : 's are'} outside the ${family.link.name} link's range (e.g. a negative η under the sqrt link, where μ = η² folds back). ` +
    'The likelihood then has several modes and the estimates are not meaningful (glmer gives different ones); use the log link.'
  );
}

/** lme4's condVar at the modes (σ = 1): a u-only PIRLS there leaves the factorization at θ̂, β̂. */
function conditionalVariancesAt(model: GlmmModel, theta: Float64Array, beta: Float64Array): Float64Array[] | undefined {
  const r = model.modes(theta, beta);
  return r && model.conditionalVariances(theta, r);
}
