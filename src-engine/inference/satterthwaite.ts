/**
 * Satterthwaite t- and F-tests for linear functions of β, as lmerTest's contest1D / contestMD:
 *   1 df:  f = Lᵀ V L, g_k = Lᵀ J_k L, ν = 2f² / (gᵀ A g)
 *   q df:  Fai & Cornelius (1996): eigen-decompose L V Lᵀ = P D Pᵀ, test the rows of PᵀL separately
 *          and combine their ν_m into one denominator df.
 */
import { ddot, dgemm, dsyevDecreasing, qform } from '../linalg/lapack';
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

/**
 * Rotate an m×p hypothesis matrix L (column-major) to the eigenvectors of L V Lᵀ (V column-major p×p)
 * and drop directions with no variance (lmerTest: eigenvalues ≤ √ε · the largest). Returns the rotated
 * contrasts (one vector of length p each) and their variances.
 */
export function rotateHypothesis(L: Float64Array, m: number, V: Float64Array): { rows: Float64Array[]; d: number[] } {
  const p = L.length / m;
  const { w: values, Z } = dsyevDecreasing(dgemm('N', 'T', m, m, p, dgemm('N', 'N', m, p, p, L, V), L), m);
  const tol = Math.max(SQRT_EPS * values[0], 0);
  const rows: Float64Array[] = [];
  const d: number[] = [];
  values.forEach((v, k) => {
    if (!(v > tol)) return;
    d.push(v);
    const r = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let i = 0; i < m; i++) s += Z[k * m + i] * L[j * m + i];
      r[j] = s;
    }
    rows.push(r);
  });
  return { rows, d };
}

/** The q-df F statistic of the rotated rows: Σ (L̃_m β)²/d_m / q. */
export function rotatedF(rows: readonly Float64Array[], d: number[], beta: ArrayLike<number>): number {
  let s = 0;
  rows.forEach((r, m) => {
    const e = ddot(r, beta);
    s += (e * e) / d[m];
  });
  return s / rows.length;
}

/** Denominator df of the Fai–Cornelius F-test for rotated rows. */
export function faiCorneliusDdf(vc: VarparCovariance, rows: readonly Float64Array[], d: number[]): number {
  const nu = rows.map((r, m) => {
    const grad = vc.jac.map((J) => qform(r, J));
    return (2 * d[m] * d[m]) / qform(grad, vc.vcovVarpar);
  });
  return combineDdf(nu);
}
