/**
 * The brms families this engine samples, each with its canonical link (brms's default) and its
 * distributional parameter: gaussian (identity, sigma), bernoulli (logit), binomial with trials
 * (logit), poisson (log), negbinomial (log, shape) — as brms names them.
 */
import { QuadratError } from '../../errors/quadratError';
import { type ResponseFamily } from '../../design/glmResponse';

export type BrmsFamilyName = 'gaussian' | 'bernoulli' | 'binomial' | 'poisson' | 'negbinomial';

export interface BrmsFamily {
  readonly name: BrmsFamilyName;
  readonly link: 'identity' | 'logit' | 'log';
  /** The distributional parameter sampled besides the linear predictor (brms's dpar), if any. */
  readonly dpar: 'sigma' | 'shape' | undefined;
  /** How the design code reads the response. */
  readonly responseFamily: ResponseFamily;
}

const FAMILIES: Record<BrmsFamilyName, BrmsFamily> = {
  gaussian: { name: 'gaussian', link: 'identity', dpar: 'sigma', responseFamily: 'gaussian' },
  bernoulli: { name: 'bernoulli', link: 'logit', dpar: undefined, responseFamily: 'binomial' },
  binomial: { name: 'binomial', link: 'logit', dpar: undefined, responseFamily: 'binomial' },
  poisson: { name: 'poisson', link: 'log', dpar: undefined, responseFamily: 'poisson' },
  negbinomial: { name: 'negbinomial', link: 'log', dpar: 'shape', responseFamily: 'poisson' },
};

export const BRMS_FAMILY_NAMES = Object.keys(FAMILIES) as BrmsFamilyName[];

export function brmsFamily(name: string, link?: string): BrmsFamily {
  const f = (FAMILIES as Record<string, BrmsFamily | undefined>)[name];
  if (!f) throw new QuadratError('model', `The Bayesian models support the families ${BRMS_FAMILY_NAMES.join(', ')}; "${name}" is not one of them.`);
  if (link !== undefined && link !== f.link) throw new QuadratError('model', `The Bayesian ${name} model uses the ${f.link} link (brms's default); the ${link} link is not available.`);
  return f;
}
