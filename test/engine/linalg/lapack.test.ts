/**
 * The column-major routines (linalg/lapack.ts, linalg/mlMatrixAdapter.ts): the defining identities, and
 * the same bits as the ml-matrix calls they replaced (the convergence checks and Newton steps keep
 * their numbers).
 */
import { CholeskyDecomposition, EigenvalueDecomposition, inverse, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { ddot, dgemm, dpotrf, dpotrs, dsyevDecreasing, fromRows, qform, symPinv, trace, traceProduct } from '../../../src-engine/linalg/lapack';
import { dgeev, dgetri, dsyev } from '../../../src-engine/linalg/mlMatrixAdapter';

/** A symmetric positive definite n×n (rows) from a fixed pseudo-random B: BᵀB + n I. */
function spd(n: number, seed: number): number[][] {
  let s = seed;
  const r = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
  const B = Array.from({ length: n }, () => Array.from({ length: n }, r));
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => B.reduce((t, row) => t + row[i] * row[j], 0) + (i === j ? n : 0)));
}

describe('dpotrf / dpotrs', () => {
  it.each([1, 2, 5, 9])('n = %i: L Lᵀ = A, A x = b, and ml-matrix’s bits', (n) => {
    const rows = spd(n, 7 + n);
    const A = fromRows(rows);
    const { L, info } = dpotrf(A, n);
    expect(info).toBe(0);
    for (let i = 0; i < n; i++)
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let k = 0; k <= j; k++) s += L[k * n + i] * L[k * n + j];
        expect(Math.abs(s - rows[i][j])).toBeLessThanOrEqual(1e-12 * Math.abs(rows[i][i]));
      }
    const b = Array.from({ length: n }, (_, i) => i - n / 2);
    const x = dpotrs(L, n, b);
    for (let i = 0; i < n; i++) expect(Math.abs(rows[i].reduce((t, a, j) => t + a * x[j], 0) - b[i])).toBeLessThanOrEqual(1e-10);
    const chol = new CholeskyDecomposition(new Matrix(rows));
    const ml = chol.lowerTriangularMatrix;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(L[j * n + i]).toBe(ml.get(i, j));
    expect(Array.from(x)).toEqual(chol.solve(Matrix.columnVector(b)).getColumn(0));
  });

  it('names the first pivot that is not positive (info = j + 1)', () => {
    expect(dpotrf(fromRows([[4, 2, 0], [2, 1, 0], [0, 0, 1]]), 3).info).toBe(2);
    expect(dpotrf(fromRows([[-1]]), 1).info).toBe(1);
    expect(dpotrf(fromRows([[NaN, 0], [0, 1]]), 2).info).toBe(1);
  });
});

describe('dgemm', () => {
  it('op(A) op(B) for each transpose, as ml-matrix’s mmul', () => {
    const A = [[1.5, -2, 0.25], [3, 0.1, -1]]; // 2×3
    const B = [[0.3, 2], [-1, 4], [2.5, -0.7]]; // 3×2
    const col = (R: number[][]) => Float64Array.from({ length: R.length * R[0].length }, (_, e) => R[e % R.length][Math.floor(e / R.length)]);
    const t = (R: number[][]) => R[0].map((_, j) => R.map((r) => r[j]));
    const want = new Matrix(A).mmul(new Matrix(B));
    const check = (C: Float64Array) => {
      for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) expect(C[j * 2 + i]).toBe(want.get(i, j));
    };
    check(dgemm('N', 'N', 2, 2, 3, col(A), col(B)));
    check(dgemm('T', 'N', 2, 2, 3, col(t(A)), col(B)));
    check(dgemm('N', 'T', 2, 2, 3, col(A), col(t(B))));
    check(dgemm('T', 'T', 2, 2, 3, col(t(A)), col(t(B))));
    expect(want.get(0, 0)).toBeCloseTo(1.5 * 0.3 + 2 + 0.25 * 2.5, 14);
  });
});

describe('qform and symPinv', () => {
  it('qform: xᵀAx on a non-symmetric column-major A', () => {
    const A = fromRows([[1, 2], [3, 4]]);
    expect(qform([1, -1], A)).toBe(1 - 2 - 3 + 4);
    expect(qform([0, 2], A)).toBe(16);
  });

  it('symPinv: A G A = A and G = Gᵀ for a rank-2 3×3 matrix, A⁻¹ for a full-rank one', () => {
    const v = [[1, 2, 0], [0, 1, 1]]; // A = Σ v vᵀ, rank 2
    const rows = [0, 1, 2].map((i) => [0, 1, 2].map((j) => v.reduce((t, x) => t + x[i] * x[j], 0)));
    const A = fromRows(rows);
    const G = symPinv(A, 3);
    const AG = dgemm('N', 'N', 3, 3, 3, A, G);
    const AGA = dgemm('N', 'N', 3, 3, 3, AG, A);
    for (let e = 0; e < 9; e++) expect(Math.abs(AGA[e] - A[e])).toBeLessThanOrEqual(1e-12);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(Math.abs(G[j * 3 + i] - G[i * 3 + j])).toBeLessThanOrEqual(1e-14);
    const full = fromRows(spd(3, 11));
    const I = dgemm('N', 'N', 3, 3, 3, full, symPinv(full, 3));
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(Math.abs(I[j * 3 + i] - (i === j ? 1 : 0))).toBeLessThanOrEqual(1e-13);
  });
});

describe('the ml-matrix adapter', () => {
  it('dsyev: A Z = Z diag(w), ascending, as ml-matrix', () => {
    const n = 6;
    const rows = spd(n, 3);
    const { w, Z } = dsyev(fromRows(rows), n);
    for (let k = 1; k < n; k++) expect(w[k]).toBeGreaterThanOrEqual(w[k - 1]);
    for (let k = 0; k < n; k++)
      for (let i = 0; i < n; i++) expect(Math.abs(rows[i].reduce((t, a, j) => t + a * Z[k * n + j], 0) - w[k] * Z[k * n + i])).toBeLessThanOrEqual(1e-10 * w[n - 1]);
    const evd = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true });
    expect(Array.from(w)).toEqual(evd.realEigenvalues);
  });

  it('dgeev: the real eigenvalues of a general matrix (a rotation-free 2×2 with eigenvalues 2 and 3)', () => {
    const w = Array.from(dgeev(fromRows([[2, 1], [0, 3]]), 2)).sort();
    expect(w[0]).toBeCloseTo(2, 14);
    expect(w[1]).toBeCloseTo(3, 14);
  });

  it('dgetri: A A⁻¹ = I for a non-symmetric A, as ml-matrix’s LU inverse', () => {
    const rows = [[2, 1, 0], [1, 3, 1], [4, 0, 5]];
    const Ai = dgetri(fromRows(rows), 3);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) expect(Math.abs(rows[i].reduce((t, a, k) => t + a * Ai[j * 3 + k], 0) - (i === j ? 1 : 0))).toBeLessThanOrEqual(1e-14);
    const ml = inverse(new Matrix(rows));
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(Ai[j * 3 + i]).toBe(ml.get(i, j));
  });
});

describe('layout helpers, trace and the decreasing eigen-decomposition', () => {
  it('fromRows: a 2×3 matrix from its rows, column-major', () => {
    const A = fromRows([[1, 2, 3], [4, 5, 6]]);
    expect(Array.from(A)).toEqual([1, 4, 2, 5, 3, 6]);
    expect(fromRows([]).length).toBe(0);
  });

  it('ddot: xᵀy', () => {
    expect(ddot([1, 2, 3], Float64Array.from([4, -5, 6]))).toBe(12);
  });

  it('trace and traceProduct: tr(A) and tr(A B) without the product', () => {
    const A = fromRows([[1, 2], [3, 4]]);
    const B = fromRows([[5, 6], [7, 8]]);
    expect(trace(A, 2)).toBe(5);
    // A B = [[19, 22], [43, 50]]
    expect(traceProduct(A, B, 2)).toBe(69);
  });

  it('dsyevDecreasing: R’s eigen() order, the symmetrised matrix, A Z = Z diag(w)', () => {
    const n = 5;
    const rows = spd(n, 19);
    const { w, Z } = dsyevDecreasing(fromRows(rows), n);
    const asc = dsyev(fromRows(rows), n).w;
    expect(Array.from(w)).toEqual(Array.from(asc).reverse());
    for (let k = 0; k < n; k++)
      for (let i = 0; i < n; i++) expect(Math.abs(rows[i].reduce((t, a, j) => t + a * Z[k * n + j], 0) - w[k] * Z[k * n + i])).toBeLessThanOrEqual(1e-10 * w[0]);
    // a non-symmetric input is read as (A + Aᵀ)/2
    expect(Array.from(dsyevDecreasing(fromRows([[2, 1], [3, 2]]), 2).w)).toEqual(Array.from(dsyevDecreasing(fromRows([[2, 2], [2, 2]]), 2).w));
  });
});
