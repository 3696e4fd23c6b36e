/**
 * ψ(y + k) − ψ(k), ψ′(y + k) − ψ′(k) and ψ″(y + k) − ψ″(k): the negative binomial's log density has
 * log Γ(y + k) − log Γ(k), and its derivatives in the size k need these differences. For a count y
 * they are the finite sums Σ_{j<y} 1/(k + j), −Σ 1/(k + j)², 2 Σ 1/(k + j)³ (exact, no cancellation);
 * otherwise (a non-integer or very large y) the polygamma functions by recurrence and asymptotic series.
 */
import { digamma } from '../bayes/model/digamma';

/** Counts up to this size are summed; larger ones use the polygamma functions. */
const MAX_SUM = 200;

/** ψ′(x) for x > 0: ψ′(x) = ψ′(x + 1) + 1/x² up to x ≥ 10, then the asymptotic series. */
export function trigamma(x: number): number {
  let r = 0;
  while (x < 10) {
    r += 1 / (x * x);
    x += 1;
  }
  const f = 1 / (x * x);
  return r + 1 / x + f / 2 + (f / x) * (1 / 6 - f * (1 / 30 - f * (1 / 42 - f * (1 / 30 - f * (5 / 66 - f * (691 / 2730 - f * 7 / 6))))));
}

/** ψ″(x) for x > 0: ψ″(x) = ψ″(x + 1) − 2/x³ up to x ≥ 10, then the asymptotic series. */
export function tetragamma(x: number): number {
  let r = 0;
  while (x < 10) {
    r -= 2 / (x * x * x);
    x += 1;
  }
  const f = 1 / (x * x);
  return r - f / x - f - f * f * (1 / 2 - f * (1 / 6 - f * (1 / 6 - f * (3 / 10 - f * (5 / 6 - f * 691 / 210)))));
}

/** [ψ(y+k) − ψ(k), ψ′(y+k) − ψ′(k), ψ″(y+k) − ψ″(k)] into out. */
export function gammaDifferences(y: number, k: number, out: Float64Array): void {
  if (Number.isInteger(y) && y >= 0 && y <= MAX_SUM) {
    let s1 = 0, s2 = 0, s3 = 0;
    for (let j = 0; j < y; j++) {
      const r = 1 / (k + j);
      const r2 = r * r;
      s1 += r; s2 += r2; s3 += r2 * r;
    }
    out[0] = s1; out[1] = -s2; out[2] = 2 * s3;
    return;
  }
  out[0] = digamma(y + k) - digamma(k);
  out[1] = trigamma(y + k) - trigamma(k);
  out[2] = tetragamma(y + k) - tetragamma(k);
}
