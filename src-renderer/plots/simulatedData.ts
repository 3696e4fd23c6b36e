/**
 * Data for DHARMa's two plots of simulated residuals: the uniform Q–Q plot, and the residuals
 * against the rank-transformed predictions with their 0.25, 0.5 and 0.75 quantiles. DHARMa draws
 * the quantiles by quantile GAMs; here they are the empirical quantiles within ten equal-count bins
 * of the predictions (docs/glmm.md), which shows the same departures without a smoothing fit.
 */

/** Sorted residuals against the uniform quantiles (i + ½)/n; `index` maps back to observations. */
export function uniformQQ(scaled: readonly number[]): { expected: number[]; observed: number[]; index: number[] } {
  const n = scaled.length;
  const index = scaled.map((_, i) => i).sort((a, b) => scaled[a] - scaled[b]);
  return { expected: index.map((_, k) => (k + 0.5) / n), observed: index.map((i) => scaled[i]), index };
}

/** Ranks scaled to [0, 1] (ties by order of appearance), as DHARMa's rank transformation. */
export function rankTransform(x: readonly number[]): number[] {
  const n = x.length;
  const order = x.map((_, i) => i).sort((a, b) => x[a] - x[b] || a - b);
  const out = new Array<number>(n);
  order.forEach((i, r) => (out[i] = n > 1 ? r / (n - 1) : 0.5));
  return out;
}

/** R's type-7 quantile of sorted values. */
function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]) - sorted[lo]);
}

/** Quantiles of y within `bins` equal-count bins of x, at each bin's mean x. */
export function binnedQuantiles(x: readonly number[], y: readonly number[], probs: readonly number[] = [0.25, 0.5, 0.75], bins = 10): { x: number[]; q: number[][] } {
  const order = x.map((_, i) => i).sort((a, b) => x[a] - x[b]);
  const k = Math.max(1, Math.min(bins, Math.floor(order.length / 5)));
  const xs: number[] = [];
  const q: number[][] = probs.map(() => []);
  for (let b = 0; b < k; b++) {
    const part = order.slice(Math.floor((b * order.length) / k), Math.floor(((b + 1) * order.length) / k));
    if (part.length === 0) continue;
    xs.push(part.reduce((s, i) => s + x[i], 0) / part.length);
    const ys = part.map((i) => y[i]).sort((a, c) => a - c);
    probs.forEach((p, j) => q[j].push(quantile(ys, p)));
  }
  return { x: xs, q };
}
