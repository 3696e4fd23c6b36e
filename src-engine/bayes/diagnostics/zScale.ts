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
  const order = Array.from({ length: S }, (_, i) => i).sort((a, b) => all[a] - all[b]);
  const rank = new Float64Array(S);
  for (let i = 0; i < S; ) {
    let j = i;
    while (j + 1 < S && all[order[j + 1]] === all[order[i]]) j++;
    const r = (i + 1 + j + 1) / 2; // average of the 1-based positions i..j
    for (let k = i; k <= j; k++) rank[order[k]] = r;
    i = j + 1;
  }
  const c = 3 / 8;
  let k = 0;
  return x.map((chain) => {
    const z = new Float64Array(chain.length);
    for (let i = 0; i < chain.length; i++, k++) z[i] = normalQuantile((rank[k] - c) / (S - 2 * c + 1), 0, 1);
    return z;
  });
}

export function foldDraws(x: ChainDraws): Float64Array[] {
  const m = median(pooled(x));
  return x.map((c) => c.map((v) => Math.abs(v - m)));
}
