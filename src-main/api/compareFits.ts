/**
 * Likelihood-ratio comparison of fits, as lme4's anova(m1, m2, ...): models ordered by number of
 * parameters, Chisq = 2·max(0, Δ logLik) against the previous row, Df = Δ npar, p = P(χ²_Df > Chisq).
 * All fits must be ML fits of the same data (the handler refits REML fits first, as anova() does).
 */
import gammainc from '@stdlib/math-base-special-gammainc';
import { QuadratError } from '../../src-engine/errors/quadratError';
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

/** Upper tail of the chi-square distribution, accurate for tiny p (R's pchisq(lower.tail = FALSE)). */
export function chisqUpper(x: number, df: number): number {
  return gammainc(x / 2, df / 2, true, true);
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
  const order = fits.map((f, i) => ({ f, i, npar: nparOf(f.report) })).sort((a, b) => a.npar - b.npar || a.i - b.i);
  const rows = order.map(({ f, npar }, k) => {
    const ll = f.report.logLik;
    const prev = k > 0 ? order[k - 1] : null;
    const chisq = prev ? 2 * Math.max(0, ll - prev.f.report.logLik) : null;
    const df = prev ? npar - prev.npar : null;
    const pValue = chisq !== null && df !== null && df !== 0 ? chisqUpper(chisq, Math.abs(df)) : null;
    return { fitId: f.fitId, name: f.name, npar, aic: f.report.aic, bic: f.report.bic, logLik: ll, deviance: -2 * ll, chisq, df, pValue };
  });
  const warnings: string[] = [];
  if (refitted) warnings.push('refitting model(s) with ML (instead of REML)');
  return { rows, refitted, warnings };
}
