/**
 * The engine's one door to ml-matrix: eigen-decompositions and the LU inverse, on column-major
 * Float64Array (n×n), named after the LAPACK routines they stand for. Only this file imports ml-matrix.
 */
import { EigenvalueDecomposition, inverse, Matrix } from 'ml-matrix';

function toMatrix(A: ArrayLike<number>, n: number): Matrix {
  const M = new Matrix(n, n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) M.set(i, j, A[j * n + i]);
  return M;
}

function toColumnMajor(M: Matrix): Float64Array {
  const { rows, columns } = M;
  const A = new Float64Array(rows * columns);
  for (let j = 0; j < columns; j++) for (let i = 0; i < rows; i++) A[j * rows + i] = M.get(i, j);
  return A;
}

/**
 * Eigenvalues w (ascending) and eigenvectors Z (column k for w[k], column-major) of a symmetric A, by
 * Householder tridiagonalisation and the QL algorithm (ml-matrix's tred2/tql2). n ≥ 1.
 */
export function dsyev(A: ArrayLike<number>, n: number): { w: Float64Array; Z: Float64Array } {
  const evd = new EigenvalueDecomposition(toMatrix(A, n), { assumeSymmetric: true });
  return { w: Float64Array.from(evd.realEigenvalues), Z: toColumnMajor(evd.eigenvectorMatrix) };
}

/**
 * Real parts of the eigenvalues of a general A (n ≥ 1): the symmetric algorithm when A is exactly
 * symmetric, else Hessenberg reduction and the QR algorithm (ml-matrix's orthes/hqr2).
 */
export function dgeev(A: ArrayLike<number>, n: number): Float64Array {
  return Float64Array.from(new EigenvalueDecomposition(toMatrix(A, n)).realEigenvalues);
}

/** A⁻¹ of a square non-singular A by LU with partial pivoting (ml-matrix's inverse). n ≥ 1. */
export function dgetri(A: ArrayLike<number>, n: number): Float64Array {
  return toColumnMajor(inverse(toMatrix(A, n)));
}
