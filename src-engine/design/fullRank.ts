/**
 * A cheap proof that the fixed-effects matrix has full column rank with a margin so wide that
 * lme4's rank check (dqrdc2 with tol 1e-7) cannot drop a column, so that check can be skipped.
 * With D the column norms, X D⁻¹ = Q R (R from the Cholesky factor of the scaled Gram matrix);
 * ‖R⁻¹‖_F ≤ 1e3 bounds σ_min(X D⁻¹) ≥ 1e-3, and every residual norm dqrdc2 compares with
 * tol × the column norm is at least σ_min × the column norm — four orders above the tolerance.
 * The Gram matrix is formed from each column's nonzeros: indicator columns make it cheap.
 */

const MAX_INVERSE_NORM = 1e3;

/** Row indices of the nonzeros of each column. */
function nonzeros(columns: readonly Float64Array[], n: number): Int32Array[] {
  const buf = new Int32Array(n);
  return columns.map((c) => {
    let k = 0;
    for (let i = 0; i < n; i++) if (c[i] !== 0) buf[k++] = i;
    return buf.slice(0, k);
  });
}

/** XᵀX scaled to unit diagonal (column-major p × p, upper triangle), or undefined if a column is zero. */
function scaledGram(columns: readonly Float64Array[], n: number): Float64Array | undefined {
  const p = columns.length;
  const nz = nonzeros(columns, n);
  const C = new Float64Array(p * p);
  for (let k = 0; k < p; k++) {
    for (let j = 0; j <= k; j++) {
      const [rows, a, b] = nz[j].length <= nz[k].length ? [nz[j], columns[j], columns[k]] : [nz[k], columns[k], columns[j]];
      let s = 0;
      for (let t = 0; t < rows.length; t++) s += a[rows[t]] * b[rows[t]];
      C[k * p + j] = s;
    }
  }
  const d = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    if (!(C[j * p + j] > 0)) return undefined;
    d[j] = 1 / Math.sqrt(C[j * p + j]);
  }
  for (let k = 0; k < p; k++) for (let j = 0; j <= k; j++) C[k * p + j] *= d[j] * d[k];
  return C;
}

/** Upper Cholesky factor R (RᵀR = C) in place; false unless C is numerically positive definite. */
function cholesky(C: Float64Array, p: number): boolean {
  for (let k = 0; k < p; k++) {
    for (let j = 0; j <= k; j++) {
      let s = C[k * p + j];
      for (let i = 0; i < j; i++) s -= C[j * p + i] * C[k * p + i];
      if (j < k) C[k * p + j] = s / C[j * p + j];
      else if (s > 0) C[k * p + k] = Math.sqrt(s);
      else return false;
    }
  }
  return true;
}

/** ‖R⁻¹‖_F² for the upper-triangular R, by back substitution for each column of R⁻¹. */
function inverseNormSquared(R: Float64Array, p: number): number {
  const v = new Float64Array(p);
  let sum = 0;
  for (let c = 0; c < p; c++) {
    v.fill(0);
    v[c] = 1 / R[c * p + c];
    sum += v[c] * v[c];
    for (let r = c - 1; r >= 0; r--) {
      let s = 0;
      for (let i = r + 1; i <= c; i++) s += R[i * p + r] * v[i];
      v[r] = -s / R[r * p + r];
      sum += v[r] * v[r];
    }
  }
  return sum;
}

/** True only if the n-row columns are so clearly independent that dqrdc2 would keep them all, in order. */
export function clearlyFullRank(columns: readonly Float64Array[], n: number): boolean {
  const p = columns.length;
  if (p === 0 || n < p) return false;
  const C = scaledGram(columns, n);
  if (!C || !cholesky(C, p)) return false;
  return inverseNormSquared(C, p) <= MAX_INVERSE_NORM * MAX_INVERSE_NORM;
}
