import { describe, expect, it } from 'vitest';
import { subtractRowGram } from '../../../src-engine/linalg/rowGram';

describe('subtractRowGram', () => {
  for (const n of [1, 3, 4, 7, 81]) {
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
            expect(M[j * m + i]).toBeCloseTo(before[j * m + i] - s, 12);
          } else expect(M[j * m + i]).toBe(before[j * m + i]);
        }
    });
  }
});
