/**
 * Zuur et al.'s (2009, ch. 4) variance-structure step: with the fixed effects as the user wrote them
 * (REML, so the AICs are comparable), fit the homogeneous model and each candidate variance function,
 * tabulate df, logLik, AIC and BIC, test each candidate against the homogeneous model by a likelihood
 * ratio, keep the Pearson residuals against the fitted values for the spread plot, and recommend the
 * lowest AIC. A candidate that cannot be fitted keeps its error message in its row.
 */
import { type Table } from '../data/table';
import { upperChisq } from '../inference/distributions';
import { QuadratError } from '../errors/quadratError';
import { fitNlme } from './fitNlme';
import { type NlmeSpec } from './spec/nlmeSpec';

export interface VarianceStepRow {
  /** The variance function, or null for the homogeneous model. */
  weights: string | null;
  df: number | null;
  logLik: number | null;
  aic: number | null;
  bic: number | null;
  /** AIC minus the lowest AIC. */
  deltaAic: number | null;
  /** Likelihood ratio against the homogeneous model and its χ² p-value (null for it and for varFixed). */
  lRatio: number | null;
  pValue: number | null;
  /** Pearson residuals and fitted values, for the residual-vs-fitted spread plot. */
  spread: { fitted: number[]; pearson: number[] } | null;
  error: string | null;
}

export interface VarianceStep {
  rows: VarianceStepRow[];
  /** The row with the lowest AIC. */
  recommended: string | null;
  notes: string[];
}

/** The usual candidates for grouping factors and numeric covariates (Zuur's list in chapter 4). */
export function defaultVarianceCandidates(groups: readonly string[], covariates: readonly string[]): string[] {
  return [
    ...groups.map((g) => `varIdent(form = ~ 1 | ${g})`),
    ...covariates.flatMap((v) => [`varFixed(~ ${v})`, `varPower(form = ~ ${v})`, `varExp(form = ~ ${v})`, `varConstPower(form = ~ ${v})`]),
    'varPower()',
  ];
}

export function varianceStep(table: Table, spec: NlmeSpec, candidates: readonly string[]): VarianceStep {
  if (spec.weights) throw new QuadratError('input', 'The variance-structure step fits its own candidates: leave weights out of the model.');
  if (spec.method === 'ML') throw new QuadratError('input', 'Compare variance structures with REML fits (Zuur et al. 2009, §4.1): the fixed effects are the same in all of them.');
  const base = fitNlme(table, { ...spec, method: 'REML' });
  const rows: VarianceStepRow[] = [];
  const row = (weights: string | null, fit: ReturnType<typeof fitNlme>): VarianceStepRow => {
    const r = fit.report;
    const ddf = r.df - base.report.df;
    const lRatio = weights && ddf > 0 ? Math.max(0, 2 * (r.logLik - base.report.logLik)) : null;
    return {
      weights,
      df: r.df,
      logLik: r.logLik,
      aic: r.aic,
      bic: r.bic,
      deltaAic: null,
      lRatio,
      pValue: lRatio === null ? null : upperChisq(lRatio, ddf),
      spread: { fitted: r.fitted, pearson: r.residuals.pearson },
      error: null,
    };
  };
  rows.push(row(null, base));
  for (const w of candidates) {
    try {
      rows.push(row(w, fitNlme(table, { ...spec, weights: w, method: 'REML' })));
    } catch (e) {
      if (!(e instanceof QuadratError) || e.kind === 'cancelled') throw e;
      rows.push({ weights: w, df: null, logLik: null, aic: null, bic: null, deltaAic: null, lRatio: null, pValue: null, spread: null, error: e.message });
    }
  }
  const best = Math.min(...rows.filter((r) => r.aic !== null).map((r) => r.aic!));
  for (const r of rows) if (r.aic !== null) r.deltaAic = r.aic - best;
  const winner = rows.find((r) => r.aic === best)!;
  return {
    rows,
    recommended: winner.weights,
    notes: [
      'All models are fitted by REML with the same fixed effects, so their AICs are comparable (Zuur et al. 2009, §4.1).',
      winner.weights === null ? 'No variance function lowers the AIC: keep the homogeneous model.' : `Lowest AIC: ${winner.weights}. Check its Pearson residuals against the fitted values for remaining spread.`,
    ],
  };
}
