/** R's quantile(x, probs) with the default type 7 (what posterior's quantile2 and brms's CIs use). */
export function sortedCopy(x: ArrayLike<number>): Float64Array {
  return Float64Array.from(x).sort();
}

/** Type-7 quantile of already sorted values. */
export function quantileSorted(sorted: Float64Array, prob: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const index = 1 + Math.max(n - 1, 0) * prob; // 1-based as in R
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const qs = sorted[lo - 1];
  if (index > lo && sorted[hi - 1] !== qs) {
    const h = index - lo;
    return (1 - h) * qs + h * sorted[hi - 1];
  }
  return qs;
}

export function quantile(x: ArrayLike<number>, prob: number): number {
  for (let i = 0; i < x.length; i++) if (Number.isNaN(x[i])) return NaN;
  return quantileSorted(sortedCopy(x), prob);
}

/** R's median (mean of the two middle values when n is even). */
export function median(x: ArrayLike<number>): number {
  const s = sortedCopy(x);
  const n = s.length;
  const half = Math.floor((n + 1) / 2);
  return n % 2 === 1 ? s[half - 1] : (s[half - 1] + s[half]) / 2;
}
