/**
 * The prior distributions brms accepts here, parsed from Stan syntax ("normal(0, 2.5)"), with their
 * normalized log densities and derivatives as Stan's *_lpdf computes them (brms writes
 * `target += *_lpdf`, so constants are kept), and the log CDFs brms subtracts for a bounded parameter.
 */
import cauchyCdf from '@stdlib/stats-base-dists-cauchy-cdf';
import gammaCdf from '@stdlib/stats-base-dists-gamma-cdf';
import gammaln from '@stdlib/math-base-special-gammaln';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import { QuadratError } from '../../errors/quadratError';

export type PriorDist =
  | { readonly family: 'flat' }
  | { readonly family: 'normal'; readonly mu: number; readonly sigma: number }
  | { readonly family: 'student_t'; readonly nu: number; readonly mu: number; readonly sigma: number }
  | { readonly family: 'cauchy'; readonly mu: number; readonly sigma: number }
  | { readonly family: 'exponential'; readonly rate: number }
  | { readonly family: 'gamma'; readonly shape: number; readonly rate: number }
  | { readonly family: 'lkj'; readonly eta: number };

const ARGS: Record<Exclude<PriorDist['family'], 'flat'>, readonly string[]> = {
  normal: ['mu', 'sigma'],
  student_t: ['nu', 'mu', 'sigma'],
  cauchy: ['mu', 'sigma'],
  exponential: ['rate'],
  gamma: ['shape', 'rate'],
  lkj: ['eta'],
};
/** Arguments that must be positive (scales, degrees of freedom, rates, shapes). */
const POSITIVE = new Set(['sigma', 'nu', 'rate', 'shape', 'eta']);
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** brms's own prior strings name R's functions; "lkj_corr_cholesky" is what get_prior() shows for class L. */
export function parsePrior(text: string): PriorDist {
  const t = text.trim();
  if (t === '' || t === '(flat)' || t === 'flat') return { family: 'flat' };
  const m = /^([A-Za-z_]+)\s*\((.*)\)$/.exec(t);
  const known = Object.keys(ARGS).join(', ');
  if (!m) throw new QuadratError('input', `The prior "${text}" is not of the form name(arguments), e.g. normal(0, 2.5). Distributions: ${known}.`);
  const name = m[1] === 'lkj_corr_cholesky' ? 'lkj' : m[1];
  const names = (ARGS as Record<string, readonly string[] | undefined>)[name];
  if (!names) throw new QuadratError('input', `Unknown prior distribution "${m[1]}" in "${text}". Distributions: ${known}.`);
  const parts = m[2].split(',').map((s) => s.trim());
  const values = parts.map(Number);
  if (parts.length !== names.length || parts.some((s) => s === '') || values.some((v) => !Number.isFinite(v))) {
    throw new QuadratError('input', `The prior ${name}() takes ${names.length} number${names.length === 1 ? '' : 's'} (${names.join(', ')}); got "${text}".`);
  }
  names.forEach((a, k) => {
    if (POSITIVE.has(a) && !(values[k] > 0)) throw new QuadratError('input', `In the prior "${text}", ${a} must be positive (got ${values[k]}).`);
  });
  const v = Object.fromEntries(names.map((a, k) => [a, values[k]]));
  return { family: name, ...v } as PriorDist;
}

/** Stan syntax with R's number printing, as get_prior() shows a prior. */
export function formatPrior(d: PriorDist): string {
  if (d.family === 'flat') return '(flat)';
  const name = d.family === 'lkj' ? 'lkj' : d.family;
  const args = ARGS[d.family].map((a) => String((d as unknown as Record<string, number>)[a]));
  return `${name}(${args.join(', ')})`;
}

/** log p(x) as Stan's lpdf with constants. */
export function priorLpdf(d: PriorDist, x: number): number {
  switch (d.family) {
    case 'flat':
    case 'lkj':
      return 0;
    case 'normal': {
      const z = (x - d.mu) / d.sigma;
      return -LOG_SQRT_2PI - Math.log(d.sigma) - 0.5 * z * z;
    }
    case 'student_t': {
      const z = (x - d.mu) / d.sigma;
      const { nu } = d;
      return gammaln((nu + 1) / 2) - gammaln(nu / 2) - 0.5 * Math.log(nu * Math.PI) - Math.log(d.sigma) - ((nu + 1) / 2) * Math.log1p((z * z) / nu);
    }
    case 'cauchy': {
      const z = (x - d.mu) / d.sigma;
      return -Math.log(Math.PI) - Math.log(d.sigma) - Math.log1p(z * z);
    }
    case 'exponential':
      return Math.log(d.rate) - d.rate * x;
    case 'gamma':
      return d.shape * Math.log(d.rate) - gammaln(d.shape) + (d.shape - 1) * Math.log(x) - d.rate * x;
  }
}

/** d log p(x) / dx. */
export function priorDlpdf(d: PriorDist, x: number): number {
  switch (d.family) {
    case 'flat':
    case 'lkj':
      return 0;
    case 'normal':
      return -(x - d.mu) / (d.sigma * d.sigma);
    case 'student_t': {
      const r = x - d.mu;
      return (-(d.nu + 1) * r) / (d.nu * d.sigma * d.sigma + r * r);
    }
    case 'cauchy': {
      const r = x - d.mu;
      return (-2 * r) / (d.sigma * d.sigma + r * r);
    }
    case 'exponential':
      return -d.rate;
    case 'gamma':
      return (d.shape - 1) / x - d.rate;
  }
}

function cdf(d: PriorDist, x: number): number {
  switch (d.family) {
    case 'normal':
      return normalCdf(x, d.mu, d.sigma);
    case 'student_t':
      return tCdf((x - d.mu) / d.sigma, d.nu);
    case 'cauchy':
      return cauchyCdf(x, d.mu, d.sigma);
    case 'exponential':
      return x <= 0 ? 0 : -Math.expm1(-d.rate * x);
    case 'gamma':
      return gammaCdf(x, d.shape, d.rate);
    default:
      return NaN;
  }
}

/** Distributions that live on (0, ∞): a lower bound of 0 truncates nothing (brms then adds no term). */
export function positiveSupport(d: PriorDist): boolean {
  return d.family === 'exponential' || d.family === 'gamma';
}

/**
 * What brms subtracts from a prior on a parameter bounded to [lb, ub] (its `- n * *_lccdf(lb | …)`
 * term): log P(lb < X < ub). Zero for flat priors and where the bounds are the support's.
 */
export function truncationLogMass(d: PriorDist, lb: number | undefined, ub: number | undefined): number {
  if (d.family === 'flat' || d.family === 'lkj') return 0;
  const lo = lb === undefined || (lb === 0 && positiveSupport(d)) ? undefined : lb;
  if (lo === undefined && ub === undefined) return 0;
  const upper = ub === undefined ? 1 : cdf(d, ub);
  const lower = lo === undefined ? 0 : cdf(d, lo);
  return Math.log(upper - lower);
}
