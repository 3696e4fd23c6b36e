/**
 * PSIS-LOO as loo::loo(log_lik_matrix, r_eff): per observation, the log weights of −log_lik smoothed
 * by PSIS, elpd_loo_i = log Σ_s w_s p(y_i | θ_s) / Σ_s w_s, p_loo_i = lpd_i − elpd_loo_i with
 * lpd_i = log mean_s p(y_i | θ_s), looic_i = −2 elpd_loo_i; the totals are sums and their SEs
 * √(n · var(pointwise)).
 */
import { QuadratError } from '../../errors/quadratError';
import { paretoTailLength, psis } from './psis';
import { relativeEff } from './relativeEff';

export interface LooEstimate {
  estimate: number;
  se: number;
}

export interface LooResult {
  elpd_loo: LooEstimate;
  p_loo: LooEstimate;
  looic: LooEstimate;
  pointwise: { elpd_loo: number[]; p_loo: number[]; looic: number[]; pareto_k: number[]; r_eff: number[] };
  draws: number;
  /** Draws in the smoothed tail per observation. */
  tailLength: number[];
}

/**
 * `logLik[i]` holds observation i's log-likelihood at every draw, chains one after another.
 * `rEff` defaults to loo's relative_eff from the chains (pass 1s for independent draws).
 */
export function loo(logLik: readonly ArrayLike<number>[], chains: number, rEff?: readonly number[]): LooResult {
  const n = logLik.length;
  if (n === 0) throw new QuadratError('input', 'LOO needs at least one observation.');
  const s = logLik[0].length;
  if (s < 2 || s % chains !== 0 || logLik.some((l) => l.length !== s)) {
    throw new QuadratError('input', `LOO needs the same number of draws (a multiple of the ${chains} chains) for every observation.`);
  }
  const out: LooResult['pointwise'] = { elpd_loo: [], p_loo: [], looic: [], pareto_k: [], r_eff: [] };
  const tailLength: number[] = [];
  for (let i = 0; i < n; i++) {
    const ll = logLik[i];
    const r = rEff ? rEff[i] : relativeEff(ll, chains);
    const { logWeights, paretoK } = psis(Float64Array.from(ll, (v) => -v), r);
    const lse = logSumExpOf(logWeights);
    const elpd = logSumExpOf(Float64Array.from(logWeights, (w, j) => w - lse + ll[j]));
    const lpd = logSumExpOf(ll) - Math.log(s);
    out.elpd_loo.push(elpd);
    out.p_loo.push(lpd - elpd);
    out.looic.push(-2 * elpd);
    out.pareto_k.push(paretoK);
    out.r_eff.push(r);
    tailLength.push(paretoTailLength(s, r));
  }
  return {
    elpd_loo: total(out.elpd_loo),
    p_loo: total(out.p_loo),
    looic: total(out.looic),
    pointwise: out,
    draws: s,
    tailLength,
  };
}

/** Sum and its standard error √(n · var(x)), as loo's table_of_estimates. */
export function total(x: readonly number[]): LooEstimate {
  const n = x.length;
  let sum = 0;
  for (const v of x) sum += v;
  const m = sum / n;
  let ss = 0;
  for (const v of x) ss += (v - m) * (v - m);
  return { estimate: sum, se: n > 1 ? Math.sqrt(n * (ss / (n - 1))) : NaN };
}

function logSumExpOf(x: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) if (x[i] > max) max = x[i];
  if (!Number.isFinite(max)) return max;
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += Math.exp(x[i] - max);
  return max + Math.log(sum);
}

/** loo's pareto_k_table bands: (−∞, 0.5] good, (0.5, 0.7] ok, (0.7, 1] bad, (1, ∞) very bad. */
export function paretoKCounts(k: readonly number[]): { good: number; ok: number; bad: number; veryBad: number } {
  const c = { good: 0, ok: 0, bad: 0, veryBad: 0 };
  for (const v of k) {
    if (v <= 0.5) c.good++;
    else if (v <= 0.7) c.ok++;
    else if (v <= 1) c.bad++;
    else c.veryBad++;
  }
  return c;
}
