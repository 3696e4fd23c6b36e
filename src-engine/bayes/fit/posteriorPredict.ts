/**
 * brms's posterior_predict() for one stored draw: new responses from the likelihood at the draw's
 * linear predictor (group-level effects included, re_formula = NULL) — normal(μ, σ), Bernoulli and
 * binomial successes out of the same trials, Poisson, and the negative binomial as brms's
 * (mean μ, shape φ: a Poisson of a gamma with shape φ and rate φ/μ).
 */
import binomialFactory from '@stdlib/random-base-binomial';
import gammaFactory from '@stdlib/random-base-gamma';
import poissonFactory from '@stdlib/random-base-poisson';
import { linkByName } from '../../glmm/link';
import { normals } from '../../inference/bootstrap';
import { type BrmsModel } from '../model/brmsModel';
import { type DrawLayout, drawLinearPredictor } from '../model/drawPredictor';

export type ResponseSampler = (draw: ArrayLike<number>, out: Float64Array) => Float64Array;

/** A sampler of replicated responses for the model, drawing from `uniform`. */
export function responseSampler(model: BrmsModel, layout: DrawLayout, uniform: () => number): ResponseSampler {
  const { family, data } = model;
  const linkinv = linkByName(family.link).linkinv;
  const eta = new Float64Array(data.n);
  const normal = normals(uniform);
  const binomial = binomialFactory.factory({ prng: uniform });
  const poisson = poissonFactory.factory({ prng: uniform });
  const gamma = gammaFactory.factory({ prng: uniform });
  return (d, out) => {
    drawLinearPredictor(model, layout, d, eta);
    const dpar = layout.dpar >= 0 ? d[layout.dpar] : NaN;
    for (let i = 0; i < data.n; i++) {
      const mu = linkinv(eta[i]);
      switch (family.name) {
        case 'gaussian':
          out[i] = mu + dpar * normal();
          break;
        case 'bernoulli':
        case 'binomial':
          out[i] = binomial(data.trials![i], mu);
          break;
        case 'poisson':
          out[i] = poisson(mu);
          break;
        case 'negbinomial':
          out[i] = poisson(gamma(dpar, dpar / mu));
          break;
      }
    }
    return out;
  };
}
