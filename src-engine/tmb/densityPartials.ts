/**
 * Closed-form partial derivatives of one observation's log density ℓ(η, κ, ζ) for glmmTMB's count
 * families (log link η = log μ, κ = log φ, ζ = logit π): the Laplace objective's inner Newton loop needs
 * ∂ℓ/∂η and ∂²ℓ/∂η², its exact outer gradient ∂³ℓ/∂η³ and the mixed ∂ℓ/∂κ, ∂²ℓ/∂η∂κ, ∂³ℓ/∂η²∂κ (and
 * the same in ζ; with random effects in the zero-inflation formula also ∂²ℓ/∂ζ², ∂³ℓ/∂ζ³, ∂³ℓ/∂η∂ζ²
 * and the κζ mixed ∂²ℓ/∂ζ∂κ, ∂³ℓ/∂η∂ζ∂κ, ∂³ℓ/∂ζ²∂κ). Built in three layers: the untruncated count log density g = log f(y) and
 * g₀ = log f(0) per family; truncation adds T(g₀) = −log(1 − e^g₀); zero inflation at y = 0 replaces
 * g₀ by log(e^ζ + e^g₀) − log(1 + e^ζ). Both are a scalar function of g₀, so one chain rule
 * (compose) serves.
 */
import { hasDispersion, isTruncated, type ZiFamilyName } from './countDensity';
import { gammaDifferences } from './gammaDifferences';

/**
 * Positions in a partials vector (the derivatives of ℓ; e = η, k = κ = log φ, z = ζ = logit π, p = ψ,
 * the family parameter of tweedie); ℓ itself is logDensity's. The ζζ and ζκ slots serve random effects
 * in the zero-inflation formula, the ψ slots tweedie's power (ζψ: both at once).
 */
export const D = {
  e: 0, ee: 1, eee: 2, k: 3, ek: 4, eek: 5, z: 6, ez: 7, eez: 8,
  zz: 9, ezz: 10, zzz: 11, zk: 12, ezk: 13, zzk: 14, p: 15, ep: 16, eep: 17, zp: 18, ezp: 19, zzp: 20,
} as const;
export const N_PARTIALS = 21;

const g = new Float64Array(7);
const g0 = new Float64Array(7);
const dg = new Float64Array(3);

/**
 * ∂ of the untruncated g = log f(y | μ, φ) and of g₀ = log f(0 | μ, φ) in (η, κ), as
 * [v, e, ee, eee, k, ek, eek] (g's value, slot 0, is not filled: only g₀'s is needed).
 */
function untruncatedPartials(f: ZiFamilyName, dispersed: boolean, y: number, eta: number, kappa: number): void {
  const mu = Math.exp(eta);
  if (!dispersed) {
    g[1] = y - mu; g[2] = -mu; g[3] = -mu;
    g0[0] = g0[1] = g0[2] = g0[3] = -mu;
    g[4] = g[5] = g[6] = g0[4] = g0[5] = g0[6] = 0;
    return;
  }
  const phi = Math.exp(kappa);
  if (f === 'nbinom1') {
    // size k = μ/φ, success probability 1/(1 + φ): g = lΓ(y+k) − lΓ(k) − k c + y(κ − c), c = log(1 + φ);
    // the lΓ difference depends on η − κ only, its η-derivatives are s₁, s₂, s₃
    const k = mu / phi;
    const c = Math.log1p(phi), cK = phi / (1 + phi);
    gammaDifferences(y, k, dg);
    const s1 = dg[0] * k, s2 = dg[1] * k * k + s1, s3 = dg[2] * k * k * k + 3 * dg[1] * k * k + s1;
    const kc = k * c, kK = k * (c - cK);
    g[1] = s1 - kc; g[2] = s2 - kc; g[3] = s3 - kc;
    g[4] = -s1 + kK + y * (1 - cK); g[5] = -s2 + kK; g[6] = -s3 + kK;
    g0[0] = g0[1] = g0[2] = g0[3] = -kc;
    g0[4] = g0[5] = g0[6] = kK;
    return;
  }
  // nbinom2 (and its truncation): size φ, p = μ/(φ + μ), g = lΓ(y+φ) − lΓ(φ) + φ log φ + yη − (y+φ) log(φ+μ)
  const p = mu / (phi + mu), pq = p * (1 - p), yphi = y + phi;
  const l1p = Math.log1p(mu / phi);
  gammaDifferences(y, phi, dg);
  g[1] = y - yphi * p; g[2] = -yphi * pq; g[3] = -yphi * pq * (1 - 2 * p);
  g[4] = phi * (dg[0] - l1p + (mu - y) / (phi + mu));
  g[5] = -phi * p + yphi * pq;
  g[6] = -phi * pq + yphi * (1 - 2 * p) * pq;
  g0[0] = -phi * l1p; g0[1] = -phi * p; g0[2] = -phi * pq; g0[3] = -phi * pq * (1 - 2 * p);
  g0[4] = phi * (p - l1p); g0[5] = -phi * p * p; g0[6] = -2 * phi * p * p * (1 - p);
}

/** out[e..eek] += the partials of F(u) for u with partials `u` (laid out as g), where F′, F″, F‴ at u are f1, f2, f3. */
function compose(f1: number, f2: number, f3: number, u: Float64Array, out: Float64Array, o: number): void {
  const ue = u[1], uee = u[2], uk = u[4], uek = u[5];
  out[o + D.e] += f1 * ue;
  out[o + D.ee] += f2 * ue * ue + f1 * uee;
  out[o + D.eee] += f3 * ue * ue * ue + 3 * f2 * ue * uee + f1 * u[3];
  out[o + D.k] += f1 * uk;
  out[o + D.ek] += f2 * ue * uk + f1 * uek;
  out[o + D.eek] += f3 * ue * ue * uk + f2 * (uee * uk + 2 * ue * uek) + f1 * u[6];
}

/** The partials of ℓ at (η, κ, ζ) into out[o, o + N_PARTIALS). */
export type PartialsAt = (y: number, eta: number, kappa: number, zeta: number, out: Float64Array, o: number) => void;

/**
 * The partials of ℓ (not ℓ itself) for family f, the family's properties resolved once (the inner loop
 * calls this per observation). Without zero inflation pass zeta = −∞ (π = 0); a family without
 * dispersion ignores kappa.
 */
export function densityPartialsOf(f: ZiFamilyName): PartialsAt {
  const truncated = isTruncated(f), dispersed = hasDispersion(f);
  return (y, eta, kappa, zeta, out, o) => partials(f, truncated, dispersed, y, eta, kappa, zeta, out, o);
}

/** The same for one observation: the partials into out (length N_PARTIALS). */
export function logDensityPartials(f: ZiFamilyName, y: number, eta: number, kappa: number, zeta: number, out: Float64Array): void {
  partials(f, isTruncated(f), hasDispersion(f), y, eta, kappa, zeta, out, 0);
}

function partials(f: ZiFamilyName, truncated: boolean, dispersed: boolean, y: number, eta: number, kappa: number, zeta: number, out: Float64Array, o: number): void {
  const pi = zeta === -Infinity ? 0 : 1 / (1 + Math.exp(-zeta));
  out.fill(0, o, o + N_PARTIALS);
  if (truncated) {
    // hurdle: a zero is log π alone; a count is log(1 − π) + g − log(1 − e^g₀)
    if (y === 0) { out[o + D.z] = 1 - pi; logitPiCurvature(pi, out, o); return; }
    if (zeta !== -Infinity) { out[o + D.z] = -pi; logitPiCurvature(pi, out, o); }
    untruncatedPartials(f, dispersed, y, eta, kappa);
    for (let j = 1; j < 7; j++) out[o + j - 1] = g[j];
    // T(u) = −log(1 − e^u): T′ = r = 1/(e^−u − 1), T″ = r(1 + r), T‴ = r(1 + r)(1 + 2r)
    const r = 1 / Math.expm1(-g0[0]);
    compose(r, r * (1 + r), r * (1 + r) * (1 + 2 * r), g0, out, o);
    return;
  }
  untruncatedPartials(f, dispersed, y, eta, kappa);
  if (y > 0 || zeta === -Infinity) {
    for (let j = 1; j < 7; j++) out[o + j - 1] = y > 0 ? g[j] : g0[j];
    if (zeta !== -Infinity) { out[o + D.z] = -pi; logitPiCurvature(pi, out, o); }
    return;
  }
  // a zero under zero inflation: ℓ = log(e^ζ + e^g₀) − log(1 + e^ζ); w = e^g₀/(e^ζ + e^g₀), the chance
  // the zero came from the count distribution, is ∂ℓ/∂g₀ (and 1 − w − π is ∂ℓ/∂ζ)
  const w = 1 / (1 + Math.exp(zeta - g0[0])), w1 = 1 / (1 + Math.exp(g0[0] - zeta));
  const ww = w * w1;
  compose(w, ww, ww * (w1 - w), g0, out, o);
  out[o + D.z] = w1 - pi;
  out[o + D.ez] = -ww * g0[1];
  out[o + D.eez] = -(ww * (w1 - w) * g0[1] * g0[1] + ww * g0[2]);
  // L = log(e^ζ + e^g₀): L_ζζ = ww, L_ζζζ = ww(w − w1), L_ζζg = ww(w1 − w), L_ζgg = ww(w − w1)
  logitPiCurvature(pi, out, o);
  out[o + D.zz] += ww;
  out[o + D.zzz] += ww * (w - w1);
  out[o + D.ezz] = ww * (w1 - w) * g0[1];
  out[o + D.zk] = -ww * g0[4];
  out[o + D.ezk] = ww * (w - w1) * g0[1] * g0[4] - ww * g0[5];
  out[o + D.zzk] = ww * (w1 - w) * g0[4];
}

/** −log(1 + e^ζ)'s ζζ and ζζζ partials, in every ℓ with zero inflation or a hurdle: −π(1 − π), −π(1 − π)(1 − 2π). */
function logitPiCurvature(pi: number, out: Float64Array, o: number): void {
  out[o + D.zz] = -pi * (1 - pi);
  out[o + D.zzz] = -pi * (1 - pi) * (1 - 2 * pi);
}

