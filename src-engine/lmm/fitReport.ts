/**
 * The serialisable result of a fit: the `quadrat.fit/1` contract printed by `quadrat fit --json`,
 * stored in projects and shown by the UI. Names follow lme4/lmerTest so tables can be held side by
 * side with R's. Bulky per-observation and per-level arrays live in `diagnostics` (left out of the CLI
 * JSON unless asked for).
 */
export interface FixedEffectRow {
  term: string; // R's column name, e.g. "(Intercept)", "recipeB:temp"
  estimate: number;
  stdError: number;
  statistic: number; // t (or z) value
  df: number | null;
  pValue: number | null;
}

export interface RandomEffectRow {
  group: string; // as lme4 prints it: "Subject", "cask:batch", "Residual"
  term: string | null; // "(Intercept)", "Days"; null for the residual row
  variance: number;
  sd: number;
}

export interface CorrelationRow {
  group: string;
  term1: string;
  term2: string;
  corr: number;
}

export interface AnovaRow {
  term: string;
  sumSq?: number;
  meanSq?: number;
  numDf: number;
  denDf: number;
  fValue: number;
  pValue: number;
}

export interface GroupRanef {
  group: string;
  terms: string[];
  levels: string[];
  /** values[k][j]: conditional mode of term j at level k. */
  values: number[][];
  /** condSd[k][j]: conditional SD (sqrt of the diagonal of lme4's condVar). */
  condSd: number[][];
}

export interface FitDiagnostics {
  fitted: number[];
  residuals: number[];
  /** Row numbers (0-based, in the data table) of the observations used, after dropping missing. */
  rows: number[];
  ranef: GroupRanef[];
  /** Unscaled vcov of the fixed effects, row-major p×p (σ² R_X⁻¹R_X⁻ᵀ). */
  vcov: number[];
}

export interface FitReport {
  schema: 'quadrat.fit/1';
  formula: string;
  family: string;
  link: string;
  method: 'REML' | 'ML';
  nobs: number;
  groups: Record<string, number>;
  fixed: FixedEffectRow[];
  random: RandomEffectRow[];
  correlations: CorrelationRow[];
  sigma: number;
  logLik: number;
  aic: number;
  bic: number;
  deviance: number;
  remlCriterion: number | null;
  theta: number[];
  converged: boolean;
  singular: boolean;
  warnings: string[];
  anova: AnovaRow[];
  timing: { fitMs: number };
  ddf?: 'satterthwaite' | 'kenward-roger' | 'none';
  optimizer?: { name: string; evaluations: number };
  diagnostics?: FitDiagnostics;
}
