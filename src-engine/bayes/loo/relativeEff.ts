/**
 * loo's relative_eff(exp(log_lik), chain_id): for each observation the effective sample size of its
 * likelihood draws (posterior's basic ESS on the chains as they are, neither split nor rank-normalized)
 * over the number of draws. It sets the length of the Pareto tail in PSIS.
 */
import { essBasic } from '../diagnostics/ess';

/** `draws` holds the chains one after another, each of draws.length / chains values. */
export function relativeEff(logLik: ArrayLike<number>, chains: number): number {
  const perChain = logLik.length / chains;
  const x = Array.from({ length: chains }, (_, c) =>
    Float64Array.from({ length: perChain }, (_, i) => Math.exp(logLik[c * perChain + i])),
  );
  return essBasic(x) / logLik.length;
}
