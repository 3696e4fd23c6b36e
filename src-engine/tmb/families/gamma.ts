/**
 * glmmTMB's Gamma with a log link: shape φ and scale μ/φ (Var = μ²/φ; sigma(m) = 1/√φ, the
 * coefficient of variation):
 *   ℓ = −lΓ(φ) + φ(κ − η) + (φ − 1) log y − yφe^−η,   κ = log φ.
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import { digamma } from '../../bayes/model/digamma';
import { D } from '../densityPartials';
import { type FamilyDensity } from './familyDensity';

export function gammaDensity(): FamilyDensity {
  return {
    logDensity(_i, y, eta, phi) {
      return -gammaln(phi) + phi * (Math.log(phi) - eta) + (phi - 1) * Math.log(y) - y * phi * Math.exp(-eta);
    },
    partials(_i, y, eta, kappa, out, o) {
      const phi = Math.exp(kappa), r = y * phi * Math.exp(-eta);
      out[o + D.e] = r - phi;
      out[o + D.ee] = -r;
      out[o + D.eee] = r;
      // φ multiplies every term but lΓ(φ) and its own log: the κ-derivatives of the η-partials are themselves
      out[o + D.k] = phi * (-digamma(phi) + kappa - eta + 1 + Math.log(y)) - r;
      out[o + D.ek] = r - phi;
      out[o + D.eek] = -r;
    },
  };
}
