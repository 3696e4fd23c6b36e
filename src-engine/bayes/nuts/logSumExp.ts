/** log(eᵃ + eᵇ) as Stan's math::log_sum_exp(a, b), exact for −∞ arguments. */
export function logSumExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (a === Infinity && b === Infinity) return Infinity;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}
