/**
 * Satterthwaite t- and F-tests for linear functions of β, as lmerTest's contest1D / contestMD:
 *   1 df:  f = Lᵀ V L, g_k = Lᵀ J_k L, ν = 2f² / (gᵀ A g)
 *   q df:  Fai & Cornelius (1996): eigen-decompose L V Lᵀ = P D Pᵀ, test the rows of PᵀL separately
 *          and combine their ν_m into one denominator df.
 */
import { qform } from '../linalg/lapack';
import { dot, symEigen, type Mat } from './dense';
import { type VarparCovariance } from './varpar';

export interface TTest {
  estimate: number;
  stdError: number;
  df: number;
  tValue: number;
  pValue: number;
}

export interface FTest {
  sumSq: number;
  meanSq: number;
  numDf: number;
  denDf: number;
  fValue: number;
  pValue: number;
}

/** ν for one contrast: 2 (LᵀVL)² / (gᵀ A g). */
export function satterthwaiteDf(vc: VarparCovariance, L: ArrayLike<number>): { variance: number; df: number } {
  const variance = qform(L, vc.vcovBeta);
  const grad = vc.jac.map((J) => qform(L, J));
  const denom = qform(grad, vc.vcovVarpar);
  return { variance, df: (2 * variance * variance) / denom };
}

/** lmerTest's get_Fstat_ddf: combine the per-direction ν_m into one denominator df. */
export function combineDdf(nu: number[]): number {
  if (nu.length === 1) return nu[0];
  let equal = true;
  for (let i = 1; i < nu.length; i++) if (!(Math.abs(nu[i] - nu[i - 1]) < 1e-8)) equal = false;
  if (equal) return nu.reduce((a, b) => a + b, 0) / nu.length;
  if (nu.some((v) => v <= 2)) return 2;
  const E = nu.reduce((s, v) => s + v / (v - 2), 0);
  return (2 * E) / (E - nu.length);
}

const SQRT_EPS = Math.sqrt(2.220446049250313e-16);

/** L V Lᵀ (q×q, rows) for the q rows of L and V column-major p×p; each sum in order, zero terms skipped. */
function sandwich(L: Mat, V: Float64Array): Mat {
  const q = L.length;
  const p = L[0].length;
  const LV = L.map((Li) => {
    const out = new Array<number>(p).fill(0);
    for (let l = 0; l < p; l++) {
      const a = Li[l];
      if (a === 0) continue;
      for (let j = 0; j < p; j++) out[j] += a * V[j * p + l];
    }
    return out;
  });
  return LV.map((Ri) => {
    const out = new Array<number>(q).fill(0);
    for (let l = 0; l < p; l++) {
      const a = Ri[l];
      if (a === 0) continue;
      for (let j = 0; j < q; j++) out[j] += a * L[j][l];
    }
    return out;
  });
}

/**
 * Rotate a q×p hypothesis matrix (rows) to the eigenvectors of L V Lᵀ (V column-major) and drop
 * directions with no variance (lmerTest: eigenvalues ≤ √ε · the largest). Returns the rotated rows and
 * their variances.
 */
export function rotateHypothesis(L: Mat, V: Float64Array): { rows: Mat; d: number[] } {
  const { values, vectors } = symEigen(sandwich(L, V));
  const tol = Math.max(SQRT_EPS * values[0], 0);
  const rows: Mat = [];
  const d: number[] = [];
  values.forEach((v, m) => {
    if (!(v > tol)) return;
    d.push(v);
    rows.push(L[0].map((_, j) => L.reduce((s, Li, i) => s + vectors[i][m] * Li[j], 0)));
  });
  return { rows, d };
}

/** The q-df F statistic of the rotated rows: Σ (L̃_m β)²/d_m / q. */
export function rotatedF(rows: Mat, d: number[], beta: ArrayLike<number>): number {
  let s = 0;
  rows.forEach((r, m) => {
    const e = dot(r, beta);
    s += (e * e) / d[m];
  });
  return s / rows.length;
}

/** Denominator df of the Fai–Cornelius F-test for rotated rows. */
export function faiCorneliusDdf(vc: VarparCovariance, rows: Mat, d: number[]): number {
  const nu = rows.map((r, m) => {
    const grad = vc.jac.map((J) => qform(r, J));
    return (2 * d[m] * d[m]) / qform(grad, vc.vcovVarpar);
  });
  return combineDdf(nu);
}
