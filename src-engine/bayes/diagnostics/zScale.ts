/**
 * posterior's z_scale: pooled ranks (ties averaged) mapped to normal scores Φ⁻¹((r − 3/8)/(S + 1/4)),
 * the rank normalization that makes R̂ and ESS meaningful for heavy tails; and fold_draws |x − median|,
 * whose R̂ detects chains that differ in scale rather than location.
 */
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { type ChainDraws, pooled } from './draws';
import { median } from './quantile';

export function zScale(x: ChainDraws): Float64Array[] {
  const all = pooled(x);
  const S = all.length;
  // a typed sort and two binary searches per draw give each value the average of its tied positions,
  // without a comparator call per comparison (summaries run on a cold main thread in the CLI)
  const sorted = Float64Array.from(all).sort();
  const c = 3 / 8;
  let k = 0;
  return x.map((chain) => {
    const z = new Float64Array(chain.length);
    for (let i = 0; i < chain.length; i++, k++) {
      const v = all[k];
      const first = lowerBound(sorted, v);
      const last = upperBound(sorted, v, first) - 1;
      const rank = (first + last) / 2 + 1;
      z[i] = normalQuantile((rank - c) / (S - 2 * c + 1), 0, 1);
    }
    return z;
  });
}

/** First index of sorted whose value is not below v. */
function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index from `from` on whose value is above v. */
function upperBound(sorted: Float64Array, v: number, from: number): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function foldDraws(x: ChainDraws): Float64Array[] {
  const m = median(pooled(x));
  return x.map((c) => c.map((v) => Math.abs(v - m)));
}
