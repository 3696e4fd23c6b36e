/**
 * Pareto-smoothed importance sampling for one observation (Vehtari, Gelman & Gabry 2017; loo 2.5's
 * do_psis_i): the largest M log ratios are replaced by the expected order statistics of a generalized
 * Pareto fitted to them, then truncated at the largest raw ratio. khat is the fitted shape: above 0.7
 * the importance-sampling estimate is unreliable.
 */
import { gpdfit } from './gpdfit';

export interface PsisResult {
  /** Smoothed, unnormalized log weights, one per draw. */
  logWeights: Float64Array;
  paretoK: number;
}

/** loo's n_pareto_tail: M = ceil(min(0.2 S, 3 √(S / r_eff))). */
export function paretoTailLength(draws: number, rEff: number): number {
  return Math.ceil(Math.min(0.2 * draws, 3 * Math.sqrt(draws / rEff)));
}

export function psis(logRatios: ArrayLike<number>, rEff: number): PsisResult {
  const s = logRatios.length;
  let maxRatio = -Infinity;
  for (let i = 0; i < s; i++) if (logRatios[i] > maxRatio) maxRatio = logRatios[i];
  const lw = Float64Array.from(logRatios, (v) => v - maxRatio);
  const tailLength = paretoTailLength(s, rEff);
  let paretoK = Infinity;
  if (tailLength >= 5) {
    const order = Array.from({ length: s }, (_, i) => i).sort((a, b) => lw[a] - lw[b]);
    const tailStart = s - tailLength;
    const tail = order.slice(tailStart).map((i) => lw[i]);
    if (Math.abs(tail[tail.length - 1] - tail[0]) >= Number.EPSILON / 100) {
      const cutoff = lw[order[tailStart - 1]];
      const smoothed = smoothTail(tail, cutoff);
      paretoK = smoothed.k;
      for (let j = 0; j < tailLength; j++) lw[order[tailStart + j]] = smoothed.tail[j];
    }
  }
  for (let i = 0; i < s; i++) lw[i] = Math.min(lw[i], 0) + maxRatio;
  return { logWeights: lw, paretoK };
}

/** loo's psis_smooth_tail: fit on exp(x) − exp(cutoff), replace by log of the GPD quantiles. */
function smoothTail(x: readonly number[], cutoff: number): { tail: number[]; k: number } {
  const expCutoff = Math.exp(cutoff);
  const { k, sigma } = gpdfit(x.map((v) => Math.exp(v) - expCutoff));
  if (!Number.isFinite(k)) return { tail: [...x], k };
  const len = x.length;
  const tail = x.map((_, j) => Math.log(qgpd((j + 1 - 0.5) / len, k, sigma) + expCutoff));
  return { tail, k };
}

function qgpd(p: number, k: number, sigma: number): number {
  return (sigma * Math.expm1(-k * Math.log1p(-p))) / k;
}
