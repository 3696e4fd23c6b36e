/**
 * Tail probabilities and quantiles, in the upper-tail forms R uses (`lower.tail = FALSE`), computed
 * from the regularized incomplete beta/gamma functions so that tiny p-values keep their digits
 * instead of cancelling as 1 − cdf would.
 */
import betainc from '@stdlib/math-base-special-betainc';
import gammainc from '@stdlib/math-base-special-gammainc';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** P(|T| > |t|) for T ~ t_df (R: 2 * pt(abs(t), df, lower.tail = FALSE)). df = Infinity gives the normal. */
export function twoSidedT(t: number, df: number): number {
  if (!Number.isFinite(t) && !Number.isNaN(t)) return 0;
  if (Number.isNaN(t) || Number.isNaN(df) || df <= 0) return NaN;
  if (df === Infinity) return 2 * normalCdf(-Math.abs(t), 0, 1);
  const x = df / (df + t * t);
  return betainc(x, df / 2, 0.5, true, false);
}

/** P(F > f) for F ~ F(df1, df2) (R: pf(f, df1, df2, lower.tail = FALSE)). */
export function upperF(f: number, df1: number, df2: number): number {
  if (Number.isNaN(f) || Number.isNaN(df1) || Number.isNaN(df2) || df1 <= 0 || df2 <= 0) return NaN;
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  if (df2 === Infinity) return upperChisq(f * df1, df1);
  const x = df2 / (df2 + df1 * f);
  return betainc(x, df2 / 2, df1 / 2, true, false);
}

/** P(X > x) for X ~ χ²_df (R: pchisq(x, df, lower.tail = FALSE)). */
export function upperChisq(x: number, df: number): number {
  if (Number.isNaN(x) || Number.isNaN(df) || df <= 0) return NaN;
  if (x <= 0) return 1;
  return gammainc(x / 2, df / 2, true, true);
}

/** Quantile of t_df (df = Infinity: the normal). */
export function qt(p: number, df: number): number {
  if (df === Infinity) return normalQuantile(p, 0, 1);
  return tQuantile(p, df);
}

export function qnorm(p: number): number {
  return normalQuantile(p, 0, 1);
}
