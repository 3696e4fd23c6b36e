/**
 * nlme's ACF(fit, resType = "normalized"): the empirical autocorrelation of the residuals within
 * groups (lme: the innermost random-effects groups; gls: the correlation structure's groups, else one
 * series), pooled over groups: ρ(k) = [Σ_g Σ_t r_t r_{t+k} / Σ_g (n_g − k)] / (same at k = 0), for
 * k = 0 … min(maxL, ⌊10 log10(maxL + 1)⌋), maxL the longest group minus 1. Residuals are taken in
 * data order within each group.
 */
export interface AcfResult {
  lag: number[];
  acf: number[];
}

export function residualAcf(residuals: ArrayLike<number>, groups: readonly (readonly number[])[], maxLag?: number): AcfResult {
  const maxL = Math.max(...groups.map((g) => g.length)) - 1;
  const K = maxLag ?? Math.min(maxL, Math.floor(10 * Math.log10(maxL + 1)));
  const sums = new Array<number>(K + 1).fill(0);
  const counts = new Array<number>(K + 1).fill(0);
  for (const g of groups) {
    const n = g.length;
    for (let k = 0; k <= Math.min(K, n - 1); k++) {
      let s = 0;
      for (let t = 0; t + k < n; t++) s += residuals[g[t]] * residuals[g[t + k]];
      sums[k] += s;
      counts[k] += n - k;
    }
  }
  const c = sums.map((s, k) => s / counts[k]);
  return { lag: c.map((_, k) => k), acf: c.map((v) => v / c[0]) };
}
