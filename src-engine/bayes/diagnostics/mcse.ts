/**
 * posterior's Monte Carlo standard errors: of the mean, sd/√ESS_mean; of a quantile, half the
 * distance between the order statistics at the 16% and 84% points of the Beta distribution of the
 * quantile's rank (Vehtari et al. 2021, §4.3), with the quantile's own ESS.
 */
import { type ChainDraws, mean, pooled, variance } from './draws';
import { essMean, essQuantile } from './ess';
import { qbeta } from './qbeta';
import { sortedCopy } from './quantile';

export function mcseMean(x: ChainDraws): number {
  return Math.sqrt(variance(pooled(x))) / Math.sqrt(essMean(x));
}

export function mcseQuantile(x: ChainDraws, prob: number): number {
  const ess = essQuantile(x, prob);
  if (Number.isNaN(ess)) return NaN;
  const a1 = qbeta(0.1586553, ess * prob + 1, ess * (1 - prob) + 1);
  const a2 = qbeta(0.8413447, ess * prob + 1, ess * (1 - prob) + 1);
  const sorted = sortedCopy(pooled(x));
  const S = sorted.length;
  const th1 = sorted[Math.max(Math.floor(a1 * S), 1) - 1];
  const th2 = sorted[Math.min(Math.ceil(a2 * S), S) - 1];
  return (th2 - th1) / 2;
}

/** posterior's mcse_sd (1.4): from the ESS of the squared centred draws and their fourth moment. */
export function mcseSd(x: ChainDraws): number {
  const m = mean(pooled(x));
  const sq = x.map((c) => c.map((v) => (v - m) * (v - m)));
  const ess = essMean(sq);
  const all = pooled(sq);
  const evar = mean(all);
  let e4 = 0;
  for (let i = 0; i < all.length; i++) e4 += all[i] * all[i];
  e4 /= all.length;
  return Math.sqrt((e4 - evar * evar) / ess / evar / 4);
}
