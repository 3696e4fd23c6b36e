/**
 * The Beta(a, b) quantile by bisection on the regularized incomplete beta (stdlib's betainc, the
 * project's dependency). Bisection to the last bit is slow but exact enough for its one use, the
 * order-statistic index in mcse_quantile.
 */
import betainc from '@stdlib/math-base-special-betainc';

export function qbeta(p: number, a: number, b: number): number {
  if (Number.isNaN(p) || Number.isNaN(a) || Number.isNaN(b) || !(a > 0) || !(b > 0)) return NaN;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (betainc(mid, a, b, true, false) < p) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
