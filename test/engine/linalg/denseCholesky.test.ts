import { describe, expect, it } from 'vitest';
import { backSolveLowerTranspose, choleskyLowerInPlace, forwardSolveLower } from '../../../src-engine/linalg/denseCholesky';

/** A reproducible SPD matrix B Bᵀ + m I (column-major). */
function spd(m: number, seed = 1): Float64Array {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
  const B = Array.from({ length: m * m }, rand);
  const A = new Float64Array(m * m);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++) {
      let t = 0;
      for (let k = 0; k < m; k++) t += B[k * m + i] * B[k * m + j];
      A[j * m + i] = t + (i === j ? m : 0);
    }
  return A;
}

describe('choleskyLowerInPlace', () => {
  for (const m of [1, 2, 5, 47, 48, 49, 130]) {
    it(`reproduces A = L Lᵀ for m = ${m}`, () => {
      const A = spd(m, m);
      const L = A.slice();
      expect(choleskyLowerInPlace(L, m)).toBe(0);
      let maxErr = 0;
      for (let i = 0; i < m; i++)
        for (let j = 0; j <= i; j++) {
          let t = 0;
          for (let k = 0; k <= j; k++) t += L[k * m + i] * L[k * m + j];
          maxErr = Math.max(maxErr, Math.abs(t - A[j * m + i]));
        }
      expect(maxErr).toBeLessThan(1e-9 * m);
    });
  }

  it('reports the first non-positive leading minor', () => {
    // [[1,2],[2,1]] is indefinite: second pivot 1 - 4 < 0
    const A = new Float64Array([1, 2, 2, 1]);
    expect(choleskyLowerInPlace(A, 2)).toBe(2);
    expect(choleskyLowerInPlace(new Float64Array([0]), 1)).toBe(1);
  });

  it('solves with the factor and its transpose', () => {
    const m = 20;
    const A = spd(m, 7);
    const L = A.slice();
    choleskyLowerInPlace(L, m);
    const x = Float64Array.from({ length: m }, (_, i) => i - 3.5);
    const b = new Float64Array(m);
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) b[i] += A[(i >= j ? j * m + i : i * m + j)] * x[j];
    forwardSolveLower(L, m, b);
    backSolveLowerTranspose(L, m, b);
    for (let i = 0; i < m; i++) expect(b[i]).toBeCloseTo(x[i], 9);
  });
});
