/**
 * The chain rule from a log density's partials in the mean μ to those in η = logit μ (beta_family and
 * betabinomial): μ′ = μ(1 − μ), μ″ = μ′(1 − 2μ), μ‴ = μ′((1 − 2μ)² − 2μ′). κ = log φ passes through.
 */
import { D } from '../densityPartials';

/**
 * out[o + …] = the η-partials, given ℓ_μ, ℓ_μμ, ℓ_μμμ, ℓ_κ, ℓ_μκ, ℓ_μμκ at μ = invlogit(η).
 */
export function logitChain(mu: number, lm: number, lmm: number, lmmm: number, lk: number, lmk: number, lmmk: number, out: Float64Array, o: number): void {
  const m1 = mu * (1 - mu), c = 1 - 2 * mu;
  const m2 = m1 * c, m3 = m1 * (c * c - 2 * m1);
  out[o + D.e] = lm * m1;
  out[o + D.ee] = lmm * m1 * m1 + lm * m2;
  out[o + D.eee] = lmmm * m1 * m1 * m1 + 3 * lmm * m1 * m2 + lm * m3;
  out[o + D.k] = lk;
  out[o + D.ek] = lmk * m1;
  out[o + D.eek] = lmmk * m1 * m1 + lmk * m2;
}

/** invlogit(η), without overflow for large |η|. */
export const invlogit = (eta: number) => (eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta)));
