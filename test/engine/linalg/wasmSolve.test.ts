/**
 * B ← L⁻¹B through the inverse kernel's trsm4 (linalg/wasmSolve.ts): the same numbers, bit for bit, as
 * solving each column by forward substitution in JS (the loop it replaces in nlme/lowRankBlocks.ts), for
 * orders around the kernel's pairs of rows, strided columns inside a larger array, and the columns it
 * leaves to the caller (count mod 4, small orders).
 */
import { describe, expect, it } from 'vitest';
import { forwardSolveColumnsWasm, WASM_SOLVE_MIN_ORDER } from '../../../src-engine/linalg/wasmSolve';

function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Forward substitution, column by column, in the order lowRankBlocks.ts's JS solve uses. */
function solveJs(F: Float64Array, ld: number, v: Float64Array, at: number, len: number): void {
  for (let c = 0; c < len; c++) {
    const x = (v[at + c] /= F[c * ld + c]);
    for (let r = c + 1; r < len; r++) v[at + r] -= F[c * ld + r] * x;
  }
}

describe('forwardSolveColumnsWasm', () => {
  it.each([
    [WASM_SOLVE_MIN_ORDER, 4],
    [WASM_SOLVE_MIN_ORDER + 1, 9],
    [101, 57],
    [224, 8],
  ])('order %i, %i columns: equal to the JS solve to the bit', (n, count) => {
    const rnd = rng(n * 31 + count);
    const ld = n + 2;
    const F = new Float64Array(ld * ld).map((_, k) => (k % ld === Math.floor(k / ld) ? 1 + rnd() : rnd() - 0.5));
    const stride = n + 5;
    const at = 3;
    const v = new Float64Array(at + stride * count).map(() => rnd() * 10 - 5);
    const want = v.slice();
    for (let k = 0; k < count; k++) solveJs(F, ld, want, at + k * stride, n);
    const done = forwardSolveColumnsWasm(F, ld, n, v, at, stride, count);
    expect(done).toBe(count - (count % 4));
    for (let k = done; k < count; k++) solveJs(F, ld, v, at + k * stride, n);
    expect(Array.from(v)).toEqual(Array.from(want));
  });

  it('leaves small orders and fewer than four columns to the caller', () => {
    const F = new Float64Array(16 * 16).fill(1);
    expect(forwardSolveColumnsWasm(F, 16, 16, new Float64Array(64), 0, 16, 4)).toBe(0);
    const G = new Float64Array(64 * 64).fill(1);
    expect(forwardSolveColumnsWasm(G, 64, 64, new Float64Array(3 * 64), 0, 64, 3)).toBe(0);
  });
});
