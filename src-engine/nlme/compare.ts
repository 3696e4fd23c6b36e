/**
 * anova(fit1, fit2) for nlme fits: the likelihood-ratio test of two nested structures, with the
 * rules Zuur et al. (2009, ch. 4–5) explain. Under REML the likelihood depends on the fixed effects'
 * parameterization, so REML fits are only comparable with the same fixed effects: where nlme merely
 * warns, Quadrat refuses and says why. Both fits must use the same method and the same observations.
 */
import { upperChisq } from '../inference/distributions';
import { QuadratError } from '../errors/quadratError';
import { type NlmeFit } from './fitNlme';

export interface ComparisonRow {
  model: number;
  fn: 'gls' | 'lme';
  df: number;
  aic: number;
  bic: number;
  logLik: number;
  /** 2|ℓ₁ − ℓ₂| and its χ² p-value on |df₁ − df₂| df (second row only). */
  lRatio: number | null;
  pValue: number | null;
}

export interface Comparison {
  rows: ComparisonRow[];
  notes: string[];
}

export function compareFits(a: NlmeFit, b: NlmeFit): Comparison {
  const [ra, rb] = [a.report, b.report];
  if (ra.method !== rb.method) {
    throw new QuadratError('model', `The fits use different methods (${ra.method} and ${rb.method}); their likelihoods are not comparable. Refit both with the same method.`);
  }
  const ya = a.model.frame;
  const yb = b.model.frame;
  if (ya.n !== yb.n || ya.design.responseName !== yb.design.responseName || ya.y.some((v, i) => v !== yb.y[i])) {
    throw new QuadratError('model', 'The fits do not use the same response and observations, so their likelihoods are not comparable.');
  }
  const sameFixed = ya.names.length === yb.names.length && ya.names.every((nm, j) => nm === yb.names[j]);
  if (ra.method === 'REML' && !sameFixed) {
    throw new QuadratError('model', 'The fits have different fixed effects. REML comparisons are not meaningful: the REML likelihood depends on the fixed-effects design. Compare fixed effects with both models fitted by ML (method = "ML"), or compare variance structures with the same fixed effects.');
  }
  const lRatio = 2 * Math.abs(ra.logLik - rb.logLik);
  const ddf = Math.abs(ra.df - rb.df);
  const notes: string[] = [];
  if (ddf === 0) notes.push('The models have the same number of parameters, so there is no likelihood-ratio test; compare their AIC and BIC.');
  const [small, big] = ra.df <= rb.df ? [a, b] : [b, a];
  const reParams = (f: NlmeFit) => f.model.layout.reStruct[1] - f.model.layout.reStruct[0];
  if (ddf > 0 && reParams(big) > reParams(small)) {
    notes.push('The test adds random effects, whose variance is 0 under the null hypothesis, on the boundary of its range: the χ² p-value is conservative (too large); Zuur et al. (2009, §5.6) suggest halving it for one variance.');
  }
  const row = (f: NlmeFit, k: number, second: boolean): ComparisonRow => ({
    model: k,
    fn: f.report.fn,
    df: f.report.df,
    aic: f.report.aic,
    bic: f.report.bic,
    logLik: f.report.logLik,
    lRatio: second && ddf > 0 ? lRatio : null,
    pValue: second && ddf > 0 ? upperChisq(lRatio, ddf) : null,
  });
  return { rows: [row(a, 1, false), row(b, 2, true)], notes };
}
