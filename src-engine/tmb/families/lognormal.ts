/**
 * glmmTMB's lognormal (glmmTMB 1.1.6 and later): log link, mean μ = e^η and SD φ on the data scale.
 * With v = log(1 + (φ/μ)²) = softplus(2κ − 2η) the log-scale variance and a = log y − η,
 *   ℓ = −½ log 2π − ½ log v − a²/(2v) − a/2 − v/8 − log y
 * (the normal density of log y with mean η − v/2 and variance v, less log y). The partials follow from
 * those of f(a, v) by the chain rule, a having ∂a/∂η = −1 and no κ, v having ∂v/∂η = −2s, ∂v/∂κ = 2s
 * (s = invlogit(2κ − 2η)) and the higher ones of the softplus.
 */
import { D } from '../densityPartials';
import { type FamilyDensity } from './familyDensity';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
const softplus = (u: number) => (u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u)));

export function lognormalDensity(): FamilyDensity {
  return {
    logDensity(_i, y, eta, phi) {
      const ly = Math.log(y), v = softplus(2 * (Math.log(phi) - eta)), a = ly - eta;
      return -HALF_LOG_2PI - 0.5 * Math.log(v) - (a * a) / (2 * v) - a / 2 - v / 8 - ly;
    },
    partials(_i, y, eta, kappa, out, o) {
      const u = 2 * (kappa - eta), v = softplus(u), a = Math.log(y) - eta;
      const s = 1 / (1 + Math.exp(-u)), s2 = s * (1 - s), s3 = s2 * (1 - 2 * s);
      // f(a, v) and its partials to third order (f_aa = −1/v, f_aaa = 0)
      const v2 = v * v, v3 = v2 * v;
      const fa = -a / v - 0.5, faa = -1 / v;
      const fv = -0.5 / v + (a * a) / (2 * v2) - 0.125, fav = a / v2, faav = 1 / v2;
      const fvv = 0.5 / v2 - (a * a) / v3, favv = (-2 * a) / v3, fvvv = -1 / v3 + (3 * a * a) / (v3 * v);
      // v's partials in η and κ
      const ve = -2 * s, vee = 4 * s2, veee = -8 * s3, vk = 2 * s, vek = -4 * s2, veek = 8 * s3;
      out[o + D.e] = -fa + fv * ve;
      out[o + D.ee] = faa - 2 * fav * ve + fvv * ve * ve + fv * vee;
      out[o + D.eee] = 3 * faav * ve - 3 * favv * ve * ve + fvvv * ve * ve * ve - 3 * fav * vee + 3 * fvv * ve * vee + fv * veee;
      out[o + D.k] = fv * vk;
      out[o + D.ek] = -fav * vk + fvv * vk * ve + fv * vek;
      out[o + D.eek] = faav * vk - 2 * favv * vk * ve - 2 * fav * vek + fvvv * vk * ve * ve + 2 * fvv * ve * vek + fvv * vk * vee + fv * veek;
    },
  };
}
