import { describe, expect, it } from 'vitest';
import { CholeskyWorkspace } from '../../../src-engine/linalg/choleskyWorkspace';
import { GroupedGram } from '../../../src-engine/linalg/groupedGram';
import { WasmGramForm } from '../../../src-engine/linalg/wasmGramForm';

/** Sparse vectors (sorted rows, every one touching the last index like y) with keys from `nkeys` values. */
function problem(m: number, nl: number, nkeys: number, seed: number) {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const start = [0];
  const rows: number[] = [];
  const values: number[] = [];
  const keys: number[] = [];
  for (let l = 0; l < nl; l++) {
    const picked = new Set<number>([m - 1]);
    const R = 1 + Math.floor(rand() * Math.min(12, m));
    while (picked.size < R) picked.add(Math.floor(rand() * m));
    for (const r of [...picked].sort((a, b) => a - b)) {
      rows.push(r);
      values.push(rand() * 4 - 1);
    }
    start.push(rows.length);
    keys.push(1 + Math.floor(rand() * nkeys));
  }
  const A = Float64Array.from({ length: m * m }, () => rand() * 10);
  const args = [m, Int32Array.from(start), Int32Array.from(rows), Float64Array.from(values), Float64Array.from(keys)] as const;
  let products = 0;
  for (let l = 0; l < nl; l++) products += ((start[l + 1] - start[l]) * (start[l + 1] - start[l] + 1)) / 2;
  return { gram: new GroupedGram(...args), args, products, groups: new Set(keys).size, A };
}

describe('WasmGramForm', () => {
  for (const [m, nl, nkeys] of [
    [24, 40, 3],
    [90, 2000, 40], // many levels, many groups: positions with dozens of entries
  ]) {
    it(`forms the rest in the kernel's memory to the bit of GroupedGram.form (m = ${m}, ${nl} vectors)`, () => {
      const { gram, args, products, groups, A } = problem(m, nl, nkeys, m * 7 + nl);
      const ws = new CholeskyWorkspace(m, WasmGramForm.bytesFor(m, products, groups));
      const storage = WasmGramForm.storage(ws, m, products, groups);
      if (!ws.usesWasm) return expect(storage).toBeUndefined(); // no WebAssembly SIMD here
      expect(storage).toBeDefined();
      // built in the kernel's memory: the same entries as in its own arrays
      const inKernel = new GroupedGram(...args, storage);
      expect(inKernel.entries).toBe(gram.entries);
      const kernel = WasmGramForm.attach(ws, inKernel, storage!, A);
      const c = gram.groupKey.map((k) => 0.3 / (0.3 * k + 1));
      const s = Float64Array.from({ length: m }, (_, i) => (i < m - 3 ? 0.7 : 1));
      const ref = new Float64Array(m * m);
      gram.form(A, c, ref, s);
      ws.A.fill(NaN);
      kernel.form(c, s);
      for (let j = 0; j < m; j++) for (let i = j; i < m; i++) expect(Object.is(ws.A[j * m + i], ref[j * m + i]), `(${i}, ${j})`).toBe(true);
      // the kernel's input survives a factorization in the same memory
      ws.factor();
      kernel.form(c.map((v) => v / 2), s);
      gram.form(A, c.map((v) => v / 2), ref, s);
      for (let j = 0; j < m; j++) for (let i = j; i < m; i++) expect(Object.is(ws.A[j * m + i], ref[j * m + i]), `after factor: (${i}, ${j})`).toBe(true);
    });
  }

  it('declines a workspace without the room reserved, and more than 255 groups', () => {
    const { products, groups } = problem(30, 50, 3, 1);
    expect(WasmGramForm.storage(new CholeskyWorkspace(30), 30, products, groups)).toBeUndefined();
    expect(WasmGramForm.storage(new CholeskyWorkspace(30, WasmGramForm.bytesFor(30, products, 256)), 30, products, 256)).toBeUndefined();
  });
});
