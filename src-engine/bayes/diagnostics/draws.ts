/**
 * One quantity's draws as the posterior package sees an iterations × chains matrix: one
 * Float64Array per chain, all of the same length.
 */
export type ChainDraws = readonly Float64Array[];

/** All draws, chain after chain (R's as.vector of the matrix). */
export function pooled(x: ChainDraws): Float64Array {
  const n = x.reduce((s, c) => s + c.length, 0);
  const out = new Float64Array(n);
  let k = 0;
  for (const c of x) {
    out.set(c, k);
    k += c.length;
  }
  return out;
}

export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/** Sample variance (denominator n − 1), two-pass as R's var. */
export function variance(x: ArrayLike<number>): number {
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - m) * (x[i] - m);
  return s / (x.length - 1);
}

/** posterior's should_return_NA: any NA/±Inf, or all draws equal (to machine epsilon). */
export function shouldReturnNA(x: ChainDraws): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of x) {
    for (let i = 0; i < c.length; i++) {
      const v = c[i];
      if (!Number.isFinite(v)) return true;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return Math.abs(hi - lo) < Number.EPSILON;
}
