/**
 * BᵀC⁻¹B and log|C| by one bordered factorization in the wasm kernel (linalg/borderedGram.ts) against
 * the JS route it replaces in nlme/lowRankBlocks.ts (Cholesky, a forward solve per column, the Gram):
 * orders around the kernel's panel widths (16, 64) and its 4 × 4 tiles, one to 57 columns, and a C that
 * is not positive definite. Summation orders differ, so equal to rounding, not to the bit.
 */
import { describe, expect, it } from 'vitest';
import { BORDERED_MIN_ORDER, borderedMatrix, factorBordered } from '../../../src-engine/linalg/borderedGram';
import { choleskyLowerJs } from '../../../src-engine/linalg/choleskyJs';
import { forwardSolveLower, setCholeskyBackend } from '../../../src-engine/linalg/denseCholesky';

function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** An exponential correlation over random points on a line (positive definite, condition ≈ 10³). */
function correlation(k: number, rnd: () => number): Float64Array {
  const x = Array.from({ length: k }, () => rnd() * k);
  const C = new Float64Array(k * k);
  for (let j = 0; j < k; j++) for (let i = 0; i < k; i++) C[j * k + i] = Math.exp(-Math.abs(x[i] - x[j]) / 3) * (i === j ? 1 : 0.9);
  return C;
}

function viaJs(C: Float64Array, B: Float64Array, k: number, r: number): { gram: number[]; logDet: number } {
  const L = C.slice();
  expect(choleskyLowerJs(L, k, 0, k)).toBe(0);
  const S = B.slice();
  for (let j = 0; j < r; j++) forwardSolveLower(L, k, S.subarray(j * k, j * k + k));
  const gram: number[] = [];
  for (let j = 0; j < r; j++) for (let l = j; l < r; l++) gram.push(S.subarray(j * k, j * k + k).reduce((s, v, a) => s + v * S[l * k + a], 0));
  let logDet = 0;
  for (let a = 0; a < k; a++) logDet += 2 * Math.log(L[a * k + a]);
  return { gram, logDet };
}

function viaBordered(C: Float64Array, B: Float64Array, k: number, r: number): { gram: number[]; logDet: number; info: number } {
  const view = borderedMatrix(k, r)!;
  const ld = k + r;
  for (let j = 0; j < k; j++) for (let i = j; i < k; i++) view[j * ld + i] = C[j * k + i];
  for (let j = 0; j < r; j++) for (let a = 0; a < k; a++) view[a * ld + k + j] = B[j * k + a];
  const info = factorBordered(k, r);
  const gram: number[] = [];
  for (let j = 0; j < r; j++) for (let l = j; l < r; l++) gram.push(-view[(k + j) * ld + k + l]);
  let logDet = 0;
  for (let a = 0; a < k; a++) logDet += 2 * Math.log(view[a * ld + a]);
  return { gram, logDet, info };
}

describe('bordered factorization: BᵀC⁻¹B and log|C|', () => {
  it.each([
    [BORDERED_MIN_ORDER, 1],
    [63, 4],
    [64, 5],
    [65, 3],
    [130, 17],
    [224, 57],
  ])('C of order %i, %i columns of B: equal to the solves and Gram in JS', (k, r) => {
    const rnd = rng(k * 7 + r);
    const C = correlation(k, rnd);
    const B = new Float64Array(k * r).map(() => rnd() * 4 - 2);
    const want = viaJs(C, B, k, r);
    // twice: the second call must not see the first one's trailing block
    for (let round = 0; round < 2; round++) {
      const got = viaBordered(C, B, k, r);
      expect(got.info).toBe(0);
      expect(got.logDet).toBeCloseTo(want.logDet, 9);
      got.gram.forEach((g, t) => expect(Math.abs(g - want.gram[t])).toBeLessThan(1e-9 * (1 + Math.abs(want.gram[t]))));
    }
  });

  it("reports the failing column of a C that is not positive definite (LAPACK's info)", () => {
    const k = 70;
    const C = correlation(k, rng(3));
    C[40 * k + 40] = -1;
    expect(viaBordered(C, new Float64Array(k * 2).fill(1), k, 2).info).toBe(41);
  });

  it('leaves small orders, and the js backend, to the caller', () => {
    expect(borderedMatrix(BORDERED_MIN_ORDER - 1, 3)).toBeUndefined();
    setCholeskyBackend('js');
    try {
      expect(borderedMatrix(100, 3)).toBeUndefined();
    } finally {
      setCholeskyBackend('auto');
    }
  });
});
