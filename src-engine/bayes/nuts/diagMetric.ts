/**
 * Stan's diag_e Hamiltonian: H(q, p) = V(q) + ½ pᵀ M⁻¹ p with M⁻¹ = diag(invMetric), V = −log p(q).
 * The momentum is drawn from N(0, M), and p♯ = M⁻¹p (dtau_dp) is the velocity the no-U-turn
 * criterion projects on.
 */
import { type PhasePoint } from './phasePoint';

export function kineticEnergy(p: Float64Array, invMetric: Float64Array): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += p[i] * p[i] * invMetric[i];
  return 0.5 * s;
}

/** H = V + T; NaN counts as +∞ (as Stan does), so a failed evaluation is a divergence. */
export function hamiltonian(z: PhasePoint, invMetric: Float64Array): number {
  const h = -z.lp + kineticEnergy(z.p, invMetric);
  return Number.isNaN(h) ? Infinity : h;
}

export function pSharp(p: Float64Array, invMetric: Float64Array, out: Float64Array): void {
  for (let i = 0; i < p.length; i++) out[i] = invMetric[i] * p[i];
}

/** p_i = N(0, 1) / √(M⁻¹)_i, i.e. p ~ N(0, M). */
export function sampleMomentum(p: Float64Array, invMetric: Float64Array, normal: () => number): void {
  for (let i = 0; i < p.length; i++) p[i] = normal() / Math.sqrt(invMetric[i]);
}
