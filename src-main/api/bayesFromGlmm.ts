/**
 * A stored glmer spec as brms would write it, for the one-click Bayesian refit of a separated GLMM:
 * the same formula (lme4 syntax is brms syntax; cbind(s, f) is binomial with trials), brms's family
 * (a 0/1 binomial response is brms's bernoulli), and the weakly informative normal(0, 2.5) on b that
 * keeps separated coefficients finite.
 */
import { QuadratError } from '../../src-engine/errors/quadratError';
import { type BayesSpec } from './bayesShapes';
import { type ModelSpec } from './shapes';

export const WEAKLY_INFORMATIVE_B = { prior: 'normal(0, 2.5)', class: 'b' } as const;

export function bayesSpecFromGlmm(spec: ModelSpec): BayesSpec {
  const defaultLink = spec.family === 'binomial' ? 'logit' : spec.family === 'poisson' ? 'log' : null;
  if (!defaultLink)
    throw new QuadratError('model', `Only binomial and Poisson GLMMs can be refitted as Bayesian models in one step (this one is ${spec.family}); set the model up with Bayesian estimation in the model builder instead.`);
  if (spec.link && spec.link !== defaultLink)
    throw new QuadratError('model', `brms's ${spec.family} family uses the ${defaultLink} link; this model uses ${spec.link}. Refit it with the ${defaultLink} link first, or set up the Bayesian model in the model builder.`);
  if (spec.weights)
    throw new QuadratError('model', `This model gives the trials as prior weights (${spec.weights}); write the response as cbind(successes, failures) to refit it as a Bayesian binomial model.`);
  const lhs = spec.formula.split('~')[0].trim();
  const family = spec.family === 'poisson' ? 'poisson' : /^cbind\s*\(/.test(lhs) ? 'binomial' : 'bernoulli';
  return { formula: spec.formula, family, priors: [{ ...WEAKLY_INFORMATIVE_B }], ...(spec.subset ? { subset: spec.subset } : {}), ...(spec.filter ? { filter: spec.filter } : {}) };
}
