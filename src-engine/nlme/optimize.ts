/**
 * Maximize the profiled (restricted) log-likelihood over the unconstrained variance, correlation and
 * random-effects parameters with Quadrat's BOBYQA (restarted from its best point until a restart no
 * longer improves). When the variance function depends on the fitted values, nlme alternates: optimize
 * with the fitted values held, recompute them, repeat; this iterates to the same fixed point more
 * tightly than nlme's tolerance.
 */
import { QuadratError } from '../errors/quadratError';
import { minimizeWithFallback } from '../optim/minimize';
import { evaluate, type Evaluation, logLikelihood } from './likelihood';
import { type NlmeModel } from './model';

export interface Optimum {
  readonly par: Float64Array;
  readonly evaluation: Evaluation;
  /** The fitted values the variance function used (when it uses them). */
  readonly fittedCovariate: Float64Array | undefined;
  readonly evaluations: number;
  readonly outerIterations: number;
  readonly converged: boolean;
}

export interface OptimizeControl {
  readonly signal?: { readonly aborted: boolean };
}

function maximize(model: NlmeModel, start: Float64Array, fitted: Float64Array | undefined, control: OptimizeControl) {
  const f = (x: Float64Array) => {
    const ll = logLikelihood(model, x, fitted);
    return Number.isFinite(ll) ? -ll : Infinity;
  };
  const lower = new Array<number>(start.length).fill(-Infinity);
  let x: Float64Array = start;
  let best = f(x);
  let evaluations = 1;
  let converged = true;
  let rhobeg = 0.5;
  for (let round = 0; round < 6; round++) {
    const r = minimizeWithFallback(f, x, { lower, rhobeg, rhoend: 1e-9, ftolAbs: 1e-12, maxEvaluations: 20_000, signal: control.signal });
    evaluations += r.evaluations;
    converged = r.status === 'converged';
    const gain = best - r.f;
    if (r.f < best) {
      x = r.x;
      best = r.f;
    }
    if (!(gain > 1e-9)) break;
    rhobeg = 0.05;
  }
  return { x, evaluations, converged };
}

export function optimizeModel(model: NlmeModel, start: number[], control: OptimizeControl = {}): Optimum {
  let par: Float64Array = Float64Array.from(start);
  const usesFitted = model.varFunc?.usesFitted ?? false;
  let fitted: Float64Array | undefined;
  if (usesFitted) {
    const e0 = evaluate(model, par, ones(model.frame.n), true);
    if (!e0) throw new QuadratError('fit', 'The model could not be evaluated at its starting values.');
    fitted = e0.fitted;
  }
  let evaluations = 0;
  let outer = 0;
  let converged = true;
  for (;;) {
    if (par.length > 0) {
      const r = maximize(model, par, fitted, control);
      par = r.x;
      evaluations += r.evaluations;
      converged = r.converged;
    }
    const e = evaluate(model, par, fitted, true);
    if (!e) throw new QuadratError('fit', 'The covariance matrix is not positive definite at the optimum; simplify the variance or correlation structure.');
    if (!usesFitted) return { par, evaluation: e, fittedCovariate: undefined, evaluations, outerIterations: outer, converged };
    outer++;
    let change = 0;
    for (let i = 0; i < e.fitted.length; i++) change = Math.max(change, Math.abs(e.fitted[i] - fitted![i]) / Math.max(1, Math.abs(e.fitted[i])));
    const previous = fitted!;
    fitted = e.fitted;
    if (change < 1e-10 || outer >= 200) {
      // the reported fit is the one whose variance weights used `previous`, as nlme reports it
      return { par, evaluation: e, fittedCovariate: previous, evaluations, outerIterations: outer, converged: converged && change < 1e-10 };
    }
  }
}

function ones(n: number): Float64Array {
  return new Float64Array(n).fill(1);
}
