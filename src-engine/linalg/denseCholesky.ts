/**
 * In-place lower Cholesky factor of a symmetric positive-definite m×m matrix stored column-major
 * (A[j * m + i] = A[i, j]). Only the lower triangle is read and written; the strict upper triangle is
 * left untouched. Returns 0 on success, or k + 1 (LAPACK's `info`) when the leading minor of order
 * k + 1 is not positive definite.
 *
 * Blocked right-looking algorithm: factor a panel of `nb` columns, then update the trailing matrix
 * panel by panel so each trailing column is streamed once per panel rather than once per column.
 */
export function choleskyLowerInPlace(A: Float64Array, m: number, offset = 0, ld = m): number {
  const nb = 48;
  for (let j0 = 0; j0 < m; j0 += nb) {
    const j1 = Math.min(j0 + nb, m);
    // 1. factor the panel columns j0..j1-1 (rows j0..m-1), unblocked right-looking within the panel
    for (let j = j0; j < j1; j++) {
      const cj = offset + j * ld;
      const d = A[cj + j];
      if (!(d > 0)) return j + 1;
      const ljj = Math.sqrt(d);
      A[cj + j] = ljj;
      const inv = 1 / ljj;
      for (let i = j + 1; i < m; i++) A[cj + i] *= inv;
      for (let k = j + 1; k < j1; k++) {
        const ck = offset + k * ld;
        const lkj = A[cj + k];
        if (lkj === 0) continue;
        for (let i = k; i < m; i++) A[ck + i] -= lkj * A[cj + i];
      }
    }
    // 2. trailing update: A[j1:, j1:] -= P Pᵀ where P = L[j1:, j0:j1]
    for (let k = j1; k < m; k++) {
      const ck = offset + k * ld;
      let j = j0;
      // two panel columns at a time halves the passes over column k
      for (; j + 1 < j1; j += 2) {
        const ca = offset + j * ld;
        const cb = ca + ld;
        const a = A[ca + k];
        const b = A[cb + k];
        if (a === 0 && b === 0) continue;
        for (let i = k; i < m; i++) A[ck + i] -= a * A[ca + i] + b * A[cb + i];
      }
      if (j < j1) {
        const ca = offset + j * ld;
        const a = A[ca + k];
        if (a !== 0) for (let i = k; i < m; i++) A[ck + i] -= a * A[ca + i];
      }
    }
  }
  return 0;
}

/** Solve L x = b in place (L lower, column-major m×m, unit stride columns). */
export function forwardSolveLower(L: Float64Array, m: number, b: Float64Array, offset = 0, ld = m): void {
  for (let j = 0; j < m; j++) {
    const cj = offset + j * ld;
    const xj = (b[j] /= L[cj + j]);
    if (xj !== 0) for (let i = j + 1; i < m; i++) b[i] -= L[cj + i] * xj;
  }
}

/** Solve Lᵀ x = b in place (L lower, column-major m×m). */
export function backSolveLowerTranspose(L: Float64Array, m: number, b: Float64Array, offset = 0, ld = m): void {
  for (let j = m - 1; j >= 0; j--) {
    const cj = offset + j * ld;
    let s = b[j];
    for (let i = j + 1; i < m; i++) s -= L[cj + i] * b[i];
    b[j] = s / L[cj + j];
  }
}
