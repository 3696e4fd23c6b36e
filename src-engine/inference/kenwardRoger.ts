/**
 * Kenward–Roger (pbkrtest's vcovAdj, Lb_ddf and .KR_adjust) without pbkrtest's dense n×n Σ⁻¹.
 *
 * pbkrtest writes Σ = Σ_i γ_i G_i (one G_i = Z_t (I ⊗ E_rs) Z_tᵀ per element of each term's covariance,
 * plus G = I for the residual) and needs XᵀΣ⁻¹G_iΣ⁻¹X, XᵀΣ⁻¹G_iΣ⁻¹G_jΣ⁻¹X and tr(Σ⁻¹G_iΣ⁻¹G_j).
 * With A = [Z X], B = ZΛ and K = ΛᵀZᵀZΛ + I, Woodbury gives σ²Σ⁻¹ = V⁻¹ = I − B K⁻¹ Bᵀ and
 *   Aᵀ V⁻ᵏ A = AᵀA − Σ_{j=1..k} AᵀB K⁻ʲ BᵀA,   tr(V⁻²) = n − q + tr(K⁻²),
 * so every quantity is a (q+p)-sized computation. This first version holds K densely (q×q, O(q³));
 * it refuses models with more than KR_MAX_Q random effects. With prior weights pbkrtest builds Σ without
 * them (residual G = I) while Φ = vcov(β̂) includes them; we do the same so the numbers match R.
 * Matrices are column-major Float64Array (linalg/lapack.ts); each product sums in the order the
 * row-major version did, so the numbers are the same.
 */
import { QuadratError } from '../errors/quadratError';
import { type MixedDesign } from '../design/mixedDesign';
import { type LmmFit } from '../lmm/fitDesign';
import { choleskyLowerInPlace, forwardSolveLower, backSolveLowerTranspose } from '../linalg/denseCholesky';
import { dgemm, dgetri, dsyev, dsyevDecreasing, symPinv, trace, traceProduct } from '../linalg/lapack';

export const KR_MAX_Q = 4000;

/** One variance parameter γ_i: a term's covariance element (r, s), or the residual. */
interface Param {
  term: number; // index into design.reterms; −1 for the residual
  pairs: [number, number][]; // (c, c′) with D[(l,c), (l,c′)] = 1 for every level l
}

/** Column-major: Φ, Φ_A and each P_i p×p, W np×np (np = number of variance parameters). */
export interface KenwardRoger {
  readonly p: number;
  /** Φ = vcov(β̂). */
  readonly phi: Float64Array;
  /** Φ_A: the bias-corrected, inflated covariance of β̂. */
  readonly phiA: Float64Array;
  readonly P: Float64Array[];
  readonly W: Float64Array;
}

/** Bᵀ of a column-major n×n B. */
function transposed(B: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) out[i * n + j] = B[j * n + i];
  return out;
}

interface TermLayout {
  offset: number;
  S: number;
  nl: number;
  T: Float64Array; // lower S×S column-major template
}

function termLayouts(design: MixedDesign, theta: Float64Array): TermLayout[] {
  let offset = 0;
  let th = 0;
  return design.reterms.map((t) => {
    const S = t.termNames.length;
    const T = new Float64Array(S * S);
    for (let c = 0; c < S; c++) for (let r = c; r < S; r++) T[c * S + r] = theta[th++];
    const out = { offset, S, nl: t.levels.length, T };
    offset += S * t.levels.length;
    return out;
  });
}

/** AᵀA for A = [Z X], column-major N×N (N = q + p). */
function crossprodA(design: MixedDesign, terms: TermLayout[], q: number): Float64Array {
  const { n, p, X } = design;
  const N = q + p;
  const G = new Float64Array(N * N);
  const nz = terms.reduce((s, t) => s + t.S, 0) + p;
  const idx = new Int32Array(nz);
  const val = new Float64Array(nz);
  for (let i = 0; i < n; i++) {
    let e = 0;
    design.reterms.forEach((t, k) => {
      const { offset, S } = terms[k];
      const base = offset + t.refs[i] * S;
      for (let c = 0; c < S; c++) {
        idx[e] = base + c;
        val[e++] = t.z[i * S + c];
      }
    });
    for (let j = 0; j < p; j++) {
      idx[e] = q + j;
      val[e++] = X[j * n + i];
    }
    for (let a = 0; a < e; a++) {
      const va = val[a];
      if (va === 0) continue;
      const ca = idx[a] * N;
      for (let b = 0; b < e; b++) G[ca + idx[b]] += va * val[b];
    }
  }
  return G;
}

/** M ← Λᵀ M on the Z rows (M column-major with `rows` rows, `cols` columns). */
function lambdaTRows(M: Float64Array, rows: number, cols: number, terms: TermLayout[]): void {
  const tmp = new Float64Array(16);
  for (const t of terms) {
    const { S, T } = t;
    if (tmp.length < S) throw new Error('term too wide');
    for (let l = 0; l < t.nl; l++) {
      const o = t.offset + l * S;
      for (let j = 0; j < cols; j++) {
        const cj = j * rows + o;
        for (let c = 0; c < S; c++) {
          let s = 0;
          for (let r = c; r < S; r++) s += T[c * S + r] * M[cj + r];
          tmp[c] = s;
        }
        for (let c = 0; c < S; c++) M[cj + c] = tmp[c];
      }
    }
  }
}

function parameters(terms: TermLayout[]): Param[] {
  const out: Param[] = [];
  terms.forEach((t, k) => {
    for (let c = 0; c < t.S; c++)
      for (let r = c; r < t.S; r++) out.push({ term: k, pairs: r === c ? [[r, r]] : [[r, c], [c, r]] });
  });
  out.push({ term: -1, pairs: [] });
  return out;
}

export function kenwardRoger(fit: LmmFit): KenwardRoger {
  const design = fit.model.design;
  const { n, p } = design;
  const terms = termLayouts(design, fit.theta);
  const q = terms.reduce((s, t) => s + t.S * t.nl, 0);
  if (q > KR_MAX_Q) throw new QuadratError('model', `Kenward-Roger's method is limited to ${KR_MAX_Q} random effects in this version (this model has ${q}). Use Satterthwaite's method.`);
  if (terms.some((t) => t.S > 16)) throw new QuadratError('model', "Kenward-Roger's method supports random-effects terms with at most 16 columns.");
  const s2 = fit.sigma * fit.sigma;
  const sys = woodburySystem(design, terms, q);
  const params = parameters(terms);
  const F = firstDerivativeRows(sys, terms, params, s2);
  const P = pMatrices(sys, terms, params, F, s2);
  const Q = qMatrices(sys, terms, params, F, s2);
  const ktrace = traceTerms(sys, terms, params, s2, (n - q + sys.trK2) / (s2 * s2));
  const phi = fit.pls.unscaledVcov.map((v) => v * s2);
  return { p, phi, ...adjustedCovariance(phi, p, P, Q, ktrace), P };
}

/**
 * The Woodbury pieces every Kenward–Roger quantity is built from (σ² not applied): with A = [Z X],
 * B = ZΛ and K = ΛᵀZᵀZΛ + I (factored as Lk), C1 = AᵀA − AᵀB K⁻¹ BᵀA (= σ² AᵀΣ⁻¹A), C2 = σ⁴ AᵀΣ⁻²A
 * on the blocks needed, C3_XX = σ⁶ XᵀΣ⁻³X, and tr(K⁻²).
 */
interface WoodburySystem {
  q: number;
  N: number;
  C1: Float64Array;
  /** C2[(Z, X)], column-major q × p. */
  C2ZX: Float64Array;
  /** Column-major p × p. */
  C2XX: Float64Array;
  C3XX: Float64Array;
  trK2: number;
  C2(a: number, b: number): number;
}

function woodburySystem(design: MixedDesign, terms: TermLayout[], q: number): WoodburySystem {
  const { p } = design;
  const N = q + p;
  const GAA = crossprodA(design, terms, q);
  // GBA = Λᵀ [ZᵀZ ZᵀX] (q × N): the Z rows of AᵀA with Λᵀ applied
  const GBA = new Float64Array(q * N);
  for (let j = 0; j < N; j++) for (let i = 0; i < q; i++) GBA[j * q + i] = GAA[j * N + i];
  lambdaTRows(GBA, q, N, terms);
  // K = Λᵀ ZᵀZ Λ + I: apply Λ on the right of GBA's Z columns, i.e. Λᵀ to the rows of its transpose
  const Kt = new Float64Array(q * q);
  for (let j = 0; j < q; j++) for (let i = 0; i < q; i++) Kt[i * q + j] = GBA[j * q + i];
  lambdaTRows(Kt, q, q, terms);
  for (let i = 0; i < q; i++) Kt[i * q + i] += 1;
  const Lk = Kt; // K is symmetric; factor in place
  if (choleskyLowerInPlace(Lk, q) !== 0) throw new QuadratError('fit', "Kenward-Roger: the random-effects system could not be factored.");

  // W = Lk⁻¹ GBA, C1 = GAA − WᵀW, R1 = Lk⁻ᵀ W = K⁻¹ BᵀA
  const Wm = GBA;
  for (let j = 0; j < N; j++) forwardSolveLower(Lk, q, Wm.subarray(j * q, (j + 1) * q));
  const C1 = new Float64Array(N * N);
  for (let b = 0; b < N; b++) {
    const wb = Wm.subarray(b * q, (b + 1) * q);
    for (let a = b; a < N; a++) {
      const wa = Wm.subarray(a * q, (a + 1) * q);
      let s = 0;
      for (let k = 0; k < q; k++) s += wa[k] * wb[k];
      C1[b * N + a] = C1[a * N + b] = GAA[b * N + a] - s;
    }
  }
  const R1 = Wm; // reuse: back-solve in place
  for (let j = 0; j < N; j++) backSolveLowerTranspose(Lk, q, R1.subarray(j * q, (j + 1) * q));
  const r1 = (a: number) => R1.subarray(a * q, (a + 1) * q);
  const dotq = (x: Float64Array, y: Float64Array) => {
    let s = 0;
    for (let k = 0; k < q; k++) s += x[k] * y[k];
    return s;
  };
  // C2 = C1 − R1ᵀR1 on the blocks needed: (Z, X), (X, X) and each level's diagonal block
  const C2 = (a: number, b: number) => C1[b * N + a] - dotq(r1(a), r1(b));
  const C2ZX = new Float64Array(q * p);
  for (let x = 0; x < p; x++) for (let a = 0; a < q; a++) C2ZX[x * q + a] = C2(a, q + x);
  const C2XX = new Float64Array(p * p);
  for (let x = 0; x < p; x++) for (let y = 0; y <= x; y++) C2XX[y * p + x] = C2XX[x * p + y] = C2(q + x, q + y);
  // C3_XX = C2_XX − (Lk⁻¹ R1_X)ᵀ(Lk⁻¹ R1_X)
  const S3 = Array.from({ length: p }, (_, x) => {
    const v = r1(q + x).slice();
    forwardSolveLower(Lk, q, v);
    return v;
  });
  const C3XX = new Float64Array(p * p);
  for (let x = 0; x < p; x++) for (let y = 0; y <= x; y++) C3XX[y * p + x] = C3XX[x * p + y] = C2XX[y * p + x] - dotq(S3[x], S3[y]);
  // tr(K⁻²) = ‖K⁻¹‖²_F with K⁻¹ = I − R1_Z Λ (R1_Z Λ = K⁻¹ΛᵀZᵀZΛ = I − K⁻¹); form (R1_Z Λ)ᵀ = Λᵀ R1_Zᵀ
  let trK2 = 0;
  const T2 = new Float64Array(q * q);
  for (let col = 0; col < q; col++) for (let row = 0; row < q; row++) T2[col * q + row] = R1[row * q + col];
  lambdaTRows(T2, q, q, terms);
  for (let col = 0; col < q; col++)
    for (let row = 0; row < q; row++) {
      const v = (row === col ? 1 : 0) - T2[col * q + row];
      trK2 += v * v;
    }
  return { q, N, C1, C2ZX, C2XX, C3XX, trK2, C2 };
}

/** M = Σ⁻¹ = V⁻¹/σ², read from C1. */
const c1Of = (sys: WoodburySystem, s2: number) => (a: number, b: number) => sys.C1[b * sys.N + a] / s2;

/** F_i = C1m[X, t_i] D_i (p × q_t) per parameter, column-major p × (nl·S); empty for the residual. */
function firstDerivativeRows(sys: WoodburySystem, terms: TermLayout[], params: Param[], s2: number): Float64Array[] {
  const { q } = sys;
  const p = sys.N - q;
  const c1 = c1Of(sys, s2);
  return params.map((par) => {
    if (par.term < 0) return new Float64Array(0);
    const t = terms[par.term];
    const out = new Float64Array(p * t.nl * t.S);
    for (let l = 0; l < t.nl; l++)
      for (const [c, cp] of par.pairs) {
        // F[x, (l,c)] += C1m[x, (l,c′)]
        const col = (l * t.S + c) * p;
        const src = t.offset + l * t.S + cp;
        for (let x = 0; x < p; x++) out[col + x] += c1(q + x, src);
      }
    return out;
  });
}

/** pbkrtest's P_i = −XᵀΣ⁻¹G_iΣ⁻¹X, symmetrised. */
function pMatrices(sys: WoodburySystem, terms: TermLayout[], params: Param[], F: Float64Array[], s2: number): Float64Array[] {
  const { q } = sys;
  const p = sys.N - q;
  const c1 = c1Of(sys, s2);
  return params.map((par, i) => {
    if (par.term < 0) return sys.C2XX.map((v) => -v / (s2 * s2));
    const t = terms[par.term];
    const Pi = new Float64Array(p * p);
    const Fi = F[i];
    for (let a = 0; a < t.nl * t.S; a++) {
      const za = t.offset + a;
      for (let x = 0; x < p; x++) {
        const f = Fi[a * p + x];
        if (f === 0) continue;
        for (let y = 0; y < p; y++) Pi[y * p + x] -= f * c1(za, q + y);
      }
    }
    const sym = new Float64Array(p * p);
    for (let y = 0; y < p; y++) for (let x = 0; x < p; x++) sym[y * p + x] = (Pi[y * p + x] + Pi[x * p + y]) / 2;
    return sym;
  });
}

/** pbkrtest's Q_ij = XᵀΣ⁻¹G_iΣ⁻¹G_jΣ⁻¹X for i ≤ j. */
function qMatrices(sys: WoodburySystem, terms: TermLayout[], params: Param[], F: Float64Array[], s2: number): Float64Array[][] {
  const { q } = sys;
  const p = sys.N - q;
  const c1 = c1Of(sys, s2);
  const Q = (i: number, j: number): Float64Array => {
    const pi = params[i];
    const pj = params[j];
    if (pi.term < 0 && pj.term < 0) return sys.C3XX.map((v) => v / (s2 * s2 * s2));
    if (pj.term < 0) {
      // F_i C2m[t_i, X]
      const t = terms[pi.term];
      const out = new Float64Array(p * p);
      for (let a = 0; a < t.nl * t.S; a++) {
        const za = t.offset + a;
        for (let x = 0; x < p; x++) {
          const f = F[i][a * p + x];
          if (f === 0) continue;
          for (let y = 0; y < p; y++) out[y * p + x] += (f * sys.C2ZX[y * q + za]) / (s2 * s2);
        }
      }
      return out;
    }
    if (pi.term < 0) return transposed(Q(j, i), p);
    const ti = terms[pi.term];
    const tj = terms[pj.term];
    const qi = ti.nl * ti.S;
    const qj = tj.nl * tj.S;
    // G = F_i C1m[t_i, t_j] (p × qj), then G F_jᵀ
    const G = new Float64Array(p * qj);
    for (let b = 0; b < qj; b++) {
      const zb = tj.offset + b;
      for (let a = 0; a < qi; a++) {
        const c = c1(ti.offset + a, zb);
        if (c === 0) continue;
        const col = a * p;
        for (let x = 0; x < p; x++) G[b * p + x] += F[i][col + x] * c;
      }
    }
    const out = new Float64Array(p * p);
    for (let b = 0; b < qj; b++)
      for (let y = 0; y < p; y++) {
        const f = F[j][b * p + y];
        if (f === 0) continue;
        for (let x = 0; x < p; x++) out[y * p + x] += G[b * p + x] * f;
      }
    return out;
  };
  const np = params.length;
  const Qm: Float64Array[][] = Array.from({ length: np }, () => new Array<Float64Array>(np));
  for (let i = 0; i < np; i++) for (let j = i; j < np; j++) Qm[i][j] = Q(i, j);
  return Qm;
}

/** tr(Σ⁻¹G_iΣ⁻¹G_j); trM2 is the residual's own, tr(Σ⁻²). */
function traceTerms(sys: WoodburySystem, terms: TermLayout[], params: Param[], s2: number, trM2: number): (i: number, j: number) => number {
  const c1 = c1Of(sys, s2);
  return (i, j) => {
    const pi = params[i];
    const pj = params[j];
    if (pi.term < 0 && pj.term < 0) return trM2;
    if (pi.term < 0 || pj.term < 0) {
      // tr(D_k C2m) over the level blocks of the term
      const par = pi.term < 0 ? pj : pi;
      const t = terms[par.term];
      let s = 0;
      for (let l = 0; l < t.nl; l++)
        for (const [c, cp] of par.pairs) s += sys.C2(t.offset + l * t.S + cp, t.offset + l * t.S + c);
      return s / (s2 * s2);
    }
    // tr(D_i C D_j C) = Σ_{(a,a′)∈D_i} Σ_{(b,b′)∈D_j} C[a′, b] C[b′, a]
    const ti = terms[pi.term];
    const tj = terms[pj.term];
    let s = 0;
    for (let l = 0; l < ti.nl; l++)
      for (const [c, cp] of pi.pairs) {
        const a = ti.offset + l * ti.S + c;
        const ap = ti.offset + l * ti.S + cp;
        for (let m = 0; m < tj.nl; m++)
          for (const [d, dp] of pj.pairs) {
            const b = tj.offset + m * tj.S + d;
            const bp = tj.offset + m * tj.S + dp;
            s += c1(ap, b) * c1(bp, a);
          }
      }
    return s;
  };
}

/** pbkrtest's vcovAdj: W = 2 IE2⁻¹ from the expected information, then Φ_A = Φ + 2 Φ U Φ. */
function adjustedCovariance(phi: Float64Array, p: number, P: Float64Array[], Qm: Float64Array[][], ktrace: (i: number, j: number) => number): { phiA: Float64Array; W: Float64Array } {
  const np = P.length;
  const phiP = P.map((Pi) => dgemm('N', 'N', p, p, p, phi, Pi));
  const IE2 = new Float64Array(np * np);
  for (let i = 0; i < np; i++)
    for (let j = i; j < np; j++) {
      IE2[j * np + i] = IE2[i * np + j] = ktrace(i, j) - 2 * traceProduct(phi, Qm[i][j], p) + traceProduct(phiP[i], phiP[j], p);
    }
  const condi = Math.min(...Array.from(dsyev(IE2, np).w, Math.abs));
  const W = (condi > 1e-10 ? dgetri(IE2, np) : symPinv(IE2, np)).map((v) => 2 * v);
  const U = new Float64Array(p * p);
  const addTerm = (w: number, Qij: Float64Array, Pi: Float64Array, Pj: Float64Array, both: boolean) => {
    const PPhiP = dgemm('N', 'N', p, p, p, dgemm('N', 'N', p, p, p, Pi, phi), Pj);
    for (let x = 0; x < p; x++)
      for (let y = 0; y < p; y++) {
        const v = w * (Qij[y * p + x] - PPhiP[y * p + x]);
        U[y * p + x] += v;
        if (both) U[x * p + y] += v;
      }
  };
  for (let i = 0; i < np; i++) for (let j = i + 1; j < np; j++) addTerm(W[j * np + i], Qm[i][j], P[i], P[j], true);
  for (let i = 0; i < np; i++) addTerm(W[i * np + i], Qm[i][i], P[i], P[i], false);
  const GG = dgemm('N', 'T', p, p, p, dgemm('N', 'N', p, p, p, phi, U), phi);
  const phiA = phi.map((v, k) => v + 2 * GG[k]);
  return { phiA, W };
}

/** L A Lᵀ (m×m) for L column-major m×p and A column-major p×p. */
function sandwich(L: Float64Array, m: number, A: Float64Array, p: number): Float64Array {
  return dgemm('N', 'T', m, m, p, dgemm('N', 'N', m, p, p, L, A), L);
}

/** pbkrtest's A1, A2 for a hypothesis matrix L (column-major m×p). */
function krA(kr: KenwardRoger, L: Float64Array, m: number): { A1: number; A2: number } {
  const { p, phi, P, W } = kr;
  const np = P.length;
  const Theta = dgemm('N', 'N', p, p, m, dgemm('T', 'N', p, m, m, L, dgetri(sandwich(L, m, phi, p), m)), L);
  const ThetaPhi = dgemm('N', 'N', p, p, p, Theta, phi);
  const u = P.map((Pi) => dgemm('N', 'N', p, p, p, dgemm('N', 'N', p, p, p, ThetaPhi, Pi), phi));
  const tr = u.map((ui) => trace(ui, p));
  let A1 = 0;
  let A2 = 0;
  for (let i = 0; i < np; i++)
    for (let j = i; j < np; j++) {
      const e = i === j ? 1 : 2;
      A1 += e * W[j * np + i] * tr[i] * tr[j];
      A2 += e * W[j * np + i] * traceProduct(u[i], u[j], p);
    }
  return { A1, A2 };
}

/** Kenward–Roger denominator df (pbkrtest Lb_ddf / .KR_adjust) and the F scaling λ. */
function krDdf(A1: number, A2: number, q: number): { ddf: number; fScale: number } {
  const B = (A1 + 6 * A2) / (2 * q);
  const g = ((q + 1) * A1 - (q + 4) * A2) / ((q + 2) * A2);
  const den = 3 * q + 2 * (1 - g);
  const c1 = g / den;
  const c2 = (q - g) / den;
  const c3 = (q + 2 - g) / den;
  let V0 = 1 + c1 * B;
  const V1 = 1 - c2 * B;
  const V2 = 1 - c3 * B;
  if (Math.abs(V0) < 1e-10) V0 = 0;
  const x = 1 - A2 / q;
  const ratio = Math.abs(x) < 1e-14 && Math.abs(V1) < 1e-14 ? 1 : x / V1;
  const rho = ((1 / q) * ratio * ratio * V0) / V2;
  const ddf = 4 + (q + 2) / (q * rho - 1);
  const fScale = Math.abs(ddf - 2) < 1e-2 ? 1 : (ddf * (1 - A2 / q)) / (ddf - 2);
  return { ddf, fScale };
}

/** 1-df KR test (lmerTest get_KR1D): variance Lᵀ Φ_A L and Lb_ddf. */
export function krTTest(kr: KenwardRoger, L: ArrayLike<number>): { variance: number; df: number } {
  const row = Float64Array.from(L); // a 1×p matrix
  const { A1, A2 } = krA(kr, row, 1);
  const variance = sandwich(row, 1, kr.phiA, kr.p)[0];
  return { variance, df: krDdf(A1, A2, 1).ddf };
}

/**
 * Orthonormal basis of the row space of L (column-major m×p) when L is rank deficient (pbkrtest
 * force_full_rank); L itself otherwise. Returns the rows as a column-major matrix and their number.
 */
function fullRankRows(L: Float64Array, m: number, p: number): { L: Float64Array; m: number } {
  const { w: values, Z } = dsyevDecreasing(dgemm('N', 'T', m, m, p, L, L), m);
  const tol = Math.max(...Array.from(values, Math.abs), 0) * p * 2.220446049250313e-16;
  const rank = values.filter((v) => v > tol).length;
  if (rank === m) return { L, m };
  // rows spanning the same space: normalised Vᵀ L for the non-null eigenvectors
  const out = new Float64Array(rank * p);
  for (let k = 0; k < rank; k++) {
    const r = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let i = 0; i < m; i++) s += Z[k * m + i] * L[j * m + i];
      r[j] = s;
    }
    let ss = 0;
    for (let j = 0; j < p; j++) ss += r[j] * r[j];
    const norm = Math.sqrt(ss);
    for (let j = 0; j < p; j++) out[j * rank + k] = r[j] / norm;
  }
  return { L: out, m: rank };
}

/** q-df KR F-test (KRmodcomp) of L β = 0, L column-major m×p: F before scaling (Wald with Φ_A / q), df and the scaling λ. */
export function krFTest(kr: KenwardRoger, L0: Float64Array, m0: number, beta: ArrayLike<number>): { fUnscaled: number; numDf: number; denDf: number; fScale: number } | null {
  if (m0 === 0) return null;
  const { p } = kr;
  const { L, m: q } = fullRankRows(L0, m0, p);
  if (q === 0) return null;
  const { A1, A2 } = krA(kr, L, q);
  const { ddf, fScale } = krDdf(A1, A2, q);
  const Lb = new Float64Array(q);
  for (let i = 0; i < q; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += L[j * q + i] * beta[j];
    Lb[i] = s;
  }
  // pbkrtest's "FtestU" (which lmerTest reports): the Wald statistic with Φ_A, before the scaling λ
  const Vinv = dgetri(sandwich(L, q, kr.phiA, p), q);
  let wald = 0;
  for (let i = 0; i < q; i++) for (let j = 0; j < q; j++) wald += Lb[i] * Vinv[j * q + i] * Lb[j];
  return { fUnscaled: wald / q, numDf: q, denDf: ddf, fScale };
}
