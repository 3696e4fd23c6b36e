import { describe, expect, it } from 'vitest';
import { subtractRowGram, subtractRowGramJs } from '../../../src-engine/linalg/rowGram';

describe('subtractRowGram', () => {
  // small n: the JS; 1,000 and 1,003 columns with 5 rows: above the kernel's threshold (8,192 products)
  for (const n of [1, 3, 4, 7, 81, 1000, 1003]) {
    it(`subtracts the Gram matrix of the rows from the trailing lower triangle only (n = ${n})`, () => {
      const rows = 5;
      const m = 9;
      const off = 3; // rows 0..4 of R touch M's indices 3..7; index 8 and the leading block stay as they are
      const R = Float64Array.from({ length: rows * n }, (_, k) => Math.sin(k + 1));
      const M = Float64Array.from({ length: m * m }, (_, k) => k / 10);
      const before = M.slice();
      subtractRowGram(R, rows, n, M, m, off);
      for (let j = 0; j < m; j++)
        for (let i = 0; i < m; i++) {
          const a = j - off;
          const b = i - off;
          if (a >= 0 && a < rows && b >= a && b < rows) {
            let s = 0;
            for (let k = 0; k < n; k++) s += R[a * n + k] * R[b * n + k];
            expect(M[j * m + i]).toBeCloseTo(before[j * m + i] - s, 10);
          } else expect(M[j * m + i]).toBe(before[j * m + i]);
        }
    });
  }

  it('gives the JS’s bits through the wasm kernel (every n mod 4, a block inside a larger M)', () => {
    let seed = 5;
    const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
    for (const [rows, n] of [
      [17, 324],
      [17, 325],
      [6, 1001],
      [40, 83],
      [3, 4099],
    ]) {
      expect((rows * (rows + 1) * n) / 2).toBeGreaterThanOrEqual(8192);
      const m = rows + 11;
      const off = 7;
      const R = Float64Array.from({ length: rows * n }, rand);
      const M0 = Float64Array.from({ length: m * m }, rand);
      const viaKernel = M0.slice();
      subtractRowGram(R, rows, n, viaKernel, m, off);
      const js = M0.slice();
      subtractRowGramJs(R, rows, n, js, m, off);
      let bad = -1;
      for (let k = 0; k < m * m && bad < 0; k++) if (!Object.is(viaKernel[k], js[k])) bad = k;
      expect(bad, `rows ${rows}, n ${n}: first difference at ${bad}`).toBe(-1);
    }
  });
});
