/**
 * glmer's two stages (fitGlmm.ts): stage 1 optimises θ with β inside PIRLS (nAGQ = 0's whole fit);
 * stage 2 optimises (θ, β) together on the Laplace or adaptive Gauss–Hermite objective from stage 1's
 * estimates, in standard-error units, by BFGS on the exact gradient where it exists (BOBYQA otherwise,
 * and from BFGS's best point if it stalls).
 */
import { QuadratError } from '../errors/quadratError';
import { minimizeWithFallback, quasiNewtonExact } from '../optim/minimize';
import { type MinimizeOptions, type MinimizeResult, type MinimizeStatus } from '../optim/types';
import { type GlmmModel } from './glmmModel';

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

/** Where a stage ended. */
export interface StageResult {
  theta: Float64Array;
  beta: Float64Array;
  objective: number;
  status: MinimizeStatus;
  optimizer: string;
}

/** A given start for stage 2 (a bootstrap refit's: the original estimates), skipping stage 1. */
export interface StageTwoStart {
  theta: Float64Array;
  beta: Float64Array;
  se: readonly number[];
}

/** Stage 1: θ by BOBYQA with β in PIRLS (or the given start), then β at that θ; with stage 1's (R_XᵀR_X)⁻¹. */
export function stageOne(
  model: GlmmModel,
  nAGQ: number,
  useGradient: boolean,
  start: StageTwoStart | undefined,
  signal: MinimizeOptions['signal'],
  progress: (objective: number) => void,
): StageResult & { unscaledVcov: Float64Array | undefined } {
  const stage1Tol = nAGQ === 0 ? undefined : STAGE1_STEP_TOL;
  const f0 = (theta: Float64Array) => {
    const v = model.objective0(theta, stage1Tol);
    progress(v);
    return v;
  };
  const { lower, initial } = model.thetaLayout;
  const stage1 = start
    ? { x: start.theta.slice(), f: NaN, status: 'converged' as const, optimizer: 'bobyqa' as const }
    : minimizeWithFallback(f0, initial.slice(), { lower, rhobeg: 0.2, rhoend: nAGQ === 0 ? 1e-8 : useGradient ? STAGE1_RHOEND_GRADIENT : STAGE1_RHOEND, ftolAbs: 1e-12, maxEvaluations: 100_000, signal });
  const at1 = start ? undefined : model.modesJoint(stage1.x, stage1Tol);
  if (!start && !at1) throw new QuadratError('fit', 'The model could not be fitted: the penalized IRLS iterations failed at the first-stage estimates. Check the response for values the family cannot take.');
  return { theta: stage1.x, beta: start ? start.beta : at1!.beta, objective: stage1.f, status: stage1.status, optimizer: stage1.optimizer, unscaledVcov: at1?.pls.unscaledVcov };
}

/**
 * Stage 2: (θ, β) on the Laplace/AGQ objective, each parameter measured from its stage-1 value in units
 * of its standard error — β's from R_X, θ's from the curvature along it — so one trust radius suits all
 * (a random slope of an unscaled covariate has θ ~ 0.01 beside β ~ 1). Pushes BOBYQA's fallback warning.
 */
export function stageTwo(
  model: GlmmModel,
  nAGQ: number,
  useGradient: boolean,
  one: StageResult & { unscaledVcov: Float64Array | undefined },
  start: StageTwoStart | undefined,
  signal: MinimizeOptions['signal'],
  progress: (objective: number) => void,
  warnings: string[],
): StageResult {
  const k = model.nTheta;
  const p = one.beta.length;
  const fAll = (par: Float64Array) => model.objective(par, nAGQ);
  const se = Array.from({ length: p }, (_, j) => Math.min(Math.max(start ? start.se[j] : Math.sqrt(one.unscaledVcov![j * p + j]), 1e-6), 10));
  const base = Float64Array.from([...one.theta, ...one.beta]);
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
  const lowerAll = Float64Array.from([...model.thetaLayout.lower, ...new Array<number>(p).fill(-Infinity)]);
  const lowerScaled = Float64Array.from(lowerAll, (l, i) => (l === -Infinity ? -Infinity : (l - base[i]) / scale[i]));
  const settings = { lower: lowerScaled, rhobeg: 0.1, rhoend: 1e-7, ftolAbs: 1e-11, maxEvaluations: 100_000, signal };
  let stage2: MinimizeResult | undefined;
  if (useGradient) {
    // BFGS on the exact gradient (laplaceGradient.ts); BOBYQA takes over from its best point if it stalls
    const g2 = (x: Float64Array, _fx: number, g: Float64Array) => {
      const gp = model.laplaceGradient(toPar(x));
      if (!gp) return false;
      for (let i = 0; i < k + p; i++) g[i] = gp[i] * scale[i];
      return true;
    };
    const qn = quasiNewtonExact(f2, g2, x0, { ...settings, gtol: STAGE2_GTOL, initialInverseHessian: startingInverseHessian(k, p, se, one.unscaledVcov) });
    stage2 = qn.status === 'converged' ? qn : minimizeWithFallback(f2, qn.x, settings);
  }
  stage2 ??= minimizeWithFallback(f2, x0, settings);
  const par = toPar(stage2.x);
  if (stage2.attempts.length > 1) warnings.push(`BOBYQA did not converge in the second stage (${stage2.attempts[0].message}); Nelder–Mead was run from its best point.`);
  return { theta: par.slice(0, k), beta: par.slice(k), objective: stage2.f, status: stage2.status, optimizer: stage2.optimizer };
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
