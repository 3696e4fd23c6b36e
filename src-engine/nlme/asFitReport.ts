/**
 * A gls()/lme() fit as the app's common FitReport (quadrat.fit/1), so the model history, listing,
 * comparison, diagnostic plots and exports treat it like any other fit. What only nlme has (its call,
 * the variance-function and correlation parameters, the per-level random-effect SDs, the marginal
 * anova, intervals(), the ACF and the semivariogram) travels in the report's `nlme` block.
 */
import { type FitReport, type GroupRanef } from '../lmm/fitReport';
import { type AcfResult } from './acf';
import { type AnovaRow } from './anova';
import { intervals, type NlmeFit } from './fitNlme';
import { type NlmeIntervals } from './intervals';
import { nlmeRCall } from './rCall';
import { type RandomReport, type StructReport } from './report';
import { type LmeSatterthwaite } from './satterthwaite';
import { type VariogramPoints } from './variogram';

export interface NlmeInfo {
  fn: 'gls' | 'lme';
  /** The nlme call that reproduces the fit, with the data named `d`. */
  rCall: string;
  /** The model as written: lme's fixed / gls's model, random, weights, correlation (null when absent). */
  call: { fixed: string; random: string | null; weights: string | null; correlation: string | null };
  /** Which df the t and F tests use: nlme's containment rule (lme) or N − p (gls). */
  dfMethod: 'containment' | 'residual';
  /** logLik's df: β, the structure parameters and σ. */
  df: number;
  /** Random-effects (Ψ) parameters among them: a comparison that adds some tests on a boundary. */
  reParams: number;
  varStruct: StructReport | null;
  corStruct: StructReport | null;
  /** VarCorr per level, outermost first (lme); null for gls. */
  random: RandomReport[] | null;
  /** anova(fit, type = "marginal"); the sequential table is the report's `anova`. */
  anovaMarginal: AnovaRow[];
  /** intervals(fit) at 95%. */
  intervals: NlmeIntervals;
  acf: AcfResult;
  variogram: VariogramPoints | null;
  /** lmerTest's Satterthwaite df and p per coefficient when the lme() model has an lmer() twin; else null (absent in older projects). */
  satterthwaite?: LmeSatterthwaite | null;
}

/** ranef(fit) in the app's per-group shape; nlme gives no conditional SDs, so each level's list is empty. */
function ranefOf(fit: NlmeFit): GroupRanef[] {
  return (fit.report.ranef ?? []).map((r) => {
    const q = r.terms.length;
    const values = r.labels.map((_, g) => r.values.slice(g * q, g * q + q));
    return { group: r.level, terms: r.terms, levels: r.labels, values, condSd: values.map(() => []) };
  });
}

export function nlmeFitReport(fit: NlmeFit, fitMs: number): FitReport {
  const r = fit.report;
  const { spec, model } = fit;
  const p = r.coefficients.length;
  const random = (r.random ?? []).flatMap((lv) => lv.terms.map((term, i) => ({ group: lv.level, term, variance: lv.sd[i] ** 2, sd: lv.sd[i] })));
  const correlations = (r.random ?? []).flatMap((lv) => {
    const k = lv.terms.length;
    const rows = [];
    for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) rows.push({ group: lv.level, term1: lv.terms[i], term2: lv.terms[j], corr: lv.corr[i * k + j] });
    return rows;
  });
  // vcov is symmetric, so its column-major storage is also the row-major one the FitReport keeps
  return {
    schema: 'quadrat.fit/1',
    formula: spec.fixed,
    family: 'gaussian',
    link: 'identity',
    method: r.method,
    nobs: r.nobs,
    groups: r.groups ?? {},
    fixed: r.coefficients.map((c) => ({ term: c.term, estimate: c.estimate, stdError: c.stdError, statistic: c.tValue, df: c.df, pValue: c.pValue })),
    random: [...random, { group: 'Residual', term: null, variance: r.sigma ** 2, sd: r.sigma }],
    correlations,
    sigma: r.sigma,
    logLik: r.logLik,
    aic: r.aic,
    bic: r.bic,
    deviance: -2 * r.logLik,
    remlCriterion: r.method === 'REML' ? -2 * r.logLik : null,
    // every structure parameter on nlme's unconstrained scale, so fixed + theta + σ is logLik's df
    theta: Array.from(fit.optimum.par),
    converged: r.optimizer.converged,
    singular: false,
    warnings: r.warnings,
    anova: r.anova,
    timing: { fitMs },
    optimizer: { name: 'bobyqa', evaluations: r.optimizer.evaluations },
    diagnostics: {
      fitted: r.fitted,
      residuals: r.residuals.response,
      rows: Array.from(model.frame.design.rows),
      ranef: ranefOf(fit),
      vcov: r.vcov.slice(0, p * p),
      pearsonResiduals: r.residuals.pearson,
      normalizedResiduals: r.residuals.normalized,
    },
    nlme: {
      fn: r.fn,
      rCall: nlmeRCall(spec),
      call: { fixed: spec.fixed, random: spec.random ?? null, weights: spec.weights ?? null, correlation: spec.correlation ?? null },
      dfMethod: r.dfMethod,
      df: r.df,
      reParams: model.layout.reStruct[1] - model.layout.reStruct[0],
      varStruct: r.varStruct,
      corStruct: r.corStruct,
      random: r.random,
      anovaMarginal: r.anovaMarginal,
      intervals: intervals(fit, 0.95),
      acf: r.acf,
      variogram: r.variogram,
      satterthwaite: fit.satterthwaite,
    },
  };
}
