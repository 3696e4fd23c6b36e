/**
 * Likelihood-ratio comparison of fits, as lme4's anova(m1, m2, ...): models ordered by number of
 * parameters, Chisq = 2·max(0, Δ logLik) against the previous row, Df = Δ npar, p = P(χ²_Df > Chisq).
 * All fits must be ML fits of the same data (the handler refits REML fits first, as anova() does).
 */
import { QuadratError } from '../../src-engine/errors/quadratError';
import { likelihoodRatioRows } from '../../src-engine/inference/modelComparison';
import { type FitReport } from '../../src-engine/lmm/fitReport';
import { type Comparison } from './shapes';

export interface ComparedFit {
  fitId: number;
  name: string;
  report: FitReport;
}

/** lme4's logLik df for an lmer fit: fixed effects + variance parameters theta + residual sigma. */
export function nparOf(r: FitReport): number {
  return r.fixed.length + r.theta.length + 1;
}

export function compareFits(fits: readonly ComparedFit[], refitted: boolean): Comparison {
  if (fits.some((f) => f.report.method !== 'ML'))
    throw new QuadratError('model', 'Likelihood-ratio tests need ML fits; refit the REML models with ML first.');
  const nobs = new Set(fits.map((f) => f.report.nobs));
  if (nobs.size > 1)
    throw new QuadratError(
      'model',
      `These models were fitted to different numbers of observations (${[...nobs].join(', ')}), so their likelihoods cannot be compared. ` +
        'Missing values in a variable one model uses and another does not are the usual cause.',
    );
  const rows = likelihoodRatioRows(
    fits.map((f) => ({ fitId: f.fitId, name: f.name, npar: nparOf(f.report), aic: f.report.aic, bic: f.report.bic, logLik: f.report.logLik })),
  ).map((r) => ({ fitId: r.fitId, name: r.name, npar: r.npar, aic: r.aic, bic: r.bic, logLik: r.logLik, deviance: r.deviance, chisq: r.chisq, df: r.df, pValue: r.pValue }));
  const warnings: string[] = [];
  if (refitted) warnings.push('refitting model(s) with ML (instead of REML)');
  return { rows, refitted, warnings };
}
