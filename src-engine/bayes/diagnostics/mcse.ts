/**
 * posterior's Monte Carlo standard errors: of the mean, sd/√ESS_mean; of a quantile, half the
 * distance between the order statistics at the 16% and 84% points of the Beta distribution of the
 * quantile's rank (Vehtari et al. 2021, §4.3), with the quantile's own ESS.
 */
import { type ChainDraws, pooled, variance } from './draws';
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
