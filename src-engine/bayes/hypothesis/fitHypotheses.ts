/**
 * brms's hypothesis(fit, c(…), alpha) on a fit's stored draws, with prior draws of the coefficients
 * (priorDraws.ts) so that a point hypothesis gets its Savage–Dickey evidence ratio wherever the
 * coefficients' priors are proper — as brms with sample_prior = "yes".
 */
import { type Draws } from '../fit/conditionalEffects';
import { isGroupEffect } from '../model/brmsDraws';
import { type BrmsModel } from '../model/brmsModel';
import { hypothesis, type HypothesisRow } from './hypothesis';
import { priorDraws } from './priorDraws';

/** The summarised quantities' draws by name (chains one after another). */
export function namedDraws(draws: Draws): Record<string, Float64Array> {
  const K = draws.names.length;
  const out: Record<string, Float64Array> = {};
  draws.names.forEach((name, j) => {
    if (isGroupEffect(name)) return;
    out[name] = Float64Array.from({ length: draws.count }, (_, d) => draws.values[d * K + j]);
  });
  return out;
}

export function fitHypotheses(model: BrmsModel, draws: Draws, texts: readonly string[], alpha: number, seed: number): HypothesisRow[] {
  const named = namedDraws(draws);
  const prior = priorDraws(model, draws.count, seed);
  return texts.map((h) => hypothesis(named, h, { alpha, priorDraws: prior }));
}
