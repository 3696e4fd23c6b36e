/**
 * The log-likelihood of each family at the linear predictor η, normalized as Stan's *_lpmf/_lpdf that
 * brms calls (binomial_logit, bernoulli_logit, poisson_log, neg_binomial_2_log, normal), with
 * ∂/∂η per observation and ∂/∂(sigma or shape). Terms that depend only on the data are summed once.
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import { type BrmsFamily } from './brmsFamily';
import { digamma } from './digamma';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** log(1 + eˣ) without overflow. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

export class Likelihood {
  private readonly family: BrmsFamily;
  private readonly y: Float64Array;
  private readonly trials: Float64Array | undefined;
  /** Σ of the data-only terms (binomial coefficients, −log y!). */
  private readonly constant: number;
  /** log Γ(y + 1) per observation (negative binomial). */
  private readonly lgammaY1: Float64Array | undefined;
  /** ∂ log-likelihood / ∂ dpar of the last evaluation. */
  gradDpar = 0;

  constructor(family: BrmsFamily, y: Float64Array, trials: Float64Array | undefined) {
    this.family = family;
    this.y = y;
    this.trials = trials;
    let c = 0;
    if (family.name === 'binomial') for (let i = 0; i < y.length; i++) c += gammaln(trials![i] + 1) - gammaln(y[i] + 1) - gammaln(trials![i] - y[i] + 1);
    if (family.name === 'poisson') for (let i = 0; i < y.length; i++) c -= gammaln(y[i] + 1);
    if (family.name === 'gaussian') c = -LOG_SQRT_2PI * y.length;
    this.constant = c;
    this.lgammaY1 = family.name === 'negbinomial' ? Float64Array.from(y, (v) => gammaln(v + 1)) : undefined;
  }

  /** Writes ∂ℓ/∂η_i into g, sets gradDpar and returns ℓ. */
  evaluate(eta: Float64Array, dpar: number, g: Float64Array): number {
    const { y } = this;
    const n = y.length;
    let lp = this.constant;
    switch (this.family.name) {
      case 'bernoulli':
      case 'binomial': {
        const N = this.trials!;
        for (let i = 0; i < n; i++) {
          const e = eta[i];
          lp += y[i] * e - N[i] * softplus(e);
          g[i] = y[i] - N[i] / (1 + Math.exp(-e));
        }
        this.gradDpar = 0;
        return lp;
      }
      case 'poisson': {
        for (let i = 0; i < n; i++) {
          const mu = Math.exp(eta[i]);
          lp += y[i] * eta[i] - mu;
          g[i] = y[i] - mu;
        }
        this.gradDpar = 0;
        return lp;
      }
      case 'gaussian': {
        const s = dpar;
        let ss = 0;
        for (let i = 0; i < n; i++) {
          const r = y[i] - eta[i];
          ss += r * r;
          g[i] = r / (s * s);
        }
        this.gradDpar = -n / s + ss / (s * s * s);
        return lp - n * Math.log(s) - (0.5 * ss) / (s * s);
      }
      case 'negbinomial': {
        const phi = dpar;
        const logPhi = Math.log(phi);
        const lgPhi = gammaln(phi);
        const dgPhi = digamma(phi);
        const lg = this.lgammaY1!;
        let gphi = 0;
        for (let i = 0; i < n; i++) {
          const e = eta[i];
          const yi = y[i];
          // log(μ + φ) = logsumexp(η, log φ)
          const logMuPhi = e > logPhi ? e + Math.log1p(Math.exp(logPhi - e)) : logPhi + Math.log1p(Math.exp(e - logPhi));
          const w = Math.exp(e - logMuPhi); // μ / (μ + φ)
          lp += gammaln(yi + phi) - lg[i] - lgPhi + phi * logPhi - (yi + phi) * logMuPhi + yi * e;
          g[i] = yi - (yi + phi) * w;
          gphi += digamma(yi + phi) - dgPhi + logPhi + 1 - logMuPhi - (yi + phi) * Math.exp(-logMuPhi);
        }
        this.gradDpar = gphi;
        return lp;
      }
    }
  }
}
