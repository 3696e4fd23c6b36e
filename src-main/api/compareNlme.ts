/**
 * anova(fit1, fit2, …) of stored nlme fits, with the rules of src-engine/nlme/compare.ts (Zuur et al.
 * 2009, ch. 4–5): no ML refit (nlme compares the fits as they are), the same method for all, the same
 * fixed effects under REML, the same observations; rows in the order given, each tested against the
 * row before it (L.Ratio = 2|Δ logLik| on |Δ df| df), and the boundary note when a test adds random
 * effects.
 */
import { QuadratError } from '../../src-engine/errors/quadratError';
import { upperChisq } from '../../src-engine/inference/distributions';
import { type FitReport } from '../../src-engine/lmm/fitReport';
import { type Comparison } from './shapes';

/** A stored fit's head is enough: nothing here reads per-observation vectors. */
export interface ComparedNlmeFit {
  fitId: number;
  name: string;
  report: Pick<FitReport, 'nlme' | 'method' | 'nobs' | 'formula' | 'fixed' | 'aic' | 'bic' | 'logLik'>;
}

export function compareNlmeFits(fits: readonly ComparedNlmeFit[]): Comparison {
  const infos = fits.map((f) => {
    if (!f.report.nlme) throw new QuadratError('model', `"${f.name}" is an lme4 fit and the others are nlme fits (gls/lme); their likelihoods are not computed the same way. Compare nlme fits with nlme fits.`);
    return f.report.nlme;
  });
  const methods = new Set(fits.map((f) => f.report.method));
  if (methods.size > 1)
    throw new QuadratError('model', 'The fits use different methods (REML and ML); their likelihoods are not comparable. Refit them with the same method.');
  const nobs = new Set(fits.map((f) => f.report.nobs));
  const responses = new Set(fits.map((f) => f.report.formula.split('~')[0].trim()));
  if (nobs.size > 1 || responses.size > 1)
    throw new QuadratError('model', 'The fits do not use the same response and observations, so their likelihoods are not comparable.');
  const fixedOf = (f: ComparedNlmeFit) => f.report.fixed.map((r) => r.term).join('\u0000');
  if (fits[0].report.method === 'REML' && new Set(fits.map(fixedOf)).size > 1)
    throw new QuadratError(
      'model',
      'The fits have different fixed effects. REML comparisons are not meaningful: the REML likelihood depends on the fixed-effects design. Compare fixed effects with both models fitted by ML (method = "ML"), or compare variance structures with the same fixed effects.',
    );
  const warnings: string[] = [];
  const rows = fits.map((f, k) => {
    const info = infos[k];
    const base = { fitId: f.fitId, name: f.name, npar: info.df, aic: f.report.aic, bic: f.report.bic, logLik: f.report.logLik, deviance: -2 * f.report.logLik };
    if (k === 0) return { ...base, chisq: null, df: null, pValue: null };
    const prev = fits[k - 1];
    const ddf = Math.abs(info.df - infos[k - 1].df);
    if (ddf === 0) {
      warnings.push(`"${prev.name}" and "${f.name}" have the same number of parameters, so there is no likelihood-ratio test; compare their AIC and BIC.`);
      return { ...base, chisq: null, df: null, pValue: null };
    }
    const lRatio = 2 * Math.abs(f.report.logLik - prev.report.logLik);
    const [small, big] = info.df < infos[k - 1].df ? [info, infos[k - 1]] : [infos[k - 1], info];
    if (big.reParams > small.reParams)
      warnings.push(
        `"${prev.name}" vs "${f.name}" adds random effects, whose variance is 0 under the null hypothesis, on the boundary of its range: the χ² p-value is conservative (too large); Zuur et al. (2009, §5.6) suggest halving it for one variance.`,
      );
    return { ...base, chisq: lRatio, df: ddf, pValue: upperChisq(lRatio, ddf) };
  });
  return { rows, refitted: false, warnings };
}
