/**
 * glmmTMB's tweedie: mean μ = e^η, dispersion φ, power p = 1 + invlogit(ψ) in (1, 2) (Var = φμ^p);
 * ψ is glmmTMB's family parameter (`psi`, thetaf before 1.1.5), estimated with the others. As TMB's
 * dtweedie, with A = y μ^{1−p}/(p − 1) and B = μ^{2−p}/(2 − p):
 *   ℓ = log W(y, φ, p) − (A + B)/φ − log y   (y > 0),   ℓ = −B/φ   (y = 0).
 * log W does not depend on η, so every η-partial is the explicit part's; W's κ and p derivatives come
 * from the series (tweedieSeries.ts), computed once per observation and φ.
 */
import { D } from '../densityPartials';
import { type FamilyDensity } from './familyDensity';
import { invlogit } from './logitLink';
import { tweedieLogW } from './tweedieSeries';

export function tweedieDensity(n: number, psi: number): FamilyDensity {
  const s = invlogit(psi), p = 1 + s, dp = s * (1 - s);
  const p1 = p - 1, p2 = 2 - p;
  // log W and its derivatives per observation, kept for the φ they were computed at
  const cachedPhi = new Float64Array(n).fill(NaN), logW = new Float64Array(n), logWk = new Float64Array(n), logWp = new Float64Array(n);
  const tmp = new Float64Array(3);
  const series = (i: number, y: number, phi: number) => {
    if (cachedPhi[i] === phi) return;
    tweedieLogW(y, phi, p, tmp);
    cachedPhi[i] = phi; logW[i] = tmp[0]; logWk[i] = tmp[1]; logWp[i] = tmp[2];
  };
  return {
    logDensity(i, y, eta, phi) {
      const B = Math.exp(p2 * eta) / p2;
      if (y === 0) return -B / phi;
      series(i, y, phi);
      return logW[i] - (y * Math.exp(-p1 * eta) / p1 + B) / phi - Math.log(y);
    },
    partials(i, y, eta, kappa, out, o) {
      const phi = Math.exp(kappa);
      const A = y === 0 ? 0 : y * Math.exp(-p1 * eta) / p1, B = Math.exp(p2 * eta) / p2;
      // in η: ∂ᵏ(A + B) = (1 − p)ᵏ A + (2 − p)ᵏ B
      const q = -p1;
      const le = -(q * A + p2 * B) / phi;
      const lee = -(q * q * A + p2 * p2 * B) / phi;
      out[o + D.e] = le;
      out[o + D.ee] = lee;
      out[o + D.eee] = -(q * q * q * A + p2 * p2 * p2 * B) / phi;
      // 1/φ multiplies the explicit part, so its κ-derivatives flip its sign
      let wk = 0, wp = 0;
      if (y > 0) { series(i, y, phi); wk = logWk[i]; wp = logWp[i]; }
      out[o + D.k] = wk + (A + B) / phi;
      out[o + D.ek] = -le;
      out[o + D.eek] = -lee;
      // in p: ∂A/∂p = A(−η − 1/(p − 1)), ∂B/∂p = B(−η + 1/(2 − p)); then × dp/dψ
      const Ap = A * (-eta - 1 / p1), Bp = B * (-eta + 1 / p2);
      out[o + D.p] = dp * (wp - (Ap + Bp) / phi);
      out[o + D.ep] = -dp * (-A + q * Ap - B + p2 * Bp) / phi;
      out[o + D.eep] = -dp * (-2 * q * A + q * q * Ap - 2 * p2 * B + p2 * p2 * Bp) / phi;
    },
  };
}
