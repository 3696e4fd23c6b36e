/**
 * Maximize the profiled (restricted) log-likelihood over the unconstrained variance, correlation and
 * random-effects parameters with Quadrat's BOBYQA into the optimum's basin and Newton's method on
 * finite differences from there (BOBYQA to the end where Newton does not converge), restarted from
 * the best point while a probe of that point finds it is not a minimum (probe.ts). When the variance
 * function depends on the fitted values, nlme alternates: optimize with the fitted values held,
 * recompute them, repeat; this iterates to the same fixed point more tightly than nlme's tolerance (the
 * fitted values to 1e-8): after the first optimization by Newton steps alternated with the updates
 * (fittedNewton.ts), or, where those fail, by warm BOBYQA steps (radius the size of the previous step,
 * inner tolerance that of the previous change).
 */
import { QuadratError } from '../errors/quadratError';
import { minimizeWithFallback } from '../optim/minimize';
import { type MinimizeOptions } from '../optim/types';
import { newtonMinimize, type NewtonSettings } from '../optim/newton';
import { evaluate, type Evaluation, logLikelihood } from './likelihood';
import { hasLowRankBlocks, useDenseCriterion } from './lowRankBlocks';
import { type NlmeModel } from './model';
import { newtonAlternation } from './fittedNewton';
import { probeGain } from './probe';

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

/** A restart must gain more than this (in −ℓ) to count. */
const GAIN = 1e-9;
/** The restarts' radius, and the probe's step along each coordinate. */
const RESTART_RHOBEG = 0.05;

/** The optimizer's coordinates: the variance function's search map (varFunc.ts) on its leading
 * parameters, the others as they are. */
function searchCoordinates(model: NlmeModel) {
  const search = model.varFunc?.search;
  if (!search) return null;
  const k = model.varFunc!.nPar;
  return {
    toSearch(par: Float64Array): Float64Array {
      const z = par.slice();
      z.set(search.toSearch(par.subarray(0, k)));
      return z;
    },
    fromSearch(z: Float64Array): Float64Array {
      const par = z.slice();
      par.set(search.fromSearch(z.subarray(0, k)));
      return par;
    },
  };
}

/** How the first round searches: BOBYQA to rhoend throughout, or to its basin and then Newton's method. */
type Search = 'bobyqa' | 'newton';

function maximize(model: NlmeModel, start: Float64Array, fitted: Float64Array | undefined, rhobeg: number, rhoend: number, probe: boolean, search: Search, control: OptimizeControl) {
  const coords = searchCoordinates(model);
  const r = maximizeIn(model, coords ? coords.toSearch(start) : start, coords ? coords.fromSearch : (x) => x, fitted, rhobeg, rhoend, probe, search, control);
  return coords ? { ...r, x: coords.fromSearch(r.x) } : r;
}

function maximizeIn(
  model: NlmeModel,
  start: Float64Array,
  toPar: (z: Float64Array) => Float64Array,
  fitted: Float64Array | undefined,
  rhobeg: number,
  rhoend: number,
  probe: boolean,
  search: Search,
  control: OptimizeControl,
) {
  const f = (z: Float64Array) => {
    const ll = logLikelihood(model, toPar(z), fitted);
    return Number.isFinite(ll) ? -ll : Infinity;
  };
  const opts = { lower: new Array<number>(start.length).fill(-Infinity), ftolAbs: 1e-12, maxEvaluations: 20_000, signal: control.signal };
  let x: Float64Array = start;
  let best = f(x);
  let evaluations = 1;
  let converged = true;
  for (let round = 0; round < 6; round++) {
    const r = round === 0 && search === 'newton' ? basinThenNewton(f, x, opts, rhobeg, rhoend) : { ...minimizeWithFallback(f, x, { ...opts, rhobeg, rhoend }), newton: false };
    evaluations += r.evaluations;
    converged = r.status === 'converged';
    const gain = best - r.f;
    if (r.f < best) {
      x = r.x;
      best = r.f;
    }
    if (!(gain > GAIN)) break;
    // BOBYQA can stop early on a flat stretch: restart only where a point ±RESTART_RHOBEG along some
    // coordinate is better (warm alternation steps start next to a probed optimum, and Newton's undamped
    // last step found a zero gradient with a positive definite Hessian: no probe)
    if (!probe || r.newton) break;
    const probed = probeGain(f, x, best, RESTART_RHOBEG);
    evaluations += probed.evaluations;
    if (!(probed.gain > GAIN)) break;
    rhobeg = RESTART_RHOBEG;
  }
  return { x, evaluations, converged };
}

/** BOBYQA's radius where Newton's method takes over (from 0.3 or 0.01 the slow lme cases cost about the same). */
const NEWTON_FROM = 0.1;
/**
 * Differences at 1e-4 (the parameters are logs and logits of order 1); converged after an undamped
 * step below 1e-5 or promising less than 1e-6 in −ℓ (the next would promise ≲ 1e-10); a damped step
 * gaining < 1e-6 is a ridge (orthodont_gls_varconstpower's), left to BOBYQA.
 */
const NEWTON: NewtonSettings = { h: 1e-4, stepTol: 1e-5, decreaseTol: 1e-6, crawlGain: 1e-6, maxIterations: 10 };

/**
 * BOBYQA into the optimum's basin, then Newton's method on finite differences (optim/newton.ts): the
 * trust region crawls along curved valleys that a Newton step crosses (sleepstudy with random slopes,
 * corAR1 and varExp: 309 evaluations → 112, with the probe after it skipped). Where Newton does not
 * converge, BOBYQA goes on from its best point as it would have from the start.
 */
function basinThenNewton(f: (z: Float64Array) => number, x0: Float64Array, opts: MinimizeOptions, rhobeg: number, rhoend: number) {
  const basin = minimizeWithFallback(f, x0, { ...opts, rhobeg, rhoend: Math.min(rhobeg, NEWTON_FROM) });
  let from = basin.x;
  let spent = basin.evaluations;
  if (basin.status === 'converged' && Number.isFinite(basin.f)) {
    const nt = newtonMinimize(f, Float64Array.from(basin.x), basin.f, { ...NEWTON, signal: opts.signal });
    spent += nt.evaluations;
    if (nt.converged) return { x: nt.x, f: nt.f, evaluations: spent, status: 'converged' as const, newton: true };
    from = nt.x;
  }
  const rest = minimizeWithFallback(f, from, { ...opts, rhobeg, rhoend });
  return { ...rest, evaluations: spent + rest.evaluations, newton: false };
}

/** Alternation steps: stop once the fitted values move by less than this (relative)… */
const FITTED_TOL = 1e-8;
/** …or, below this, once a step no longer contracts (the optimizer's own noise floor). */
const NOISE_FLOOR = 1e-6;
/** The first optimization's tolerance when Newton steps follow it (they need only their basin). */
const FIRST_RHOEND = 1e-3;

const NOT_PD = 'The covariance matrix is not positive definite at the optimum; simplify the variance or correlation structure.';

/** The optimum's dense factorization failed: the model's parameters lead to a singular covariance. */
class NotPositiveDefinite extends QuadratError {
  constructor() {
    super('fit', NOT_PD);
  }
}

export function optimizeModel(model: NlmeModel, start: number[], control: OptimizeControl = {}): Optimum {
  try {
    return optimizeOnce(model, start, control);
  } catch (e) {
    if (!(e instanceof NotPositiveDefinite) || !hasLowRankBlocks(model)) throw e;
    // The Woodbury criterion stays finite where the dense factor does not (extreme variance weights,
    // e.g. varPower of a covariate near 0): optimize again on the dense criterion, which avoids them.
    useDenseCriterion(model);
    return optimizeOnce(model, start, control);
  }
}

function optimizeOnce(model: NlmeModel, start: number[], control: OptimizeControl): Optimum {
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
  let rhobeg = 0.5;
  let lastChange = Infinity;
  for (;;) {
    if (par.length > 0) {
      // an alternation step far from the fixed point needs no tight inner optimum; the last ones get 1e-9
      const rhoend = !usesFitted ? 1e-9 : outer === 0 ? FIRST_RHOEND : Math.min(1e-5, Math.max(1e-9, 0.01 * lastChange));
      const r = maximize(model, par, fitted, rhobeg, rhoend, outer === 0, usesFitted ? 'bobyqa' : 'newton', control);
      // the next alternation step starts near this optimum: its radius is of the size of this step
      let step = 0;
      for (let k = 0; k < par.length; k++) step = Math.max(step, Math.abs(r.x[k] - par[k]));
      rhobeg = Math.min(0.5, Math.max(1e-4, 2 * step));
      par = r.x;
      evaluations += r.evaluations;
      converged = r.converged;
    }
    const e = evaluate(model, par, fitted, true);
    if (!e) throw new NotPositiveDefinite();
    if (!usesFitted) return { par, evaluation: e, fittedCovariate: undefined, evaluations, outerIterations: outer, converged };
    outer++;
    const change = relativeChange(e.fitted, fitted!);
    const previous = fitted!;
    fitted = e.fitted;
    const settled = change < FITTED_TOL || (change < NOISE_FLOOR && change >= 0.5 * lastChange);
    lastChange = change;
    if (settled || outer >= 200) {
      // the reported fit is the one whose variance weights used `previous`, as nlme reports it
      return { par, evaluation: e, fittedCovariate: previous, evaluations, outerIterations: outer, converged: converged && settled };
    }
    if (outer === 1 && par.length > 0) {
      // the rest of the way by Newton steps; on failure BOBYQA's steps go on from here
      const spent = { evaluations: 0 };
      const nt = newtonAlternation(model, par, fitted, FITTED_TOL, relativeChange, spent);
      evaluations += spent.evaluations;
      if (nt) return { par: nt.par, evaluation: nt.evaluation, fittedCovariate: nt.fittedHeld, evaluations, outerIterations: outer + nt.steps, converged };
    }
  }
}

/** The largest change of a fitted value, relative to the value (absolute below 1). */
function relativeChange(next: Float64Array, previous: Float64Array): number {
  let change = 0;
  for (let i = 0; i < next.length; i++) change = Math.max(change, Math.abs(next[i] - previous[i]) / Math.max(1, Math.abs(next[i])));
  return change;
}

function ones(n: number): Float64Array {
  return new Float64Array(n).fill(1);
}
