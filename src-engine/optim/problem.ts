import { QuadratError } from '../errors/quadratError';
import { type MinimizeOptions, type Objective } from './types';

/** A validated box-constrained problem: x0 lies inside [lower, upper]. */
export interface BoxProblem {
  x0: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
}

function badInput(message: string): QuadratError {
  return new QuadratError('input', message);
}

/** Checks x0 and the bounds, and moves x0 into the box (as NLopt and minqa do). */
export function boxProblem(x0: ArrayLike<number>, opts: MinimizeOptions): BoxProblem {
  const n = x0.length;
  if (n === 0) throw badInput('The optimizer needs at least one parameter.');
  if (opts.lower.length !== n) {
    throw badInput(`The optimizer got ${opts.lower.length} lower bounds for ${n} parameters.`);
  }
  if (opts.upper && opts.upper.length !== n) {
    throw badInput(`The optimizer got ${opts.upper.length} upper bounds for ${n} parameters.`);
  }
  const x = new Float64Array(n);
  const lower = Float64Array.from(opts.lower);
  const upper = opts.upper ? Float64Array.from(opts.upper) : new Float64Array(n).fill(Infinity);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x0[i])) throw badInput(`Starting value ${i + 1} is not a finite number.`);
    if (Number.isNaN(lower[i]) || Number.isNaN(upper[i]) || lower[i] > upper[i]) {
      throw badInput(`Parameter ${i + 1} has inconsistent bounds [${lower[i]}, ${upper[i]}].`);
    }
    x[i] = Math.min(Math.max(x0[i], lower[i]), upper[i]);
  }
  for (const [name, v] of [['rhobeg', opts.rhobeg], ['rhoend', opts.rhoend], ['ftolAbs', opts.ftolAbs]] as const) {
    if (v !== undefined && !(v >= 0 && Number.isFinite(v))) {
      throw badInput(`The optimizer option ${name} must be a non-negative number.`);
    }
  }
  const m = opts.maxEvaluations;
  if (m !== undefined && !(m >= 1 && Number.isFinite(m))) {
    throw badInput('The optimizer option maxEvaluations must be at least 1.');
  }
  return { x0: x, lower, upper };
}

/**
 * Parameters whose bounds coincide are fixed; the optimizers only see the others. `expand` maps a
 * point of the reduced problem back to the full parameter vector.
 */
export interface ReducedProblem extends BoxProblem {
  free: number[];
  f: Objective;
  expand(xr: Float64Array): Float64Array;
}

export function reduceFixed(f: Objective, p: BoxProblem): ReducedProblem {
  const free: number[] = [];
  for (let i = 0; i < p.x0.length; i++) if (p.lower[i] < p.upper[i]) free.push(i);
  if (free.length === p.x0.length) return { ...p, free, f, expand: (xr) => xr.slice() };
  const full = Float64Array.from(p.x0);
  const expand = (xr: Float64Array): Float64Array => {
    const x = full.slice();
    for (let j = 0; j < free.length; j++) x[free[j]] = xr[j];
    return x;
  };
  const pick = (v: Float64Array) => Float64Array.from(free, (i) => v[i]);
  return {
    x0: pick(p.x0),
    lower: pick(p.lower),
    upper: pick(p.upper),
    free,
    f: (xr) => f(expand(xr)),
    expand,
  };
}
