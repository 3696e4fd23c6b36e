/**
 * glmmTMB's genpois (generalised Poisson, Consul): mean μ = e^η, Var = μφ, with θ = μ/√φ and
 * λ = 1 − 1/√φ:
 *   ℓ = log θ + (y − 1) log(θ + λy) − θ − λy − lΓ(y + 1).
 * With u = θ + λy and r = θ/u: ∂θ/∂η = θ, ∂θ/∂κ = −θ/2, ∂λ/∂κ = (1 − λ)/2.
 */
import { D } from '../densityPartials';
import { type FamilyDensity } from './familyDensity';

export function genpoisDensity(logYFactorial: Float64Array): FamilyDensity {
  return {
    logDensity(i, y, eta, phi) {
      const s = Math.sqrt(phi), theta = Math.exp(eta) / s, lambda = 1 - 1 / s;
      return Math.log(theta) + (y - 1) * Math.log(theta + lambda * y) - theta - lambda * y - logYFactorial[i];
    },
    partials(_i, y, eta, kappa, out, o) {
      const s = Math.exp(kappa / 2), theta = Math.exp(eta) / s, lambda = 1 - 1 / s;
      const u = theta + lambda * y, r = theta / u, y1 = y - 1;
      const rr = r * (1 - r);
      out[o + D.e] = 1 + y1 * r - theta;
      out[o + D.ee] = y1 * rr - theta;
      out[o + D.eee] = y1 * rr * (1 - 2 * r) - theta;
      const uk = (y * (1 - lambda) - theta) / 2;
      const rk = r * (-0.5 - uk / u);
      out[o + D.k] = -0.5 + y1 * uk / u + theta / 2 - y * (1 - lambda) / 2;
      out[o + D.ek] = y1 * rk + theta / 2;
      out[o + D.eek] = y1 * (1 - 2 * r) * rk + theta / 2;
    },
  };
}
