/**
 * Small dense-matrix helpers for inference (p×p and q×q sizes). Matrices are plain row-major
 * `number[][]` unless said otherwise; the engine's column-major p×p arrays are converted at the edge.
 * The eigen-decomposition and the inverse are linalg/mlMatrixAdapter.ts's (column-major) behind this
 * row-major face.
 */
import { fromRows, symPinv } from '../linalg/lapack';
import { dgetri, dsyev } from '../linalg/mlMatrixAdapter';

export type Mat = number[][];

export function fromColumnMajor(a: ArrayLike<number>, p: number): Mat {
  return Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => a[j * p + i]));
}

export function zeros(r: number, c: number): Mat {
  return Array.from({ length: r }, () => new Array<number>(c).fill(0));
}

export function identity(n: number): Mat {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

export function transpose(A: Mat): Mat {
  if (A.length === 0) return [];
  return A[0].map((_, j) => A.map((row) => row[j]));
}

export function matmul(A: Mat, B: Mat): Mat {
  const n = A.length;
  const k = B.length;
  const m = k ? B[0].length : 0;
  const C = zeros(n, m);
  for (let i = 0; i < n; i++) {
    const Ai = A[i];
    const Ci = C[i];
    for (let l = 0; l < k; l++) {
      const a = Ai[l];
      if (a === 0) continue;
      const Bl = B[l];
      for (let j = 0; j < m; j++) Ci[j] += a * Bl[j];
    }
  }
  return C;
}

export function matvec(A: Mat, x: ArrayLike<number>): number[] {
  return A.map((row) => row.reduce((s, a, j) => s + a * x[j], 0));
}

export function dot(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

/** L A Lᵀ for L (q×p) and A (p×p). */
export function sandwich(L: Mat, A: Mat): Mat {
  return matmul(matmul(L, A), transpose(L));
}

/** Symmetric eigen-decomposition with eigenvalues in decreasing order (as R's eigen()). vectors[i][k] = component i of vector k. */
export function symEigen(A: Mat): { values: number[]; vectors: Mat } {
  const n = A.length;
  if (n === 0) return { values: [], vectors: [] };
  const sym = A.map((row, i) => row.map((v, j) => (v + A[j][i]) / 2));
  const { w: values, Z } = dsyev(fromRows(sym), n);
  const order = Array.from(values, (_, i) => i).sort((a, b) => values[b] - values[a]);
  return { values: order.map((i) => values[i]), vectors: Array.from({ length: n }, (_, r) => order.map((i) => Z[i * n + r])) };
}

/** Moore–Penrose inverse of a symmetric matrix over eigenvalues > tol·max(λ) (linalg/lapack.ts's symPinv, row-major). */
export function symGinv(A: Mat, relTol = Math.sqrt(2.220446049250313e-16)): Mat {
  const n = A.length;
  if (n === 0) return [];
  const G = symPinv(fromRows(A), n, relTol);
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => G[j * n + i]));
}

/** Inverse of a square non-singular matrix (LU, dgetri). */
export function inverse(A: Mat): Mat {
  const n = A.length;
  if (n === 0) return [];
  const Ai = dgetri(fromRows(A), n);
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => Ai[j * n + i]));
}

export function trace(A: Mat): number {
  let s = 0;
  for (let i = 0; i < A.length; i++) s += A[i][i];
  return s;
}

/** tr(A B) without forming the product. */
export function traceProduct(A: Mat, B: Mat): number {
  let s = 0;
  for (let i = 0; i < A.length; i++) for (let j = 0; j < A[i].length; j++) s += A[i][j] * B[j][i];
  return s;
}
