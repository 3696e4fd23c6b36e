/**
 * glmmTMB's gaussian with the identity link: mean η and variance φ (glmmTMB 1.1.5's dispersion
 * parameter is σ², so κ = log σ²; "Dispersion estimate for gaussian family (sigma^2)"):
 *   ℓ = −½ log 2π − κ/2 − (y − η)²/(2φ).
 * Only fitted here with a dispformula (heterogeneous residual variance); plain gaussian is lmer's.
 */
import { D } from '../densityPartials';
import { type FamilyDensity } from './familyDensity';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

export function gaussianDensity(): FamilyDensity {
  return {
    logDensity(_i, y, eta, phi) {
      const r = y - eta;
      return -HALF_LOG_2PI - 0.5 * Math.log(phi) - (r * r) / (2 * phi);
    },
    partials(_i, y, eta, kappa, out, o) {
      const w = Math.exp(-kappa), r = y - eta;
      out[o + D.e] = r * w;
      out[o + D.ee] = -w;
      out[o + D.eee] = 0;
      // e^−κ is its own κ-derivative up to sign
      out[o + D.k] = -0.5 + 0.5 * r * r * w;
      out[o + D.ek] = -r * w;
      out[o + D.eek] = w;
    },
  };
}
