/**
 * Link functions as R's make.link() and binomial()/poisson() define them, with R's clamps at the
 * extremes (logit at |η| > 30, probit and cauchit at the ε quantile, log at ε), so separated data
 * give the same saturated fitted values as glmer.
 */
import cauchyCdf from '@stdlib/stats-base-dists-cauchy-cdf';
import cauchyQuantile from '@stdlib/stats-base-dists-cauchy-quantile';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalPdf from '@stdlib/stats-base-dists-normal-pdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { QuadratError } from '../errors/quadratError';

export type LinkName = 'logit' | 'probit' | 'cloglog' | 'cauchit' | 'log' | 'sqrt' | 'identity' | 'inverse' | '1/mu^2';

export interface Link {
  readonly name: LinkName;
  /** g(μ) */
  linkfun(mu: number): number;
  /** g⁻¹(η) */
  linkinv(eta: number): number;
  /** dμ/dη */
  muEta(eta: number): number;
  /** Whether η is in the link's domain (R's valideta). */
  validEta(eta: number): boolean;
}

const EPS = 2.220446049250313e-16;
const LOGIT_THRESH = 30;
const PROBIT_THRESH = -normalQuantile(EPS, 0, 1);
const CAUCHIT_THRESH = -cauchyQuantile(EPS, 0, 1);
const clamp = (x: number, t: number) => Math.min(Math.max(x, -t), t);
const always = () => true;

const links: Record<LinkName, Link> = {
  logit: {
    name: 'logit',
    linkfun: (mu) => Math.log(mu / (1 - mu)),
    // R's C code (logit_linkinv, logit_mu_eta)
    linkinv: (eta) => {
      const t = eta < -LOGIT_THRESH ? EPS : eta > LOGIT_THRESH ? 1 / EPS : Math.exp(eta);
      return t / (1 + t);
    },
    muEta: (eta) => {
      if (eta > LOGIT_THRESH || eta < -LOGIT_THRESH) return EPS;
      const e = Math.exp(eta);
      return e / ((1 + e) * (1 + e));
    },
    validEta: always,
  },
  probit: {
    name: 'probit',
    linkfun: (mu) => normalQuantile(mu, 0, 1),
    linkinv: (eta) => normalCdf(clamp(eta, PROBIT_THRESH), 0, 1),
    muEta: (eta) => Math.max(normalPdf(eta, 0, 1), EPS),
    validEta: always,
  },
  cauchit: {
    name: 'cauchit',
    linkfun: (mu) => cauchyQuantile(mu, 0, 1),
    linkinv: (eta) => cauchyCdf(clamp(eta, CAUCHIT_THRESH), 0, 1),
    muEta: (eta) => Math.max(1 / (Math.PI * (1 + eta * eta)), EPS),
    validEta: always,
  },
  cloglog: {
    name: 'cloglog',
    linkfun: (mu) => Math.log(-Math.log1p(-mu)),
    linkinv: (eta) => Math.max(Math.min(-Math.expm1(-Math.exp(eta)), 1 - EPS), EPS),
    muEta: (eta) => {
      const e = Math.min(eta, 700);
      return Math.max(Math.exp(e) * Math.exp(-Math.exp(e)), EPS);
    },
    validEta: always,
  },
  log: {
    name: 'log',
    linkfun: (mu) => Math.log(mu),
    linkinv: (eta) => Math.max(Math.exp(eta), EPS),
    muEta: (eta) => Math.max(Math.exp(eta), EPS),
    validEta: always,
  },
  sqrt: {
    name: 'sqrt',
    linkfun: (mu) => Math.sqrt(mu),
    linkinv: (eta) => eta * eta,
    muEta: (eta) => 2 * eta,
    validEta: (eta) => Number.isFinite(eta) && eta > 0,
  },
  identity: {
    name: 'identity',
    linkfun: (mu) => mu,
    linkinv: (eta) => eta,
    muEta: () => 1,
    validEta: always,
  },
  inverse: {
    name: 'inverse',
    linkfun: (mu) => 1 / mu,
    linkinv: (eta) => 1 / eta,
    muEta: (eta) => -1 / (eta * eta),
    validEta: (eta) => Number.isFinite(eta) && eta !== 0,
  },
  '1/mu^2': {
    name: '1/mu^2',
    linkfun: (mu) => 1 / (mu * mu),
    linkinv: (eta) => 1 / Math.sqrt(eta),
    muEta: (eta) => -1 / (2 * Math.pow(eta, 1.5)),
    validEta: (eta) => Number.isFinite(eta) && eta > 0,
  },
};

export const LINK_NAMES = Object.keys(links) as LinkName[];

export function linkByName(name: string): Link {
  const l = (links as Record<string, Link | undefined>)[name];
  if (!l) throw new QuadratError('model', `Unknown link "${name}". Links: ${LINK_NAMES.join(', ')}.`);
  return l;
}
