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

/** lme4's logLik df: fixed effects + θ + the residual σ (lmer) or the dispersion (glmer's Gamma etc.; none for binomial/Poisson). */
export function nparOf(r: FitReport): number {
  const scale = r.glmm ? (r.random.some((x) => x.group === 'Residual') ? 1 : 0) : 1;
  return r.fixed.length + r.theta.length + scale;
}

/** "binomial (logit), Laplace" / "linear (lmer)": what must agree for two likelihoods to be comparable. */
function likelihoodKind(r: FitReport): string {
  if (!r.glmm) return 'a linear mixed model (lmer)';
  const how = r.glmm.nAGQ === 1 ? 'Laplace' : r.glmm.nAGQ === 0 ? 'nAGQ = 0' : `adaptive Gauss–Hermite with ${r.glmm.nAGQ} nodes`;
  return `a ${r.family} (${r.link}) GLMM by ${how}`;
}

export function compareFits(fits: readonly ComparedFit[], refitted: boolean): Comparison {
  if (fits.some((f) => f.report.method !== 'ML'))
    throw new QuadratError('model', 'Likelihood-ratio tests need ML fits; refit the REML models with ML first.');
  const kinds = [...new Set(fits.map((f) => likelihoodKind(f.report)))];
  if (kinds.length > 1)
    throw new QuadratError(
      'model',
      `These models' likelihoods are not on the same scale (${kinds.join('; ')}), so they cannot be compared by a likelihood-ratio test or AIC. ` +
        'Compare models of one family and link, fitted the same way.',
    );
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
