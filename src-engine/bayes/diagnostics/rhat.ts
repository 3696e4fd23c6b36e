/**
 * posterior::rhat: the rank-normalized split-R̂ of Vehtari et al. (2021), the larger of the bulk R̂
 * (on z-scaled split chains) and the tail R̂ (on the z-scaled split chains of |x − median|).
 */
import { type ChainDraws, mean, shouldReturnNA, variance } from './draws';
import { splitChains } from './splitChains';
import { foldDraws, zScale } from './zScale';

/** posterior's .rhat: √((B/W + N − 1)/N) for chains of N draws (NaN when undefined). */
export function rhatBasic(x: ChainDraws): number {
  if (shouldReturnNA(x)) return NaN;
  const N = x[0].length;
  const chainMean = Float64Array.from(x, (c) => mean(c));
  const varWithin = mean(Float64Array.from(x, (c) => variance(c)));
  const varBetween = N * variance(chainMean);
  return Math.sqrt((varBetween / varWithin + N - 1) / N);
}

export function rhat(x: ChainDraws): number {
  const bulk = rhatBasic(zScale(splitChains(x)));
  const tail = rhatBasic(zScale(splitChains(foldDraws(x))));
  // R's max() returns NA if either is NA
  return Number.isNaN(bulk) || Number.isNaN(tail) ? NaN : Math.max(bulk, tail);
}
