import { QuadratError } from '../errors/quadratError';
import { type Objective } from './types';

/** Thrown inside an optimizer when the evaluation budget is spent; caught by its driver. */
export class BudgetExhausted extends Error {
  constructor() {
    super('The maximum number of objective evaluations was reached.');
  }
}

/** Thrown inside an optimizer that cannot use a non-finite objective value (BOBYQA's model). */
export class NonFiniteValue extends Error {
  constructor(readonly x: Float64Array) {
    super('The objective returned a value that is not a finite number.');
  }
}

export interface EvaluatorOptions {
  maxEvaluations: number;
  signal?: { readonly aborted: boolean };
  onEvaluation?: (evaluations: number, f: number, x: Float64Array) => void | boolean;
  /** Added to the count passed to onEvaluation (evaluations spent by earlier attempts). */
  countOffset?: number;
}

/**
 * Wraps the objective for one optimizer run: counts evaluations, enforces the budget, checks
 * cancellation before every call, reports progress, and remembers the best point seen (so a run
 * stopped for any reason still returns the best value it paid for).
 */
export class Evaluator {
  count = 0;
  bestF = Infinity;
  readonly bestX: Float64Array;
  private readonly point: Float64Array;

  constructor(
    private readonly f: Objective,
    n: number,
    private readonly opts: EvaluatorOptions,
  ) {
    this.bestX = new Float64Array(n);
    this.point = new Float64Array(n);
  }

  get remaining(): number {
    return this.opts.maxEvaluations - this.count;
  }

  /** Evaluates f at x (x is copied, so the objective may keep or mutate its argument). */
  eval(x: Float64Array): number {
    throwIfCancelled(this.opts.signal);
    if (this.count >= this.opts.maxEvaluations) throw new BudgetExhausted();
    this.point.set(x);
    const value = this.f(this.point);
    this.count++;
    const f = typeof value === 'number' ? value : NaN;
    if (this.count === 1 || f < this.bestF) {
      this.bestF = Number.isNaN(f) ? Infinity : f;
      this.bestX.set(x);
    }
    if (this.opts.onEvaluation) {
      const keepGoing = this.opts.onEvaluation((this.opts.countOffset ?? 0) + this.count, f, x);
      if (keepGoing === false) throw cancelled();
    }
    return f;
  }
}

export function cancelled(): QuadratError {
  return new QuadratError('cancelled', 'The fit was cancelled.');
}

export function throwIfCancelled(signal: { readonly aborted: boolean } | undefined): void {
  if (signal?.aborted) throw cancelled();
}
