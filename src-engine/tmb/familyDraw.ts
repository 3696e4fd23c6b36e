/**
 * One random draw from each of glmmTMB's families given the mean μ = linkinv(η) and the dispersion
 * φ = e^κ, in glmmTMB's parameterisations (as its simulate() draws them):
 * - poisson; nbinom2 as a gamma–Poisson mixture λ ~ Gamma(φ, φ/μ), nbinom1 λ ~ Gamma(μ/φ, 1/φ) (shape, rate);
 * - genpois (Consul's, Var = μφ): inversion of its cumulative probabilities (genpoisDraw.ts);
 * - beta_family: X/(X + Y), X ~ Gamma(μφ, 1), Y ~ Gamma((1 − μ)φ, 1); betabinomial: Binomial(n, p) with
 *   p from that beta;
 * - tweedie (power p, Var = φμ^p): the compound Poisson–gamma sum of N ~ Poisson(μ^{2−p}/(φ(2−p)))
 *   gammas of shape (2 − p)/(p − 1) and scale φ(p − 1)μ^{p−1}, a Gamma(N·shape) in one draw;
 * - Gamma: shape φ, scale μ/φ; lognormal: log y ~ N(log μ − v/2, v), v = log(1 + (φ/μ)²);
 *   gaussian: N(μ, φ) (φ is σ², glmmTMB 1.1.5's gaussian dispersion).
 * The truncated families draw here untruncated; simulateTmb.ts rejects their zeros.
 */
import binomialFactory from '@stdlib/random-base-binomial';
import gammaFactory from '@stdlib/random-base-gamma';
import poissonFactory from '@stdlib/random-base-poisson';
import { normals } from '../inference/bootstrap';
import { type TmbFamilyName } from './countDensity';
import { genpoisDraw } from './genpoisDraw';

/** y given observation i's mean and dispersion. */
export type FamilyDraw = (i: number, mu: number, phi: number) => number;

export interface DrawContext {
  /** betabinomial: trials per observation */
  size?: Float64Array;
  /** tweedie: the power p in (1, 2) */
  power?: number;
}

export function familyDraw(f: TmbFamilyName, uniform: () => number, ctx: DrawContext = {}): FamilyDraw {
  const prng = () => uniform();
  const drawPoisson = poissonFactory.factory({ prng });
  // stdlib's Poisson gives NaN at λ = 0, which a gamma draw of tiny shape (NB1 at small μ) returns
  const poisson = (lambda: number) => (lambda > 0 ? drawPoisson(lambda) : 0);
  const gamma = gammaFactory.factory({ prng });
  const binomial = binomialFactory.factory({ prng });
  const z = normals(uniform);
  const beta = (mu: number, phi: number) => {
    const x = gamma(mu * phi, 1), y = gamma((1 - mu) * phi, 1);
    return x / (x + y);
  };
  switch (f) {
    case 'poisson': case 'truncated_poisson': return (_i, mu) => poisson(mu);
    case 'nbinom2': case 'truncated_nbinom2': return (_i, mu, phi) => poisson(gamma(phi, phi / mu));
    case 'nbinom1': return (_i, mu, phi) => poisson(gamma(mu / phi, 1 / phi));
    case 'genpois': return (_i, mu, phi) => genpoisDraw(mu, phi, uniform());
    case 'beta_family': return (_i, mu, phi) => beta(mu, phi);
    case 'betabinomial': {
      const size = ctx.size;
      if (!size) throw new Error('betabinomial draws need the trials');
      return (i, mu, phi) => binomial(size[i], beta(mu, phi));
    }
    case 'tweedie': {
      const p = ctx.power;
      if (p === undefined) throw new Error('tweedie draws need the power');
      const shape = (2 - p) / (p - 1);
      return (_i, mu, phi) => {
        const n = poisson(Math.pow(mu, 2 - p) / (phi * (2 - p)));
        return n === 0 ? 0 : gamma(n * shape, 1 / (phi * (p - 1) * Math.pow(mu, p - 1)));
      };
    }
    case 'Gamma': return (_i, mu, phi) => gamma(phi, phi / mu);
    case 'lognormal': return (_i, mu, phi) => {
      const v = Math.log1p((phi / mu) ** 2);
      return Math.exp(Math.log(mu) - v / 2 + Math.sqrt(v) * z());
    };
    case 'gaussian': return (_i, mu, phi) => mu + Math.sqrt(phi) * z();
  }
}
