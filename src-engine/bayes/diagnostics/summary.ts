/**
 * One row of brms's posterior summary for a quantity: Estimate (mean), Est.Error (sd), l-95% CI and
 * u-95% CI (type-7 quantiles at (1 ± prob)/2), Rhat, Bulk_ESS and Tail_ESS from the posterior
 * package's definitions, plus the MCSE of the mean.
 */
import { type ChainDraws, mean, pooled, variance } from './draws';
import { essBulk, essTail } from './ess';
import { mcseMean } from './mcse';
import { quantileSorted, sortedCopy } from './quantile';
import { rhat } from './rhat';

export interface DrawsSummary {
  estimate: number;
  estError: number;
  lower: number;
  upper: number;
  rhat: number;
  essBulk: number;
  essTail: number;
  mcseMean: number;
}

export function summariseDraws(x: ChainDraws, prob = 0.95): DrawsSummary {
  const all = pooled(x);
  const sorted = sortedCopy(all);
  const alpha = (1 - prob) / 2;
  return {
    estimate: mean(all),
    estError: Math.sqrt(variance(all)),
    lower: quantileSorted(sorted, alpha),
    upper: quantileSorted(sorted, 1 - alpha),
    rhat: rhat(x),
    essBulk: essBulk(x),
    essTail: essTail(x),
    mcseMean: mcseMean(x),
  };
}

/** One coordinate's draws per chain from row-major chain outputs (draw i, coordinate j at i·dim + j). */
export function coordinateDraws(chains: readonly { draws: Float64Array; dim: number; numSamples: number }[], j: number): Float64Array[] {
  return chains.map((c) => {
    const out = new Float64Array(c.numSamples);
    for (let i = 0; i < c.numSamples; i++) out[i] = c.draws[i * c.dim + j];
    return out;
  });
}
