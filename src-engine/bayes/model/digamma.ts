/**
 * ψ(x) for x > 0 (the negative binomial's shape gradient needs it; no maintained JS package here has
 * it): the recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 6, then the asymptotic series in 1/x².
 */
export function digamma(x: number): number {
  let r = 0;
  while (x < 6) {
    r -= 1 / x;
    x += 1;
  }
  const f = 1 / (x * x);
  const series = f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f * (1 / 132 - f * (691 / 32760 - f / 12))))));
  return r + Math.log(x) - 0.5 / x - series;
}
