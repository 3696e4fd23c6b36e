/**
 * brms's sample_prior = "yes" for the population-level effects: independent draws from each
 * coefficient's prior — b_<coef> from its class-b prior, b_Intercept from the Intercept prior (as
 * brms's prior_draws() maps prior_Intercept) — truncated to the class bounds by rejection. These are
 * what the Savage–Dickey ratio of a point hypothesis compares the posterior with (hypothesis.ts).
 * A flat prior has no draws (brms cannot sample it either: its Evid.Ratio is then NA).
 */
import gammaFactory from '@stdlib/random-base-gamma';
import { normals, rngFor } from '../../inference/bootstrap';
import { type BrmsModel } from '../model/brmsModel';
import { brmsName } from '../model/brmsNames';
import { type PriorDist } from '../model/priorDistribution';
import { type Bounds } from '../model/transform';

/** Give up on a truncated prior that rejects nearly everything (its mass inside the bounds is < 1e-3). */
const MAX_TRIES = 1000;

function sampler(dist: PriorDist, uniform: () => number): (() => number) | undefined {
  const z = normals(uniform);
  const gamma = gammaFactory.factory({ prng: uniform });
  switch (dist.family) {
    case 'normal':
      return () => dist.mu + dist.sigma * z();
    case 'student_t':
      return () => dist.mu + (dist.sigma * z()) / Math.sqrt(gamma(dist.nu / 2, 0.5) / dist.nu);
    case 'cauchy':
      return () => dist.mu + dist.sigma * Math.tan(Math.PI * (uniform() - 0.5));
    case 'exponential':
      return () => -Math.log(1 - uniform()) / dist.rate;
    case 'gamma':
      return () => gamma(dist.shape, dist.rate);
    default:
      return undefined;
  }
}

function drawsOf(dist: PriorDist, bounds: Bounds, count: number, uniform: () => number): Float64Array | undefined {
  const next = sampler(dist, uniform);
  if (!next) return undefined;
  const lb = bounds.lb ?? -Infinity;
  const ub = bounds.ub ?? Infinity;
  const out = new Float64Array(count);
  for (let s = 0; s < count; s++) {
    let v = next();
    let tries = 1;
    while (!(v >= lb && v <= ub)) {
      if (++tries > MAX_TRIES) return undefined;
      v = next();
    }
    out[s] = v;
  }
  return out;
}

export function priorDraws(model: BrmsModel, count: number, seed: number): Record<string, Float64Array> {
  const { data, priors } = model;
  const out: Record<string, Float64Array> = {};
  data.bNames.forEach((name, k) => {
    const d = drawsOf(priors.b[k], priors.bBounds, count, rngFor(seed, 1000 + k));
    if (d) out[`b_${brmsName(name)}`] = d;
  });
  if (data.hasIntercept) {
    const d = drawsOf(priors.Intercept, priors.interceptBounds, count, rngFor(seed, 999));
    if (d) out.b_Intercept = d;
  }
  return out;
}
