import { Evaluator } from './evaluator';
import { runBobyqa } from './bobyqa/bobyqa';
import { runNelderMead } from './nelderMead';
import { DEFAULT_QN, type GradientAt, runQuasiNewton } from './quasiNewton';
import { boxProblem, type ReducedProblem, reduceFixed } from './problem';
import {
  type MinimizeOptions,
  type MinimizeResult,
  type MinimizeStatus,
  type Objective,
  type OptimizerName,
} from './types';

/** Defaults mirror lme4's nloptwrap (NLopt LN_BOBYQA: xtol_abs 1e-8, ftol_abs 1e-8, maxeval 1e5). */
export const DEFAULT_RHOEND = 1e-8;
export const DEFAULT_FTOL_ABS = 1e-8;
export const DEFAULT_MAX_EVALUATIONS = 100_000;

/** Default initial radius / simplex edge: a fifth of the largest starting value, at most 1. */
export function defaultRhobeg(x0: ArrayLike<number>): number {
  let big = 0;
  for (let i = 0; i < x0.length; i++) big = Math.max(big, Math.abs(x0[i]));
  return big > 0 ? Math.min(1, 0.2 * big) : 0.2;
}

type Runner = (p: ReducedProblem, ev: Evaluator, rhobeg: number, rhoend: number, ftolAbs: number) => {
  status: MinimizeStatus;
  message: string;
};

function run(
  name: OptimizerName,
  runner: Runner,
  f: Objective,
  x0: ArrayLike<number>,
  opts: MinimizeOptions,
  countOffset = 0,
): MinimizeResult {
  const p = reduceFixed(f, boxProblem(x0, opts));
  const n = p.x0.length;
  const userCallback = opts.onEvaluation;
  const ev = new Evaluator(p.f, n, {
    maxEvaluations: opts.maxEvaluations ?? DEFAULT_MAX_EVALUATIONS,
    signal: opts.signal,
    countOffset,
    onEvaluation: userCallback && ((count, fx, x) => userCallback(count, fx, p.expand(x))),
  });
  let outcome: { status: MinimizeStatus; message: string };
  if (n === 0) {
    ev.eval(p.x0);
    outcome = { status: 'converged', message: 'Every parameter is fixed by its bounds.' };
  } else {
    let rhobeg = opts.rhobeg ?? defaultRhobeg(p.x0);
    for (let i = 0; i < n; i++) rhobeg = Math.min(rhobeg, 0.5 * (p.upper[i] - p.lower[i]));
    const rhoend = Math.min(opts.rhoend ?? DEFAULT_RHOEND, rhobeg);
    outcome = runner(p, ev, rhobeg, rhoend, opts.ftolAbs ?? DEFAULT_FTOL_ABS);
  }
  let status = outcome.status;
  let message = outcome.message;
  if (!Number.isFinite(ev.bestF)) {
    status = 'failed';
    message = 'The objective never returned a finite value.';
  }
  const attempt = { optimizer: name, status, evaluations: ev.count, f: ev.bestF, message };
  return { x: p.expand(ev.bestX), f: ev.bestF, evaluations: ev.count, status, message, optimizer: name, attempts: [attempt] };
}

const bobyqaRunner: Runner = (p, ev, rhobeg, rhoend, ftolAbs) =>
  runBobyqa(p.x0, p.lower, p.upper, { rhobeg, rhoend, ftolAbs }, ev);

const nelderMeadRunner: Runner = (p, ev, rhobeg, rhoend, ftolAbs) =>
  runNelderMead(p.x0, p.lower, p.upper, { step: rhobeg, xtol: rhoend, ftolAbs }, ev);

/** Powell's BOBYQA: bound-constrained, derivative-free, quadratic models on 2n+1 points. */
export function bobyqa(f: Objective, x0: ArrayLike<number>, opts: MinimizeOptions): MinimizeResult {
  return run('bobyqa', bobyqaRunner, f, x0, opts);
}

const quasiNewtonRunner: Runner = (p, ev, _rhobeg, _rhoend, ftolAbs) => runQuasiNewton(p.x0, p.lower, p.upper, { ...DEFAULT_QN, ftolAbs: Math.min(ftolAbs, DEFAULT_QN.ftolAbs) }, ev);

/** Projected BFGS in a box on finite-difference gradients (quasiNewton.ts): allFit's derivative-based runs. */
export function quasiNewton(f: Objective, x0: ArrayLike<number>, opts: MinimizeOptions): MinimizeResult {
  return run('quasi-newton', quasiNewtonRunner, f, x0, opts);
}

/**
 * Projected BFGS on an exact gradient (`gradient(x, fx, g)` is called right after f(x), so it may
 * reuse that evaluation's work), stopping when the projected gradient is below gtol. No parameter may
 * be fixed by equal bounds.
 */
export function quasiNewtonExact(f: Objective, gradient: GradientAt, x0: ArrayLike<number>, opts: MinimizeOptions & { gtol: number; initialInverseHessian?: Float64Array; maxFirstStep?: number }): MinimizeResult {
  const runner: Runner = (p, ev, _rhobeg, _rhoend, ftolAbs) => {
    if (p.free.length !== x0.length) throw new Error('quasiNewtonExact: a parameter is fixed by its bounds.');
    return runQuasiNewton(p.x0, p.lower, p.upper, { ...DEFAULT_QN, gtol: opts.gtol, ftolAbs, scaleFirst: true, initialInverseHessian: opts.initialInverseHessian, maxFirstStep: opts.maxFirstStep }, ev, gradient);
  };
  return run('quasi-newton', runner, f, x0, opts);
}

/** Bounded Nelder–Mead simplex search (rhobeg = initial edge, rhoend = final simplex size). */
export function nelderMead(f: Objective, x0: ArrayLike<number>, opts: MinimizeOptions): MinimizeResult {
  return run('nelder-mead', nelderMeadRunner, f, x0, opts);
}

/**
 * BOBYQA, and if it fails or runs out of evaluations, Nelder–Mead restarted from BOBYQA's best
 * point (each attempt gets the full maxEvaluations). The result is the better point, `optimizer`
 * says which run produced it and `attempts` lists both. Cancellation is never retried.
 */
export function minimizeWithFallback(f: Objective, x0: ArrayLike<number>, opts: MinimizeOptions): MinimizeResult {
  const first = bobyqa(f, x0, opts);
  if (first.status === 'converged') return first;
  const second = run('nelder-mead', nelderMeadRunner, f, first.x, opts, first.evaluations);
  const attempts = [...first.attempts, ...second.attempts];
  const evaluations = first.evaluations + second.evaluations;
  const winner = second.f <= first.f || !Number.isFinite(first.f) ? second : first;
  return { ...winner, evaluations, attempts };
}
