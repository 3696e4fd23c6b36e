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
  /** Called after each evaluation; return false (or throw) to stop. */
  onEvaluation?: (evaluations: number, f: number) => void;
  /** Checked between evaluations; when aborted, the optimizer throws. */
  signal?: { readonly aborted: boolean };
}

export type MinimizeStatus = 'converged' | 'max-evaluations' | 'failed';

export interface MinimizeResult {
  x: Float64Array;
  f: number;
  evaluations: number;
  status: MinimizeStatus;
  message: string;
}

export type Objective = (x: Float64Array) => number;
