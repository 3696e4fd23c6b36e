/** L⁻¹ and (LLᵀ)⁻¹ = L⁻ᵀL⁻¹ (linalg/triangularInverse.ts, blockedInverse.ts): the Gram of L⁻¹ four sums at a time gives the one-sum loop's bits. */
import { describe, expect, it } from 'vitest';
import { choleskyInverse, lowerGram } from '../../../src-engine/linalg/blockedInverse';
import { lowerTriangularInverse } from '../../../src-engine/linalg/triangularInverse';

let seed = 3;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;

/** A lower-triangular factor with a diagonal head (zeros below the head's diagonal within it, as a nested design's rest), leading dimension ld. */
function factor(q: number, ld: number, head: number): Float64Array {
  const L = new Float64Array(ld * ld);
  for (let j = 0; j < q; j++) {
    L[j * ld + j] = 1 + Math.abs(rand());
    for (let i = j + 1; i < q; i++) L[j * ld + i] = i < head ? 0 : rand() > 0.3 ? rand() : 0;
  }
  return L;
}

/** The one-sum loop lowerGram stands for (entry (a, b): Σ_{i ≥ a} X[i, a] X[i, b], i ascending). */
function plainGram(X: Float64Array, q: number): Float64Array {
  const out = new Float64Array(q * q);
  for (let a = 0; a < q; a++)
    for (let b = 0; b <= a; b++) {
      let t = 0;
      for (let i = a; i < q; i++) t += X[a * q + i] * X[b * q + i];
      out[b * q + a] = t;
      out[a * q + b] = t;
    }
  return out;
}

describe('lowerGram', () => {
  it('gives the one-sum loop’s bits for every order modulo 4, with and without a diagonal head', () => {
    for (let q = 1; q <= 23; q++)
      for (const head of [0, Math.floor(q / 2)]) {
        const ld = q + 2;
        const Linv = lowerTriangularInverse(factor(q, ld, head), q, ld);
        const out = new Float64Array(q * q).fill(NaN);
        lowerGram(Linv, q, q, out);
        const expected = plainGram(Linv, q);
        let bad = -1;
        for (let k = 0; k < q * q && bad < 0; k++) if (!Object.is(out[k], expected[k])) bad = k;
        expect(bad, `q ${q}, head ${head}: first difference at ${bad}`).toBe(-1);
      }
  });

  it('makes choleskyInverse the inverse of L Lᵀ', () => {
    const q = 9;
    const L = factor(q, q, 3);
    const inv = choleskyInverse(L, q, q);
    // (L Lᵀ) inv = I
    for (let r = 0; r < q; r++)
      for (let c = 0; c < q; c++) {
        let s = 0;
        for (let k = 0; k < q; k++) {
          let a = 0; // (L Lᵀ)[r, k]
          for (let t = 0; t <= Math.min(r, k); t++) a += L[t * q + r] * L[t * q + k];
          s += a * inv[c * q + k];
        }
        expect(s).toBeCloseTo(r === c ? 1 : 0, 10);
      }
  });
});
