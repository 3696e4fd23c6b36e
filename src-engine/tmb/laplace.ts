/**
 * The Laplace approximation as glmmTMB (TMB) evaluates it: the conditional modes b̂ of the random
 * effects by a Newton inner loop on the (dense here: scalar intercept terms only) Hessian
 * H = Zᵀ W Z + diag(1/σ²), then −log L ≈ −log p(y, b̂) + ½ log det H − (q/2) log 2π.
 * W is minus the second derivative of each observation's log density in η, taken by central
 * differences in the one-dimensional η (exact enough for the log-determinant; the families' closed
 * forms are to come).
 */
import { backSolveLowerTranspose, choleskyLowerInPlace, forwardSolveLower } from '../linalg/denseCholesky';
import { logDensity, type TmbFamilyName } from './countDensity';

export interface ScalarRe {
  /** global index of observation i's random effect */
  readonly index: Int32Array;
  readonly z: Float64Array;
  readonly offset: number;
  readonly nLevels: number;
}

export interface TmbProblem {
  readonly family: TmbFamilyName;
  readonly n: number;
  readonly y: Float64Array;
  /** number of random effects (levels over all terms) */
  readonly q: number;
  readonly terms: readonly ScalarRe[];
}

export interface LaplaceState {
  b: Float64Array;
}

const H_STEP = 1e-3;

/** dℓ/dη and d²ℓ/dη² by central differences with one Richardson step (error O(h⁴)), and ℓ itself. */
function derivs(p: TmbProblem, i: number, eta: number, phi: number, pi: number): [number, number, number] {
  const y = p.y[i];
  const l = (e: number) => logDensity(p.family, y, e, phi, pi);
  const f0 = l(eta);
  const h = H_STEP;
  const p1 = l(eta + h), m1 = l(eta - h), p2 = l(eta + 2 * h), m2 = l(eta - 2 * h);
  const d1 = (8 * (p1 - m1) - (p2 - m2)) / (12 * h);
  const d2 = (16 * (p1 + m1) - (p2 + m2) - 30 * f0) / (12 * h * h);
  return [f0, d1, d2];
}

/**
 * −log L by Laplace at fixed parameters: etaFixed (Xβ + offset), phi and pi per observation, and
 * the random-effect SD per term. Updates state.b (warm start for the next evaluation).
 */
export function laplaceObjective(p: TmbProblem, etaFixed: Float64Array, phi: Float64Array, pi: Float64Array,
  sd: Float64Array, state: LaplaceState): number {
  const { q, n, terms } = p;
  const prec = new Float64Array(q);
  terms.forEach((t, k) => prec.fill(1 / (sd[k] * sd[k]), t.offset, t.offset + t.nLevels));
  const eta = new Float64Array(n);
  const joint = (b: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      let e = etaFixed[i];
      for (const t of terms) e += t.z[i] * b[t.index[i]];
      eta[i] = e;
      s -= logDensity(p.family, p.y[i], e, phi[i], pi[i]);
    }
    for (let j = 0; j < q; j++) s += 0.5 * b[j] * b[j] * prec[j];
    return s;
  };
  const H = new Float64Array(q * q);
  const g = new Float64Array(q);
  const build = (b: Float64Array) => {
    H.fill(0);
    for (let j = 0; j < q; j++) { g[j] = b[j] * prec[j]; H[j * q + j] = prec[j]; }
    for (let i = 0; i < n; i++) {
      const [, d1, d2] = derivs(p, i, eta[i], phi[i], pi[i]);
      for (const t of terms) {
        const a = t.index[i];
        g[a] -= t.z[i] * d1;
        for (const u of terms) H[a * q + u.index[i]] -= t.z[i] * u.z[i] * d2;
      }
    }
  };
  let b = state.b.length === q && state.b.every(Number.isFinite) ? state.b : new Float64Array(q);
  let f = joint(b);
  let L = new Float64Array(q * q);
  for (let iter = 0; iter < 100; iter++) {
    build(b);
    let damping = 0;
    let ok = false;
    // damp an indefinite H (zero-inflated densities are not log-concave far from the mode); a
    // non-finite H (overflow at absurd parameters) makes the whole objective +∞
    for (let tries = 0; !ok && tries < 30; tries++) {
      L.set(H);
      for (let j = 0; j < q; j++) L[j * q + j] += damping;
      ok = choleskyLowerInPlace(L, q) === 0;
      if (!ok) damping = damping === 0 ? 1e-6 : damping * 10;
    }
    if (!ok) return Infinity;
    const step = Float64Array.from(g);
    forwardSolveLower(L, q, step);
    backSolveLowerTranspose(L, q, step);
    let dec = 0;
    for (let j = 0; j < q; j++) dec += g[j] * step[j];
    let t = 1;
    let improved = false;
    for (let h = 0; h < 30; h++) {
      const nb = new Float64Array(q);
      for (let j = 0; j < q; j++) nb[j] = b[j] - t * step[j];
      const nf = joint(nb);
      if (nf <= f + 1e-12 * Math.abs(f)) { b = nb; f = nf; improved = true; break; }
      t /= 2;
    }
    if (!improved || dec < 1e-16) break;
  }
  f = joint(b);
  build(b);
  L = Float64Array.from(H);
  if (choleskyLowerInPlace(L, q) !== 0) return Infinity;
  let halfLogDet = 0;
  for (let j = 0; j < q; j++) halfLogDet += Math.log(L[j * q + j]);
  state.b = b;
  // the prior's normalising constants: Σ (log σ + ½ log 2π) per level, then −(q/2) log 2π from Laplace
  let norm = 0;
  terms.forEach((t, k) => { norm += t.nLevels * Math.log(sd[k]); });
  return f + norm + halfLogDet;
}
