/// <reference path="./portable.d.ts" />
import { type Evaluator, NonFiniteValue } from '../evaluator';

/**
 * BOBYQA's view of the objective: the Evaluator of the run in progress. The algorithm's sources are
 * portable AssemblyScript and cannot hold a JS object, so they call these functions (the wasm build
 * imports them through assembly/objective.ts); the driver installs the evaluator with `withEvaluator`.
 */
let current: Evaluator | null = null;

/** Runs `body` with `ev` as the objective, restoring the previous one (a nested run's caller) after. */
export function withEvaluator<T>(ev: Evaluator, body: () => T): T {
  const outer = current;
  current = ev;
  try {
    return body();
  } finally {
    current = outer;
  }
}

function evaluator(): Evaluator {
  if (current === null) throw new Error('BOBYQA: no objective installed (withEvaluator).');
  return current;
}

/**
 * f at x. A value that is not finite ends the run (NonFiniteValue) unless `tolerant`, when it is
 * returned for the caller to ignore.
 */
export function evaluate(x: Float64Array, tolerant: boolean): f64 {
  const f = evaluator().eval(x);
  if (!Number.isFinite(f) && !tolerant) throw new NonFiniteValue(Float64Array.from(x));
  return f;
}

/** Evaluations spent so far in this run's evaluator. */
export function evaluations(): i32 {
  return evaluator().count;
}

/** Evaluations left in the budget. */
export function evaluationsLeft(): i32 {
  return evaluator().remaining;
}
