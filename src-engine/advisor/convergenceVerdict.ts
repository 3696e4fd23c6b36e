/**
 * "lme4 says it failed to converge — can I trust this?" The fit is redone with other optimizers and
 * starts, as lme4's allFit: BOBYQA, Nelder–Mead and a quasi-Newton method (projected BFGS) from lme4's start, BOBYQA restarted from the fit's
 * end point, and BOBYQA from perturbed starts. Then, as allFit's summary is read:
 *  - failed: another run reaches a clearly better criterion than the fit (the fit did not reach the
 *    optimum; the best run is reported);
 *  - over-parameterised: the runs that reach the best criterion disagree on a variance or correlation
 *    (a flat ridge: the data do not determine it), named;
 *  - benign: they agree on the criterion, the fixed effects and the variance parameters to the printed
 *    digits, so the warning can be reported as such.
 * Runs that stop at a worse criterion (Nelder–Mead often does) are listed but do not make the verdict.
 */
import { type MixedDesign } from '../design/mixedDesign';
import { fitDesign, solveAtOptimum } from '../lmm/fitDesign';
import { LmmModel } from '../lmm/lmmModel';
import { templatesFromTheta } from '../lmm/reBlocks';
import { varCorr } from '../lmm/varCorr';
import { bobyqa, nelderMead, quasiNewton } from '../optim/minimize';

export type ConvergenceVerdict = 'benign' | 'over-parameterised' | 'failed';

export interface OptimizerRun {
  optimizer: string;
  status: string;
  /** −2 log L (ML) or the REML criterion at the run's end. */
  objective: number;
  logLik: number;
  /** Fixed effects, by name. */
  fixef: Record<string, number>;
  /** Random-effect SDs and correlations as allFit's summary names them ("Subject.(Intercept)", "Subject.Days.(Intercept)", "sigma"). */
  sdcor: Record<string, number>;
  /** The run reached the best criterion (within LOGLIK_TOL). */
  atOptimum: boolean;
}

export interface ConvergenceAdvice {
  verdict: ConvergenceVerdict;
  /** One sentence for the user. */
  message: string;
  /** over-parameterised: the parameter the runs disagree on most. */
  parameter: string | null;
  optimizers: OptimizerRun[];
}

/** Log-likelihoods this close agree (allFit's summary prints them to ~4 decimals). */
export const LOGLIK_TOL = 1e-3;
/**
 * Estimates agree when their relative difference is below this: runs of looser tolerance (allFit's
 * nmkbw) differ at the 3rd significant digit on well-determined fits (Pastes' cask SD).
 */
export const ESTIMATE_TOL = 1e-2;

/** The fit itself (its end point read again), then the runs in allFit's spirit; each can run on its own worker (runVerdictRuns). */
export const VERDICT_RUNS = ['fit', 'bobyqa', 'nelder-mead', 'quasi-newton', 'restart', 'perturbed-1', 'perturbed-2'] as const;
export type VerdictRunName = (typeof VERDICT_RUNS)[number];

/**
 * What the runs optimise: the criterion on a parameter vector x with its lower bounds, the start
 * lme4 uses, the fit's end point, and how a point reads as allFit's summary reads a fit.
 */
export interface VerdictProblem {
  readonly f: (x: Float64Array) => number;
  readonly lower: Float64Array;
  readonly initial: Float64Array;
  readonly fitEnd: Float64Array;
  readonly fitStatus: string;
  /** The point as allFit's summary reads a fit: log-likelihood, fixed effects, SDs and correlations. */
  describe(x: Float64Array, objective: number, optimizer: string, status: string): OptimizerRun;
}

/** An LMM's verdict problem: the profiled criterion in θ. */
export function lmmVerdictProblem(design: MixedDesign, reml: boolean): VerdictProblem {
  const fit = fitDesign(design, reml, { conditionalSds: false });
  const model = new LmmModel(design, reml);
  const dof = reml ? design.n - design.p : design.n;
  return {
    f: (theta) => model.objective(theta),
    lower: model.thetaLayout.lower,
    initial: model.thetaLayout.initial,
    fitEnd: fit.theta,
    fitStatus: fit.converged ? 'converged' : 'warning',
    describe: (theta, objective, optimizer, status) => describe(model, theta, dof, objective, optimizer, status),
  };
}

/** The named runs (in VERDICT_RUNS' order), each described at its end point; `atOptimum` is set by classifyRuns. */
export function runVerdictRuns(problem: VerdictProblem, names: readonly VerdictRunName[], options: { seed?: number; signal?: { readonly aborted: boolean }; onRun?: () => void } = {}): OptimizerRun[] {
  const { f, lower, initial, fitEnd } = problem;
  const opts = { lower, maxEvaluations: 100_000, signal: options.signal };
  const rand = lcg(options.seed ?? 1);
  // the perturbed starts are drawn in order, so a run gets the same start on any worker
  const perturbed = [1, 2].map(() => Float64Array.from(initial, (t, i) => Math.max(lower[i], t + (lower[i] === 0 ? 0.5 : 0.3) * (2 * rand() - 1) + (lower[i] === 0 ? 0.2 : 0))));
  const run = (name: VerdictRunName): { x: Float64Array; status: string } => {
    switch (name) {
      case 'fit':
        return { x: fitEnd, status: problem.fitStatus };
      case 'bobyqa':
        return bobyqa(f, initial, opts);
      case 'nelder-mead':
        return nelderMead(f, initial, opts);
      case 'quasi-newton':
        return quasiNewton(f, initial, opts);
      case 'restart':
        return bobyqa(f, fitEnd, { ...opts, rhobeg: 0.05 });
      case 'perturbed-1':
        return bobyqa(f, perturbed[0], opts);
      case 'perturbed-2':
        return bobyqa(f, perturbed[1], opts);
    }
  };
  return VERDICT_RUNS.filter((n) => names.includes(n)).map((name) => {
    const r = run(name);
    const row = problem.describe(r.x, f(r.x), name, r.status);
    options.onRun?.();
    return row;
  });
}

/** The runs (the fit's own row among them), classified as allFit's summary is read. */
export function classifyRuns(runs: readonly OptimizerRun[]): ConvergenceAdvice {
  const order = (r: OptimizerRun) => VERDICT_RUNS.indexOf(r.optimizer as VerdictRunName);
  const described = [...runs].sort((a, b) => order(a) - order(b)).map((r) => ({ ...r }));
  if (described[0]?.optimizer !== 'fit') throw new Error('classifyRuns: the fit’s own row is missing');
  const best = Math.max(...described.map((d) => d.logLik));
  described.forEach((d) => (d.atOptimum = best - d.logLik <= LOGLIK_TOL));
  return { ...classify(described), optimizers: described };
}

export function convergenceVerdict(design: MixedDesign, reml: boolean, options: { seed?: number } = {}): ConvergenceAdvice {
  const problem = lmmVerdictProblem(design, reml);
  return classifyRuns(runVerdictRuns(problem, VERDICT_RUNS, options));
}

function classify(runs: OptimizerRun[]): Omit<ConvergenceAdvice, 'optimizers'> {
  const fit = runs[0];
  const bestRun = runs.reduce((a, b) => (b.logLik > a.logLik ? b : a));
  if (!fit.atOptimum) {
    return {
      verdict: 'failed',
      parameter: null,
      message: `The fit did not reach the optimum: ${bestRun.optimizer} found a log-likelihood ${(bestRun.logLik - fit.logLik).toPrecision(3)} higher. Use the estimates of ${bestRun.optimizer}.`,
    };
  }
  const agreeing = runs.filter((r) => r.atOptimum);
  const spread = (get: (r: OptimizerRun) => Record<string, number>) => {
    let worst = { name: '', rel: 0 };
    for (const name of Object.keys(get(fit))) {
      const v = agreeing.map((r) => get(r)[name]);
      const lo = Math.min(...v);
      const hi = Math.max(...v);
      const scale = Math.max(Math.abs(lo), Math.abs(hi), 1e-4);
      const rel = (hi - lo) / scale;
      if (rel > worst.rel) worst = { name, rel };
    }
    return worst;
  };
  const sd = spread((r) => r.sdcor);
  const fe = spread((r) => r.fixef);
  if (sd.rel > ESTIMATE_TOL || fe.rel > ESTIMATE_TOL) {
    const name = sd.rel >= fe.rel ? sd.name : fe.name;
    return {
      verdict: 'over-parameterised',
      parameter: sd.rel > ESTIMATE_TOL ? sd.name : name,
      message: `The optimizers agree on the likelihood but not on ${sd.rel > ESTIMATE_TOL ? sd.name : name}: the data do not determine it. Simplify the random effects (drop that term or its correlation) and compare.`,
    };
  }
  return {
    verdict: 'benign',
    parameter: null,
    message: `All ${agreeing.length} optimizer runs that reach the optimum agree on the log-likelihood, the fixed effects and the variance parameters to the printed digits: the warning, if any, can be reported as benign.`,
  };
}

function describe(model: LmmModel, theta: Float64Array, dof: number, objective: number, optimizer: string, status: string): OptimizerRun {
  const { pls, sigma } = solveAtOptimum(model, theta, dof, false);
  const design = model.design;
  const fixef = Object.fromEntries(design.fixedNames.map((n, j) => [n, pls.beta[j]]));
  const vc = varCorr(design, model.blocks, templatesFromTheta(model.blocks, theta), sigma);
  const sdcor: Record<string, number> = {};
  for (const r of vc.random) sdcor[r.term === null ? 'sigma' : `${r.group}.${r.term}`] = r.sd;
  // a correlation with a zero SD is undefined (NaN): left out, as it cannot disagree with anything
  for (const c of vc.correlations) if (Number.isFinite(c.corr)) sdcor[`${c.group}.${c.term2}.${c.term1}`] = c.corr;
  // the REML criterion is −2 × the restricted log-likelihood; the ML deviance −2 log L
  return { optimizer, status, objective, logLik: -objective / 2, fixef, sdcor, atOptimum: false };
}

/** A small seeded generator (Park–Miller) for the perturbed starts: the same advice on every run. */
function lcg(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}
