/**
 * Small dense routines named after LAPACK/BLAS, on column-major Float64Array (n×n, leading dimension n),
 * for the engine's p×p and θ×θ matrices (Hessians, covariance matrices). Eigenvalues and the LU
 * inverse come from ml-matrix through one adapter (mlMatrixAdapter.ts); the Cholesky routines are here.
 */

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

/** Column-major n×n from rows (rows[i][j] = A_ij). */
export function fromRows(rows: readonly (readonly number[])[]): Float64Array {
  const n = rows.length;
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) A[j * n + i] = rows[i][j];
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
