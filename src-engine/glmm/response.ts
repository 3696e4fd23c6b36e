/**
 * The response as glm's family$initialize leaves it: for binomial cbind(s, f), y = s/(s + f) with prior
 * weights × (s + f) and n = s + f; otherwise y as given, n = 1 and the prior weights (1 without).
 */
import { type MixedDesign } from '../design/mixedDesign';
import { type GlmResponse } from './family';

export function glmResponse(design: MixedDesign): GlmResponse {
  const { n, y, trials } = design;
  const w = design.weights;
  const weights = new Float64Array(n);
  const counts = new Float64Array(n).fill(1);
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i] : 1;
    weights[i] = trials ? wi * trials[i] : wi;
    if (trials) counts[i] = trials[i];
  }
  return { y, weights, n: counts };
}
