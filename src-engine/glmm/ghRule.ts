/**
 * Gauss–Hermite rule for the standard normal kernel (lme4's GHrule): nodes z_k and weights w_k with
 * Σ w_k f(z_k) ≈ ∫ f(z) φ(z) dz, exact for polynomials of degree < 2K. Nodes by Newton's method on
 * the orthonormal Hermite recurrence, started from the usual asymptotic guesses; symmetrised as
 * lme4 (≥ 2.0) and MixedModels.jl do.
 */
export interface GhRule {
  readonly z: Float64Array;
  readonly w: Float64Array;
}

const cache = new Map<number, GhRule>();

/** Physicists' rule (weight e^{−x²}) by Newton iteration; then rescaled to the N(0, 1) kernel. */
export function ghRule(K: number): GhRule {
  const hit = cache.get(K);
  if (hit) return hit;
  if (!(K >= 1 && K <= 100 && Number.isInteger(K))) throw new RangeError(`GH rule order must be 1..100 (got ${K})`);
  const x = new Float64Array(K);
  const w = new Float64Array(K);
  const PIM4 = Math.pow(Math.PI, -0.25);
  const m = Math.floor((K + 1) / 2);
  let r = 0;
  for (let i = 0; i < m; i++) {
    if (i === 0) r = Math.sqrt(2 * K + 1) - 1.85575 * Math.pow(2 * K + 1, -1 / 6);
    else if (i === 1) r -= (1.14 * Math.pow(K, 0.426)) / r;
    else if (i === 2) r = 1.86 * r - 0.86 * x[0];
    else if (i === 3) r = 1.91 * r - 0.91 * x[1];
    else r = 2 * r - x[i - 2];
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      // orthonormal Hermite polynomials: p_j = x √(2/j) p_{j−1} − √((j−1)/j) p_{j−2}
      let p1 = PIM4;
      let p2 = 0;
      for (let j = 1; j <= K; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = r * Math.sqrt(2 / j) * p2 - Math.sqrt((j - 1) / j) * p3;
      }
      dp = Math.sqrt(2 * K) * p2;
      const r1 = r;
      r = r1 - p1 / dp;
      if (Math.abs(r - r1) <= 1e-15 * Math.max(1, Math.abs(r))) break;
    }
    x[i] = r;
    x[K - 1 - i] = -r;
    w[i] = w[K - 1 - i] = 2 / (dp * dp);
  }
  if (K % 2 === 1) x[m - 1] = 0;
  // ascending nodes, N(0,1) scale: z = √2 x, weight / √π
  const z = new Float64Array(K);
  const wn = new Float64Array(K);
  for (let i = 0; i < K; i++) {
    z[i] = Math.SQRT2 * x[K - 1 - i];
    wn[i] = w[K - 1 - i] / Math.sqrt(Math.PI);
  }
  // symmetrise (z_k = −z_{K−1−k}, equal weights) against rounding
  for (let i = 0; i < Math.floor(K / 2); i++) {
    const a = (z[K - 1 - i] - z[i]) / 2;
    z[i] = -a;
    z[K - 1 - i] = a;
    const b = (wn[i] + wn[K - 1 - i]) / 2;
    wn[i] = wn[K - 1 - i] = b;
  }
  const rule = { z, w: wn };
  cache.set(K, rule);
  return rule;
}
