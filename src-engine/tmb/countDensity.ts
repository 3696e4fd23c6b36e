/**
 * Log densities of glmmTMB's count families, with glmmTMB's parameterisations:
 * nbinom2 Var = μ(1 + μ/φ); nbinom1 Var = μ(1 + φ); truncated_* condition on y > 0. The zero-
 * inflation (or, with a truncated family, hurdle) probability π mixes in structural zeros.
 * glmmTMB's other families (OTHER_FAMILIES: genpois, beta_family, betabinomial, tweedie, Gamma, lognormal, gaussian) have
 * their densities in families/, dispatched by observationDensity.ts.
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import { QuadratError } from '../errors/quadratError';

/** The families whose zero inflation, hurdle and truncation this file's count layer handles. */
export const ZI_FAMILIES = ['poisson', 'nbinom2', 'nbinom1', 'truncated_poisson', 'truncated_nbinom2'] as const;
/** glmmTMB's other families, each with its own density in families/ (zero inflation: allowsZeroInflation). */
export const OTHER_FAMILIES = ['genpois', 'beta_family', 'betabinomial', 'tweedie', 'Gamma', 'lognormal', 'gaussian'] as const;
export const TMB_FAMILIES = [...ZI_FAMILIES, ...OTHER_FAMILIES] as const;
export type TmbFamilyName = (typeof TMB_FAMILIES)[number];
export type OtherFamilyName = (typeof OTHER_FAMILIES)[number];
/** The families of this file's count layer. */
export type ZiFamilyName = (typeof ZI_FAMILIES)[number];

export function checkTmbFamily(name: string): TmbFamilyName {
  if ((TMB_FAMILIES as readonly string[]).includes(name)) return name as TmbFamilyName;
  throw new QuadratError('model', `The family "${name}" is not available for glmmTMB models yet; use one of ${TMB_FAMILIES.join(', ')}.`);
}

export const isOtherFamily = (f: TmbFamilyName): f is OtherFamilyName => (OTHER_FAMILIES as readonly string[]).includes(f);
/** The families with a ziformula in Quadrat: the counts, genpois, betabinomial and tweedie (families/zeroInflated.ts). */
export const allowsZeroInflation = (f: TmbFamilyName) => !isOtherFamily(f) || f === 'genpois' || f === 'betabinomial' || f === 'tweedie';
export const hasDispersion = (f: TmbFamilyName) => f !== 'poisson' && f !== 'truncated_poisson';
export const isTruncated = (f: TmbFamilyName) => f.startsWith('truncated_');
/** glmmTMB's default link per family (the only one Quadrat fits). */
export const linkOf = (f: TmbFamilyName) => (f === 'beta_family' || f === 'betabinomial' ? 'logit' : f === 'gaussian' ? 'identity' : 'log');
/** Family parameters (glmmTMB's psi) after θ in ψ: tweedie's power. */
export const familyParameterNames = (f: TmbFamilyName): string[] => (f === 'tweedie' ? ['psi'] : []);

/** log(1 - exp(-x)) for x > 0, accurate for small and large x. */
function log1mexp(x: number): number {
  return x < Math.LN2 ? Math.log(-Math.expm1(-x)) : Math.log1p(-Math.exp(-x));
}

/**
 * log f(0 | μ, φ) of the untruncated count distribution: −μ (Poisson), k log p with size k and success
 * probability p: k = μ/φ, p = 1/(1 + φ) (NB1); k = φ, p = φ/(φ + μ) (NB2). The density's l0 and the
 * truncated mean's f(0) (countMean.ts).
 */
export function logZeroProbability(f: ZiFamilyName, mu: number, phi: number): number {
  if (f === 'poisson' || f === 'truncated_poisson') return -mu;
  return f === 'nbinom1' ? (mu / phi) * -Math.log1p(phi) : phi * -Math.log1p(mu / phi);
}

/** log f(y | μ, φ) + log y! of the untruncated count distribution (y! is added back by the caller), and log f(0). */
function untruncated(f: ZiFamilyName, y: number, mu: number, phi: number): { ly: number; l0: number } {
  const l0 = logZeroProbability(f, mu, phi);
  if (f === 'poisson' || f === 'truncated_poisson') return { ly: y * Math.log(mu) - mu, l0 };
  if (y === 0) return { ly: l0, l0 };
  // l0 = k log p (logZeroProbability); log(1 − p) for NB1 and NB2
  const k = f === 'nbinom1' ? mu / phi : phi;
  const log1mP = f === 'nbinom1' ? Math.log(phi) - Math.log1p(phi) : Math.log(mu) - Math.log(phi + mu);
  return { ly: gammaln(y + k) - gammaln(k) + l0 + y * log1mP, l0 };
}

/** log density of one observation, for family f (as logDensity; the inner loop calls it per observation). */
export type LogDensityAt = (y: number, eta: number, phi: number, pi: number, logYFactorial: number) => number;

export function logDensityOf(f: ZiFamilyName): LogDensityAt {
  return (y, eta, phi, pi, logYFactorial) => logDensity(f, y, eta, phi, pi, logYFactorial);
}

/**
 * log density of one observation given its linear predictor η (log link), φ and π (0 without zi).
 * log y! enters every branch alike (it is 0 for a zero); a caller evaluating the same y many times
 * passes it precomputed.
 */
export function logDensity(f: ZiFamilyName, y: number, eta: number, phi: number, pi: number, logYFactorial = gammaln(y + 1)): number {
  const mu = Math.exp(eta);
  const u = untruncated(f, y, mu, phi);
  const ly = u.ly - logYFactorial, l0 = u.l0;
  if (isTruncated(f)) {
    // hurdle: π is the probability of a zero, the counts come from the zero-truncated distribution
    if (y === 0) return pi > 0 ? Math.log(pi) : -Infinity;
    return Math.log1p(-pi) + ly - log1mexp(-l0);
  }
  if (pi === 0) return ly;
  if (y === 0) return Math.log(pi + (1 - pi) * Math.exp(l0));
  return Math.log1p(-pi) + ly;
}
