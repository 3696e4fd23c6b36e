/** The contract every derivative-free optimizer in src-engine/optim implements. */
export interface MinimizeOptions {
  /** Lower bounds (use -Infinity for none); same length as x0. */
  lower: Float64Array | number[];
  /** Upper bounds (use Infinity for none). */
  upper?: Float64Array | number[];
  /** Initial trust-region radius / simplex scale. */
  rhobeg?: number;
  /** Final trust-region radius (lme4's nloptwrap uses xtol_abs 1e-8; glmer stage 2 rhoend 2e-7). */
  rhoend?: number;
  /** Stop when an iteration improves f by less than this (absolute). */
  ftolAbs?: number;
  maxEvaluations?: number;
  /**
   * Called after each evaluation with the running count (over all attempts), the value and the
   * point. Return false (or throw) to stop: returning false ends the fit as a cancellation.
   */
  onEvaluation?: (evaluations: number, f: number, x: Float64Array) => void | boolean;
  /** Checked between evaluations; when aborted, the optimizer throws QuadratError('cancelled'). */
  signal?: { readonly aborted: boolean };
}

export type MinimizeStatus = 'converged' | 'max-evaluations' | 'failed';

export type OptimizerName = 'bobyqa' | 'nelder-mead' | 'quasi-newton';

/** One run of one optimizer inside a (possibly multi-attempt) minimization. */
export interface MinimizeAttempt {
  optimizer: OptimizerName;
  status: MinimizeStatus;
  evaluations: number;
  f: number;
  message: string;
}

export interface MinimizeResult {
  x: Float64Array;
  f: number;
  /** Total evaluations over all attempts. */
  evaluations: number;
  status: MinimizeStatus;
  message: string;
  /** The optimizer whose run produced x. */
  optimizer: OptimizerName;
  /** Every run, in order (one entry unless minimizeWithFallback retried). */
  attempts: MinimizeAttempt[];
}

export type Objective = (x: Float64Array) => number;
