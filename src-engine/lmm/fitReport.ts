/**
 * The serialisable result of a fit: the `quadrat.fit/1` contract printed by `quadrat fit --json`,
 * stored in projects and shown by the UI. Names follow lme4/lmerTest so tables can be held side by
 * side with R's. Bulky per-observation and per-level arrays live in `diagnostics` (left out of the CLI
 * JSON unless asked for).
 */
import { type OriginalScale } from '../inference/originalScale';
import type { NlmeInfo } from '../nlme/asFitReport';
import type { TmbInfo } from '../tmb/report/asFitReport';

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
  /** vcov of the fixed effects, row-major p×p (LMM: σ² R_X⁻¹R_X⁻ᵀ; GLMM: as glmer's vcov). */
  vcov: number[];
  /** GLMM: the linear predictor η (fitted holds μ, residuals the deviance residuals). */
  linearPredictor?: number[];
  /** GLMM: Pearson residuals (y − μ)/√(V(μ)/w). */
  pearsonResiduals?: number[];
  /** GLMM: DHARMa's scaled (simulated quantile) residuals in [0, 1]. */
  simulatedResiduals?: number[];
  /** nlme: normalized residuals (resid(fit, type = "normalized")). */
  normalizedResiduals?: number[];
}

/** Pearson χ² over the residual df, as ecologists check a Poisson or binomial-with-trials GLMM. */
export interface Overdispersion {
  pearsonChi2: number;
  df: number;
  ratio: number;
  /** P(χ²_df > pearsonChi2). */
  pValue: number;
}

/** Complete or quasi-complete separation: cells of the fixed-effects design where every response is 0 or every one is 1. */
export interface Separation {
  /** Plain-language verdict. */
  message: string;
  /** Cells named by their factor levels, e.g. "treatment = exposed, population = Wild: all 0% (24 rows)". */
  cells: string[];
  /** Coefficients whose estimates are not results (|estimate| large, SE huge). */
  terms: string[];
}

/** What glmer reports beyond the LMM fields. */
export interface GlmmInfo {
  /** 0 (PIRLS for β too), 1 (Laplace) or the adaptive Gauss–Hermite nodes. */
  nAGQ: number;
  /**
   * The heading summary(glmer) gives the Wald statistic: "t value" for families with a scale (Gamma,
   * inverse.gaussian, gaussian), "z value" otherwise; the p-value is Pr(>|z|) either way. Absent in
   * reports saved before the scale families were added (read as "z value").
   */
  statisticName?: 'z value' | 't value';
  /** −2 log L with every constant; equals `deviance` except for nAGQ > 1, where lme4 prints a deviance-residual scale (docs/glmm.md). */
  minus2LogLikFull: number;
  dfResid: number;
  /** vcov(β̂) from the finite-difference Hessian of the objective (lme4's default) or from R_X. */
  vcovSource: 'hessian' | 'RX';
  /** How the response was written: cbind, factor, logical or numbers. */
  responseForm: string;
  overdispersion: Overdispersion | null;
  separation: Separation | null;
  /** Wald χ² tests of the fixed-effect terms, as car::Anova(m, type = "II") and type = "III". */
  waldAnova: { type2: WaldChisqRow[]; type3: WaldChisqRow[] };
  /** DHARMa's simulated-residual tests (the residuals themselves are in diagnostics.simulatedResiduals). */
  simulated: SimulatedResidualsInfo | null;
}

export interface SimulatedResidualsInfo {
  nsim: number;
  seed: number;
  /** Kolmogorov–Smirnov test of the scaled residuals against U(0, 1). */
  uniformity: { D: number; pValue: number };
  /** Observed spread over the mean simulated spread, and its two-sided simulation p-value. */
  /** `simulated`: each simulation's spread over the mean simulated spread (the histogram of DHARMa's testDispersion plot; absent in reports saved before it). */
  dispersion: { ratio: number; pValue: number; simulated?: number[] };
  /** `simulated`: the number of zeros in each simulation (testZeroInflation's histogram). */
  zeroInflation: { observed: number; expected: number; ratio: number; pValue: number; simulated?: number[] } | null;
  /** One plain-language line per test. */
  readings: string[];
}

export interface WaldChisqRow {
  term: string;
  chisq: number;
  df: number;
  pValue: number;
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
  /** `gradients`: exact gradients of the criterion, where θ was fitted on them (lmm/gradientFit.ts). */
  optimizer?: { name: string; evaluations: number; gradients?: number };
  diagnostics?: FitDiagnostics;
  /** GLMM fits only. */
  glmm?: GlmmInfo;
  /** gls()/lme() fits (src-engine/nlme/asFitReport.ts): what only nlme reports. */
  nlme?: NlmeInfo;
  /** glmmTMB-style count models (src-engine/tmb/report/asFitReport.ts): the zero-inflation and dispersion parts. */
  tmb?: TmbInfo;
  /** The fixed effects per unit of x for each scale(x) term (src-engine/inference/originalScale.ts). */
  originalScale?: OriginalScale;
}
