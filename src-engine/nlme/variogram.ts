/**
 * nlme's Variogram(fit) for spatial correlation structures: the semivariances (r_i − r_j)²/2 of the
 * Pearson residuals of every pair in the same group, against their distance, collapsed as nlme's
 * default `collapse = "quantiles", nint = 20`: with fewer distinct distances than 20 one point per
 * distance, else bins between the distance quantiles (R's type 7), right-closed as R's cut() (so the
 * pairs at the smallest distance fall outside the first bin, as in nlme). Each point is the mean
 * semivariance, the median distance and the number of pairs.
 */
export interface VariogramPoints {
  variog: number[];
  dist: number[];
  nPairs: number[];
  /** The fitted structure's semivariogram at 50 distances (nlme's attr(, "modelVariog")), when known. */
  model?: { dist: number[]; variog: number[] } | null;
}

function quantile7(sorted: readonly number[], prob: number): number {
  const h = (sorted.length - 1) * prob;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function variogram(residuals: ArrayLike<number>, groups: readonly (readonly number[])[], distance: (i: number, j: number) => number, nint = 20): VariogramPoints {
  const semi: number[] = [];
  const dst: number[] = [];
  for (const g of groups) {
    for (let a = 0; a < g.length; a++) {
      for (let b = a + 1; b < g.length; b++) {
        semi.push((residuals[g[a]] - residuals[g[b]]) ** 2 / 2);
        dst.push(distance(g[a], g[b]));
      }
    }
  }
  const unique = Array.from(new Set(dst)).sort((x, y) => x - y);
  let bin: (d: number) => number;
  let nBins: number;
  if (nint < unique.length) {
    const sorted = dst.slice().sort((x, y) => x - y);
    const breaks = Array.from(new Set(Array.from({ length: nint + 1 }, (_, k) => quantile7(sorted, k / nint))));
    nBins = breaks.length - 1;
    bin = (d) => {
      for (let k = 0; k < nBins; k++) if (d > breaks[k] && d <= breaks[k + 1]) return k;
      return -1;
    };
  } else {
    nBins = unique.length;
    const index = new Map(unique.map((d, k) => [d, k]));
    bin = (d) => index.get(d)!;
  }
  const members: number[][] = Array.from({ length: nBins }, () => []);
  dst.forEach((d, k) => {
    const b = bin(d);
    if (b >= 0) members[b].push(k);
  });
  return {
    variog: members.map((m) => m.reduce((s, k) => s + semi[k], 0) / m.length),
    dist: members.map((m) => median(m.map((k) => dst[k]))),
    nPairs: members.map((m) => m.length),
  };
}
