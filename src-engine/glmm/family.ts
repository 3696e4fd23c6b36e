/**
 * GLM families as R's stats package defines them: variance, deviance residuals, the AIC term that
 * glmer's Laplace objective adds (−2 log p(y | μ) with R's constants) and the starting μ of
 * family$initialize. Numbers follow R's code line by line so the objective matches lme4's devfun.
 */
import gammaLogpdf from '@stdlib/stats-base-dists-gamma-logpdf';
import { QuadratError } from '../errors/quadratError';
import { binomialAic, poissonAic } from './aicTerms';
import { type Link, type LinkName, linkByName } from './link';

export type FamilyName = 'binomial' | 'poisson' | 'Gamma' | 'inverse.gaussian' | 'gaussian';

/** The response as family$initialize leaves it: y, prior weights (binomial: × trials) and trials n. */
export interface GlmResponse {
  readonly y: Float64Array;
  /** Prior weights as glm uses them (binomial cbind: user weights × trials). */
  readonly weights: Float64Array;
  /** Binomial trials per observation (1 for a 0/1 or proportion response); 1 for other families. */
  readonly n: Float64Array;
}

export interface Family {
  readonly name: FamilyName;
  readonly link: Link;
  /** Families with a free dispersion parameter (Gamma, inverse.gaussian, gaussian). */
  readonly estimatesScale: boolean;
  variance(mu: number): number;
  /** Unit deviance times the prior weight (R's dev.resids). */
  devResid(y: number, mu: number, wt: number): number;
  /** R's family$aic: −2 log-likelihood with its constants (dev = Σ devResid, for the scale families). */
  aic(r: GlmResponse, mu: Float64Array, dev: number): number;
  /** Whether μ is in the family's range (R's validmu). */
  validMu(mu: number): boolean;
  /** family$initialize's starting μ. */
  muStart(y: number, weight: number): number;
}

export const DEFAULT_LINK: Record<FamilyName, LinkName> = {
  binomial: 'logit',
  poisson: 'log',
  Gamma: 'inverse',
  'inverse.gaussian': '1/mu^2',
  gaussian: 'identity',
};

/** Links R accepts for each family (binomial(link = …) etc.). */
export const FAMILY_LINKS: Record<FamilyName, readonly LinkName[]> = {
  binomial: ['logit', 'probit', 'cauchit', 'log', 'cloglog'],
  poisson: ['log', 'identity', 'sqrt'],
  Gamma: ['inverse', 'identity', 'log'],
  'inverse.gaussian': ['1/mu^2', 'inverse', 'identity', 'log'],
  gaussian: ['identity', 'log', 'inverse'],
};

const ylogy = (y: number, mu: number) => (y === 0 ? 0 : y * Math.log(y / mu));
const finite = Number.isFinite;

function sumOver(r: GlmResponse, term: (i: number) => number): number {
  let s = 0;
  for (let i = 0; i < r.y.length; i++) s += term(i);
  return s;
}

function totalWeight(r: GlmResponse): number {
  return sumOver(r, (i) => r.weights[i]);
}

const families: Record<FamilyName, Omit<Family, 'link'>> = {
  binomial: {
    name: 'binomial',
    estimatesScale: false,
    variance: (mu) => mu * (1 - mu),
    devResid: (y, mu, wt) => 2 * wt * (ylogy(y, mu) + ylogy(1 - y, 1 - mu)),
    aic: (r, mu) => binomialAic(r, mu), // aicTerms.ts: @stdlib's logpmf with the response's part cached
    validMu: (mu) => finite(mu) && mu > 0 && mu < 1,
    muStart: (y, w) => (w * y + 0.5) / (w + 1),
  },
  poisson: {
    name: 'poisson',
    estimatesScale: false,
    variance: (mu) => mu,
    devResid: (y, mu, wt) => 2 * (y > 0 ? wt * (y * Math.log(y / mu) - (y - mu)) : mu * wt),
    aic: (r, mu) => poissonAic(r, mu),
    validMu: (mu) => finite(mu) && mu > 0,
    muStart: (y) => y + 0.1,
  },
  Gamma: {
    name: 'Gamma',
    estimatesScale: true,
    variance: (mu) => mu * mu,
    devResid: (y, mu, wt) => -2 * wt * (Math.log(y === 0 ? 1 : y / mu) - (y - mu) / mu),
    aic(r, mu, dev) {
      const disp = dev / totalWeight(r);
      return -2 * sumOver(r, (i) => gammaLogpdf(r.y[i], 1 / disp, 1 / (mu[i] * disp)) * r.weights[i]) + 2;
    },
    validMu: (mu) => finite(mu) && mu > 0,
    muStart: (y) => y,
  },
  'inverse.gaussian': {
    name: 'inverse.gaussian',
    estimatesScale: true,
    variance: (mu) => mu * mu * mu,
    devResid: (y, mu, wt) => (wt * (y - mu) * (y - mu)) / (y * mu * mu),
    aic(r, _mu, dev) {
      const sw = totalWeight(r);
      return sw * (Math.log((dev / sw) * 2 * Math.PI) + 1) + 3 * sumOver(r, (i) => Math.log(r.y[i]) * r.weights[i]) + 2;
    },
    validMu: () => true,
    muStart: (y) => y,
  },
  gaussian: {
    name: 'gaussian',
    estimatesScale: true,
    variance: () => 1,
    devResid: (y, mu, wt) => wt * (y - mu) * (y - mu),
    aic(r, _mu, dev) {
      const n = r.y.length;
      return n * (Math.log((2 * Math.PI * dev) / n) + 1) + 2 - sumOver(r, (i) => Math.log(r.weights[i]));
    },
    validMu: () => true,
    muStart: (y) => y,
  },
};

export const FAMILY_NAMES = Object.keys(families) as FamilyName[];

export function makeFamily(name: string, linkName?: string): Family {
  const base = (families as Record<string, Omit<Family, 'link'> | undefined>)[name];
  if (!base) throw new QuadratError('model', `Unknown family "${name}". Families: ${FAMILY_NAMES.join(', ')}.`);
  const link = linkByName(linkName ?? DEFAULT_LINK[base.name]);
  if (!FAMILY_LINKS[base.name].includes(link.name)) {
    throw new QuadratError('model', `The ${base.name} family does not take the ${link.name} link; use one of ${FAMILY_LINKS[base.name].join(', ')}.`);
  }
  return { ...base, link };
}
