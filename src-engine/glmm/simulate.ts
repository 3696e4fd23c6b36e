/**
 * New responses from a fitted GLMM, as lme4's simulate(m) with use.u = FALSE: new random effects
 * b* = Λ_θ̂ u*, u* ~ N(0, I), then μ* = g⁻¹(Xβ̂ + Zb* + o) and y* from the family — binomial counts
 * out of the same trials (returned as proportions, as the response is held), Poisson counts, and for
 * the families with a scale the distribution glmer's σ describes (variance σ²·V(μ)/w): Gamma with
 * shape w/σ², inverse Gaussian with dispersion σ²/w, gaussian N(μ, σ²/w). lme4 1.1-31's own
 * simulators take shape = σ (Gamma) and 1/σ (inverse Gaussian), which is not that variance
 * (docs/glmm.md), so they are not copied. Each
 * simulation draws from its own seeded stream, so a run split over workers gives the same numbers.
 */
import gammaFactory from '@stdlib/random-base-gamma';
import binomialFactory from '@stdlib/random-base-binomial';
import poissonFactory from '@stdlib/random-base-poisson';
import { QuadratError } from '../errors/quadratError';
import { normals, rngFor } from '../inference/bootstrap';
import { templatesFromTheta } from '../lmm/reBlocks';
import { type GlmmFit } from './fitGlmm';
import { linearPredictor } from './pirls';

/** Trials behind each binomial observation: cbind's totals, else the prior weights (proportions), else 1. */
function binomialTrials(fit: GlmmFit): Float64Array {
  const { design, resp } = fit.model;
  return design.trials ? resp.n : resp.weights;
}

export function simulateResponse(fit: GlmmFit, seed: number, stream: number): Float64Array {
  const { design, family, blocks } = fit.model;
  const uniform = rngFor(seed, stream);
  const z = normals(uniform);
  const u = blocks.map((b) => Float64Array.from({ length: b.nl * b.S }, () => z()));
  const eta = linearPredictor(design, blocks, templatesFromTheta(blocks, fit.theta), fit.beta, u, new Float64Array(design.n));
  const y = new Float64Array(design.n);
  const prng = () => uniform();
  if (family.name === 'binomial') {
    const draw = binomialFactory.factory({ prng });
    const m = binomialTrials(fit);
    for (let i = 0; i < y.length; i++) {
      const trials = Math.round(m[i]);
      if (trials <= 0) continue;
      if (Math.abs(trials - m[i]) > 1e-8) throw new QuadratError('model', 'Simulating a binomial response needs whole numbers of trials; the weights here are not counts.');
      y[i] = draw(trials, family.link.linkinv(eta[i])) / trials;
    }
    return y;
  }
  if (family.name === 'poisson') {
    const draw = poissonFactory.factory({ prng });
    for (let i = 0; i < y.length; i++) y[i] = draw(family.link.linkinv(eta[i]));
    return y;
  }
  const { sigma } = fit;
  const { weights } = fit.model.resp;
  if (family.name === 'Gamma') {
    const draw = gammaFactory.factory({ prng });
    for (let i = 0; i < y.length; i++) {
      const shape = weights[i] / (sigma * sigma);
      y[i] = draw(shape, shape / family.link.linkinv(eta[i]));
    }
    return y;
  }
  if (family.name === 'inverse.gaussian') {
    for (let i = 0; i < y.length; i++) y[i] = inverseGaussian(family.link.linkinv(eta[i]), (sigma * sigma) / weights[i], z, uniform);
    return y;
  }
  for (let i = 0; i < y.length; i++) y[i] = family.link.linkinv(eta[i]) + (sigma / Math.sqrt(weights[i])) * z();
  return y;
}

/**
 * One inverse-Gaussian draw with mean μ and dispersion φ (variance φμ³), by Michael, Schucany and
 * Haas's transformation of a χ²₁ variate — stdlib has no inverse-Gaussian generator.
 */
export function inverseGaussian(mu: number, phi: number, z: () => number, uniform: () => number): number {
  const v = z();
  const y = v * v;
  const x = mu + (phi * mu * mu * y) / 2 - (mu / 2) * Math.sqrt(4 * phi * mu * y + phi * phi * mu * mu * y * y);
  return uniform() <= mu / (mu + x) ? x : (mu * mu) / x;
}
