/**
 * What a Bayesian fit is asked for: brms's model (formula, family, priors) and its sampler settings
 * under brms's names and defaults (chains 4, iter 2000, warmup 1000, adapt_delta 0.8,
 * max_treedepth 10). Plain data, so it travels to a worker as it is.
 */
import { QuadratError } from '../../errors/quadratError';
import { type BrmsRequest } from '../model/buildBrmsModel';
import { type NutsSettings } from '../nuts/settings';

export interface BayesRequest extends BrmsRequest {
  chains?: number;
  iter?: number;
  warmup?: number;
  seed?: number;
  adaptDelta?: number;
  maxTreedepth?: number;
  /** Also return each draw's pointwise log-likelihood (brms's log_lik(), for LOO). */
  logLik?: boolean;
}

export interface BayesSettings {
  chains: number;
  iter: number;
  warmup: number;
  seed: number;
  adaptDelta: number;
  maxTreedepth: number;
}

function whole(name: string, v: number, lo: number, hi: number): number {
  if (!Number.isInteger(v) || v < lo || v > hi) throw new QuadratError('model', `${name} must be a whole number from ${lo} to ${hi} (got ${v}).`);
  return v;
}

/** The request's settings with brms's defaults, checked (a clear message instead of a sampler crash). */
export function bayesSettings(r: BayesRequest): BayesSettings {
  const chains = whole('chains', r.chains ?? 4, 1, 64);
  const iter = whole('iter', r.iter ?? 2000, 1, 1e7);
  const warmup = whole('warmup', r.warmup ?? Math.floor(iter / 2), 0, 1e7);
  if (warmup >= iter) throw new QuadratError('model', `warmup (${warmup}) must be smaller than iter (${iter}): iter counts the warm-up too, as in brms.`);
  const seed = whole('seed', r.seed ?? 1, 0, 2 ** 32 - 1);
  const adaptDelta = r.adaptDelta ?? 0.8;
  if (!(adaptDelta > 0 && adaptDelta < 1)) throw new QuadratError('model', `adapt_delta must lie strictly between 0 and 1 (got ${adaptDelta}); 0.8 is the default, 0.95 or 0.99 against divergences.`);
  const maxTreedepth = whole('max_treedepth', r.maxTreedepth ?? 10, 1, 20);
  return { chains, iter, warmup, seed, adaptDelta, maxTreedepth };
}

export function nutsSettings(s: BayesSettings): Partial<NutsSettings> {
  return { iter: s.iter, warmup: s.warmup, delta: s.adaptDelta, maxTreedepth: s.maxTreedepth };
}
