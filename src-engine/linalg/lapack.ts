/**
 * Small dense routines named after LAPACK/BLAS, on the engine's one dense matrix type: column-major
 * Float64Array (m×n, leading dimension m), for p×p and θ×θ matrices (Hessians, covariance matrices) and
 * hypothesis matrices (m×p). Eigenvalues and the LU inverse come from ml-matrix through one adapter
 * (mlMatrixAdapter.ts, re-exported here); the Cholesky routines are here.
 */
import { dsyev } from './mlMatrixAdapter';

export { dgeev, dgetri, dsyev } from './mlMatrixAdapter';

/**
 * Cholesky factor L of a symmetric A (its lower triangle is read), A = L Lᵀ, row by row
 * (Cholesky–Banachiewicz, the order ml-matrix used, so its numbers are unchanged). info = 0 when A is
 * positive definite, else j + 1 for the first pivot that was not positive (as LAPACK); the factor is
 * then completed with √max(d, 0) and must not be used to solve.
 */
export function dpotrf(A: ArrayLike<number>, n: number): { L: Float64Array; info: number } {
  const L = new Float64Array(n * n);
  let info = 0;
  for (let j = 0; j < n; j++) {
    let d = 0;
    for (let k = 0; k < j; k++) {
      let s = 0;
      for (let i = 0; i < k; i++) s += L[i * n + k] * L[i * n + j];
      s = (A[k * n + j] - s) / L[k * n + k];
      L[k * n + j] = s;
      d = d + s * s;
    }
    d = A[j * n + j] - d;
    if (!(d > 0) && info === 0) info = j + 1;
    L[j * n + j] = Math.sqrt(Math.max(d, 0));
  }
  return { L, info };
}

/** Solves A x = b with dpotrf's L (info 0): L y = b, then Lᵀ x = y. Returns x. */
export function dpotrs(L: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  const x = Float64Array.from(b);
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < k; i++) x[k] -= x[i] * L[i * n + k];
    x[k] /= L[k * n + k];
  }
  for (let k = n - 1; k >= 0; k--) {
    for (let i = k + 1; i < n; i++) x[k] -= x[i] * L[k * n + i];
    x[k] /= L[k * n + k];
  }
  return x;
}

/** Column-major m×n from m rows (rows[i][j] = A_ij); n is the rows' length (square n×n when n = m). */
export function fromRows(rows: readonly ArrayLike<number>[], n = rows.length ? rows[0].length : 0): Float64Array {
  const m = rows.length;
  const A = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) A[j * m + i] = rows[i][j];
  return A;
}

/**
 * C = op(A) op(B), m×n, with op(A) m×k and op(B) k×n; `trans` 'T' uses the transpose of the stored
 * (column-major) matrix. Each entry is summed over k in order from 0.
 */
export function dgemm(transA: 'N' | 'T', transB: 'N' | 'T', m: number, n: number, k: number, A: ArrayLike<number>, B: ArrayLike<number>): Float64Array {
  const C = new Float64Array(m * n);
  const bj = new Float64Array(k);
  for (let j = 0; j < n; j++) {
    for (let l = 0; l < k; l++) bj[l] = transB === 'N' ? B[j * k + l] : B[l * n + j];
    for (let i = 0; i < m; i++) {
      let s = 0;
      if (transA === 'N') for (let l = 0; l < k; l++) s += A[l * m + i] * bj[l];
      else for (let l = 0; l < k; l++) s += A[i * k + l] * bj[l];
      C[j * m + i] = s;
    }
  }
  return C;
}

/** xᵀ y, summed in order from the first entry (BLAS ddot). */
export function ddot(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

/** xᵀ A x for A column-major n×n (lmerTest's qform; no BLAS routine): row sums in order, rows with x_i = 0 skipped. */
export function qform(x: ArrayLike<number>, A: ArrayLike<number>): number {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) {
    if (x[i] === 0) continue;
    let r = 0;
    for (let j = 0; j < n; j++) r += A[j * n + i] * x[j];
    s += x[i] * r;
  }
  return s;
}

/**
 * Moore–Penrose inverse of a symmetric A (column-major n×n, n ≥ 1) over the eigenvalues with
 * |λ| > relTol·max|λ| (MASS::ginv's rule for symmetric input; no LAPACK routine): Σ_k z_k z_kᵀ / λ_k,
 * summed from the largest eigenvalue down. A is symmetrised first, (A + Aᵀ)/2.
 */
export function symPinv(A: ArrayLike<number>, n: number, relTol = Math.sqrt(2.220446049250313e-16)): Float64Array {
  const { w, Z } = dsyevDecreasing(A, n);
  const tol = relTol * Math.max(0, ...Array.from(w, Math.abs));
  const out = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const v = w[k];
    if (Math.abs(v) <= tol) continue;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[j * n + i] += (Z[k * n + i] * Z[k * n + j]) / v;
  }
  return out;
}

/**
 * dsyev in R's eigen() order: eigenvalues w decreasing, Z's column k for w[k] (column-major), of the
 * symmetrised (A + Aᵀ)/2 (column-major n×n).
 */
export function dsyevDecreasing(A: ArrayLike<number>, n: number): { w: Float64Array; Z: Float64Array } {
  if (n === 0) return { w: new Float64Array(0), Z: new Float64Array(0) };
  const sym = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) sym[j * n + i] = (A[j * n + i] + A[i * n + j]) / 2;
  const { w, Z } = dsyev(sym, n);
  const order = Array.from(w, (_, k) => k).sort((a, b) => w[b] - w[a]);
  const Zd = new Float64Array(n * n);
  order.forEach((k, c) => Zd.set(Z.subarray(k * n, (k + 1) * n), c * n));
  return { w: Float64Array.from(order, (k) => w[k]), Z: Zd };
}

/** tr(A) of a column-major n×n A. */
export function trace(A: ArrayLike<number>, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += A[i * n + i];
  return s;
}

/** tr(A B) for column-major n×n A and B without forming the product: Σ_i Σ_j A_ij B_ji, in that order. */
export function traceProduct(A: ArrayLike<number>, B: ArrayLike<number>, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s += A[j * n + i] * B[i * n + j];
  return s;
}
