/**
 * A draw from glmmTMB's genpois (Consul's generalised Poisson; mean μ, Var = μφ) by inversion: with
 * θ = μ/√φ and λ = 1 − 1/√φ,
 *   f(y) = θ (θ + λy)^{y−1} e^{−θ−λy} / y!,
 * summed from y = 0 until the cumulative probability passes u. Under-dispersion (φ < 1, λ < 0) ends
 * the support where θ + λy ≤ 0; the mass Consul's truncation leaves out goes to the last value.
 */
import gammaln from '@stdlib/math-base-special-gammaln';

/** Beyond this many steps past the mean, u is taken as reached (its tail mass is below rounding). */
const MAX_STEPS = 100000;

export function genpoisDraw(mu: number, phi: number, u: number): number {
  const s = Math.sqrt(phi), theta = mu / s, lambda = 1 - 1 / s;
  const logTheta = Math.log(theta);
  let cdf = 0;
  const last = Math.ceil(mu) + MAX_STEPS;
  for (let y = 0; y < last; y++) {
    const base = theta + lambda * y;
    if (base <= 0) return Math.max(0, y - 1);
    cdf += Math.exp(logTheta + (y - 1) * Math.log(base) - base - gammaln(y + 1));
    if (cdf >= u) return y;
  }
  return last;
}
