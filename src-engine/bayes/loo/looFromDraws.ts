/**
 * loo::loo(fit) for a stored fit: brms's log_lik() at every stored draw (the group-level effects
 * included) and PSIS-LOO with the relative efficiencies of its chains.
 */
import { type Draws } from '../fit/conditionalEffects';
import { type BrmsModel } from '../model/brmsModel';
import { loo, type LooResult } from './loo';
import { pointwiseLogLik } from './pointwiseLogLik';

export function looFromDraws(model: BrmsModel, draws: Draws, chains: number): LooResult {
  const K = draws.names.length;
  const values = draws.values as Float64Array;
  const rows = Array.from({ length: draws.count }, (_, d) => values.subarray(d * K, (d + 1) * K));
  return loo(pointwiseLogLik(model, rows, draws.names), chains);
}
