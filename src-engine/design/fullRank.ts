/**
 * A cheap proof that the fixed-effects matrix has full column rank with a margin so wide that
 * lme4's rank check (dqrdc2 with tol 1e-7) cannot drop a column, so that check can be skipped.
 * With D the column norms, X D⁻¹ = Q R (R from the Cholesky factor of the scaled Gram matrix);
 * ‖R⁻¹‖_F ≤ 1e3 bounds σ_min(X D⁻¹) ≥ 1e-3, and every residual norm dqrdc2 compares with
 * tol × the column norm is at least σ_min × the column norm — four orders above the tolerance.
 * The Gram matrix is summed densely when that is cheap, else from each column's nonzeros (indicator
 * columns make that cheap).
 */

import { subtractRowGram } from '../linalg/rowGram';

const MAX_INVERSE_NORM = 1e3;

/** Row indices of the nonzeros of each mostly-zero column (undefined for the others: dot them densely). */
function sparseRows(columns: readonly Float64Array[], n: number): (Int32Array | undefined)[] {
  return columns.map((c) => {
    let k = 0;
    for (let i = 0; i < n; i++) k += c[i] !== 0 ? 1 : 0;
    if (2 * k > n) return undefined;
    const rows = new Int32Array(k + 1); // one spare slot: the branch-free fill writes past the last nonzero
    for (let i = 0, u = 0; i < n; i++) {
      rows[u] = i;
      u += c[i] !== 0 ? 1 : 0;
    }
    return rows.subarray(0, k);
  });
}

function dot(a: Float64Array, b: Float64Array, rows: Int32Array | undefined, n: number): number {
  let s = 0;
  if (rows) for (let t = 0; t < rows.length; t++) s += a[rows[t]] * b[rows[t]];
  else for (let i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}

/**
 * Up to this many products XᵀX is summed densely (rowGram.ts: in the wasm kernel from 8,192 on, ≈ 1 ms at
 * this size), when the columns lie one after another in one buffer (the model matrix's); above it, from
 * each column's nonzeros. Only the proof's yes or no depends on these sums, with a margin of orders of
 * magnitude, and a no only means that the QR check runs.
 */
const DENSE_GRAM_MAX = 2_000_000;

/** The columns as one row-major p × n matrix (Xᵀ) when they are consecutive views of one buffer. */
function consecutive(columns: readonly Float64Array[], n: number): Float64Array | undefined {
  const first = columns[0];
  for (let j = 0; j < columns.length; j++) {
    const c = columns[j];
    if (c.buffer !== first.buffer || c.byteOffset !== first.byteOffset + 8 * n * j || c.length !== n) return undefined;
  }
  return new Float64Array(first.buffer, first.byteOffset, n * columns.length);
}

/** XᵀX scaled to unit diagonal (column-major p × p, upper triangle), or undefined if a column is zero. */
function scaledGram(columns: readonly Float64Array[], n: number): Float64Array | undefined {
  const p = columns.length;
  const C = new Float64Array(p * p);
  const Xt = (p * (p + 1) * n) / 2 <= DENSE_GRAM_MAX ? consecutive(columns, n) : undefined;
  if (Xt) {
    // the lower triangle gets −XᵀX; the proof reads the upper one
    const G = new Float64Array(p * p);
    subtractRowGram(Xt, p, n, G, p, 0);
    for (let k = 0; k < p; k++) for (let j = 0; j <= k; j++) C[k * p + j] = -G[j * p + k];
  } else {
    const sparse = sparseRows(columns, n);
    for (let k = 0; k < p; k++) {
      for (let j = 0; j <= k; j++) {
        const sj = sparse[j];
        const sk = sparse[k];
        C[k * p + j] = dot(columns[j], columns[k], !sj ? sk : !sk || sj.length <= sk.length ? sj : sk, n);
      }
    }
  }
  const d: number[] = [];
  for (let j = 0; j < p; j++) {
    if (!(C[j * p + j] > 0)) return undefined;
    d.push(1 / Math.sqrt(C[j * p + j]));
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
  const v: number[] = new Array<number>(p).fill(0);
  let sum = 0;
  for (let c = 0; c < p; c++) {
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
