/**
 * glmmTMB's beta_family (Ferrari & Cribari-Neto 2004, as betareg): y in (0, 1) with mean
 * μ = invlogit(η) and precision φ, shapes a = μφ and b = (1 − μ)φ, Var = μ(1 − μ)/(1 + φ):
 *   ℓ = lΓ(φ) − lΓ(a) − lΓ(b) + (a − 1) log y + (b − 1) log(1 − y).
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import { digamma } from '../../bayes/model/digamma';
import { tetragamma, trigamma } from '../gammaDifferences';
import { type FamilyDensity } from './familyDensity';
import { invlogit, logitChain } from './logitLink';

export function betaDensity(): FamilyDensity {
  return {
    logDensity(_i, y, eta, phi) {
      const mu = invlogit(eta), a = mu * phi, b = (1 - mu) * phi;
      return gammaln(phi) - gammaln(a) - gammaln(b) + (a - 1) * Math.log(y) + (b - 1) * Math.log1p(-y);
    },
    partials(_i, y, eta, kappa, out, o) {
      const phi = Math.exp(kappa), mu = invlogit(eta), a = mu * phi, b = (1 - mu) * phi;
      const ly = Math.log(y), l1y = Math.log1p(-y);
      const pa = digamma(a), pb = digamma(b), p1a = trigamma(a), p1b = trigamma(b), p2a = tetragamma(a), p2b = tetragamma(b);
      // in μ: ℓ_μ = φ(log y − log(1 − y) − ψ(a) + ψ(b)); κ scales a and b by themselves
      const lm = phi * (ly - l1y - pa + pb);
      const lmm = -phi * phi * (p1a + p1b);
      const lmmm = -phi * phi * phi * (p2a - p2b);
      const lk = phi * digamma(phi) - a * pa - b * pb + a * ly + b * l1y;
      const lmk = lm + phi * (b * p1b - a * p1a);
      const lmmk = 2 * lmm - phi * phi * (a * p2a + b * p2b);
      logitChain(mu, lm, lmm, lmmm, lk, lmk, lmmk, out, o);
    },
  };
}
