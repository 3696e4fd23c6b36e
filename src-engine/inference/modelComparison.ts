/**
 * Comparing fits of the same data: lme4's anova(m1, m2, …) likelihood-ratio tests (REML fits are
 * refitted by ML first, as lme4 does by default, and the result says so) and an information-criterion
 * table with ΔAIC and Akaike weights. Fits to different rows or responses are refused.
 */
import { QuadratError } from '../errors/quadratError';
import { fitDesign, type LmmFit } from '../lmm/fitDesign';
import { mlDeviance } from '../lmm/report';
import { upperChisq } from './distributions';

export interface NamedFit {
  name: string;
  fit: LmmFit;
}

export interface ComparisonRow {
  name: string;
  formula?: string;
  npar: number;
  aic: number;
  bic: number;
  logLik: number;
  deviance: number;
  /** Likelihood-ratio χ² against the previous row (null for the first). */
  chisq: number | null;
  df: number | null;
  pValue: number | null;
  deltaAic: number;
  akaikeWeight: number;
}

export interface ModelComparison {
  rows: ComparisonRow[];
  /** True when REML fits were refitted by ML for the comparison. */
  refitted: boolean;
  messages: string[];
}

/** Number of parameters as lme4's logLik df: p + length(θ) + 1. */
export function nparOf(fit: LmmFit): number {
  return fit.model.design.p + fit.theta.length + 1;
}

/** ML log-likelihood of a fit (−deviance/2). */
export function mlLogLik(fit: LmmFit): number {
  return -(fit.reml ? mlDeviance(fit) : fit.objective) / 2;
}

function sameData(a: LmmFit, b: LmmFit): string | undefined {
  const da = a.model.design;
  const db = b.model.design;
  if (da.n !== db.n || da.rows.some((r, i) => r !== db.rows[i])) {
    return `the models were fitted to different rows (${da.n} and ${db.n} observations). Fit them to the same rows — e.g. remove rows with missing values in any of the variables first.`;
  }
  if (da.responseName !== db.responseName || da.y.some((y, i) => y !== db.y[i])) {
    return `the models have different responses (${da.responseName} and ${db.responseName}); likelihoods of different responses cannot be compared.`;
  }
  return undefined;
}

/**
 * lme4's anova(m1, m2, …) over the fits, plus ΔAIC and Akaike weights. With `refit` (the default) REML
 * fits are refitted by ML, as lme4 does; without it the REML likelihoods are used as they are, which
 * is only meaningful for models with the same fixed effects.
 */
export function compareModels(fits: NamedFit[], options: { refit?: boolean } = {}): ModelComparison {
  if (fits.length < 2) throw new QuadratError('model', 'Comparing models needs at least two fits.');
  for (let i = 1; i < fits.length; i++) {
    const why = sameData(fits[0].fit, fits[i].fit);
    if (why) throw new QuadratError('model', `Cannot compare ${fits[0].name} and ${fits[i].name}: ${why}`);
  }
  const refit = options.refit ?? true;
  const messages: string[] = [];
  const anyReml = fits.some((f) => f.fit.reml);
  let used = fits;
  if (refit && anyReml) {
    messages.push('refitting model(s) with ML (instead of REML)');
    used = fits.map((f) => (f.fit.reml ? { name: f.name, fit: fitDesign(f.fit.model.design, false) } : f));
  } else if (!refit && anyReml && fits.some((f) => !f.fit.reml)) {
    messages.push('some models fit with REML = TRUE, some not');
  }
  const info = used.map((f) => {
    const ll = f.fit.reml ? -f.fit.objective / 2 : mlLogLik(f.fit);
    const npar = nparOf(f.fit);
    const n = f.fit.model.design.n;
    return { name: f.name, npar, logLik: ll, aic: -2 * ll + 2 * npar, bic: -2 * ll + Math.log(n) * npar };
  });
  const rows = likelihoodRatioRows(info);
  return { rows, refitted: refit && anyReml, messages };
}

/**
 * The rows of lme4's anova(m1, m2, …) from each model's log-likelihood and parameter count: ordered by
 * npar, χ² = 2·max(0, Δ logLik) against the previous row on Δnpar df, plus ΔAIC and Akaike weights.
 */
export function likelihoodRatioRows<T extends { name: string; npar: number; logLik: number; aic: number; bic: number }>(info: readonly T[]): (T & ComparisonRow)[] {
  const order = info.map((_, i) => i).sort((a, b) => info[a].npar - info[b].npar || a - b);
  const minAic = Math.min(...info.map((r) => r.aic));
  const wsum = info.reduce((s, r) => s + Math.exp(-(r.aic - minAic) / 2), 0);
  return order.map((i, k) => {
    const r = info[i];
    let chisq: number | null = null;
    let df: number | null = null;
    let pValue: number | null = null;
    if (k > 0) {
      const prev = info[order[k - 1]];
      chisq = 2 * Math.max(0, r.logLik - prev.logLik);
      df = r.npar - prev.npar;
      pValue = df === 0 ? null : upperChisq(chisq, Math.abs(df));
    }
    return { ...r, deviance: -2 * r.logLik, chisq, df, pValue, deltaAic: r.aic - minAic, akaikeWeight: Math.exp(-(r.aic - minAic) / 2) / wsum };
  });
}
