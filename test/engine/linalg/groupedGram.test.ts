import { afterEach, describe, expect, it } from 'vitest';
import { setCholeskyBackend } from '../../../src-engine/linalg/denseCholesky';
import { type GramStorage, GroupedGram } from '../../../src-engine/linalg/groupedGram';

/** Random sparse vectors (sorted rows) with keys drawn from a few values, reproducibly. */
function problem(m: number, nl: number, seed: number) {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const start = [0];
  const rows: number[] = [];
  const values: number[] = [];
  const keys: number[] = [];
  for (let l = 0; l < nl; l++) {
    const picked = new Set<number>([m - 1]); // like y: every level touches the last index
    const R = 1 + Math.floor(rand() * Math.min(8, m));
    while (picked.size < R) picked.add(Math.floor(rand() * m));
    for (const r of [...picked].sort((a, b) => a - b)) {
      rows.push(r);
      values.push(rand() < 0.1 ? 0 : Math.round(rand() * 6) - 2);
    }
    start.push(rows.length);
    keys.push(1 + Math.floor(rand() * 5));
  }
  const A = Float64Array.from({ length: m * m }, () => rand() * 10);
  return { start: Int32Array.from(start), rows: Int32Array.from(rows), values: Float64Array.from(values), keys: Float64Array.from(keys), A };
}

describe('GroupedGram', () => {
  for (const [m, nl] of [
    [1, 3],
    [7, 20],
    [40, 300], // few groups on a small triangle: the dense table
    [300, 50], // a large triangle, sparsely touched: group by group
  ]) {
    it(`forms s_i s_j (A − Σ c_l v_l v_lᵀ) on the lower triangle (m = ${m}, ${nl} vectors)`, () => {
      const { start, rows, values, keys, A } = problem(m, nl, m + nl);
      const gg = new GroupedGram(m, start, rows, values, keys);
      expect(gg.groupKey.length).toBeLessThanOrEqual(5);
      const weightOf = (key: number) => 1 / (1 + key * key);
      const c = gg.groupKey.map(weightOf);
      const sc = Float64Array.from({ length: m }, (_, i) => 0.5 + i / m);

      // reference: level by level, scattered
      const ref = new Float64Array(m * m);
      for (let j = 0; j < m; j++) for (let i = j; i < m; i++) ref[j * m + i] = A[j * m + i];
      for (let l = 0; l < keys.length; l++)
        for (let b = start[l]; b < start[l + 1]; b++)
          for (let a = b; a < start[l + 1]; a++) ref[rows[b] * m + rows[a]] -= weightOf(keys[l]) * values[a] * values[b];

      const ld = m + 2;
      const out = new Float64Array(ld * m).fill(-7);
      gg.form(A, c, out, sc, ld);
      const plain = A.slice();
      gg.form(plain, c, plain); // in place, no scaling
      for (let j = 0; j < m; j++)
        for (let i = 0; i < ld; i++) {
          if (i >= j && i < m) {
            expect(out[j * ld + i]).toBeCloseTo(ref[j * m + i] * sc[i] * sc[j], 12);
            expect(plain[j * m + i]).toBeCloseTo(ref[j * m + i], 12);
          } else {
            expect(out[j * ld + i]).toBe(-7);
            if (i < m) expect(plain[j * m + i]).toBe(A[j * m + i]);
          }
        }
    });
  }

  it('merges equal keys into one group and stores each position once per group', () => {
    // two vectors with the same key and the same pattern: one entry per position
    const gg = new GroupedGram(3, Int32Array.from([0, 2, 4]), Int32Array.from([0, 2, 0, 2]), Float64Array.from([1, 2, 3, 4]), Float64Array.from([5, 5]));
    expect(Array.from(gg.groupKey)).toEqual([5]);
    expect(gg.entries).toBe(3); // (0,0), (2,0), (2,2)
    const out = new Float64Array(9);
    gg.form(new Float64Array(9), Float64Array.from([1]), out);
    expect(Array.from(out)).toEqual([-(1 + 9), 0, -(2 + 12), 0, 0, 0, 0, 0, -(4 + 16)]);
  });

  it('skips the off-diagonal of a diagonal head and forms the rest exactly as without it', () => {
    // m = 6, head = 3: each vector touches at most one of rows 0..2, plus rows 3..5
    const start = Int32Array.from([0, 3, 6, 8, 11]);
    const rows = Int32Array.from([0, 3, 5, 1, 4, 5, 3, 5, 2, 3, 5]);
    const values = Float64Array.from([1, 2, -1, 3, 1, 2, 4, -2, 1.5, 1, 1]);
    const keys = Float64Array.from([2, 2, 3, 2]);
    const gg = new GroupedGram(6, start, rows, values, keys);
    const A = new Float64Array(36);
    for (let j = 0; j < 6; j++) for (let i = j; i < 6; i++) A[j * 6 + i] = i === j || i >= 3 ? 10 + i + j : 0;
    const c = gg.groupKey.map((k) => 1 / k);
    const sc = Float64Array.from([1, 2, 0.5, 1.5, 1, 3]);
    const full = new Float64Array(36);
    gg.form(A, c, full, sc);
    const skipped = new Float64Array(36).fill(-7);
    gg.form(A, c, skipped, sc, 6, 3);
    for (let j = 0; j < 6; j++)
      for (let i = j; i < 6; i++) {
        const inHeadOffDiagonal = i < 3 && i !== j;
        if (inHeadOffDiagonal) {
          expect(full[j * 6 + i]).toBe(0);
          expect(skipped[j * 6 + i]).toBe(-7);
        } else expect(skipped[j * 6 + i]).toBe(full[j * 6 + i]);
      }
  });

  describe('its entries built in the wasm kernel (gramSums) are the JS build’s, bit for bit', () => {
    afterEach(() => setCholeskyBackend('auto'));
    /** Every stored (position, group, weight), through the class's private arrays. */
    const entriesOf = (gg: GroupedGram) => gg as unknown as { ptr: Int32Array; group: ArrayLike<number>; weight: Float64Array };
    const same = (a: ArrayLike<number>, b: ArrayLike<number>, what: string) => {
      expect(a.length, what).toBe(b.length);
      let bad = -1;
      for (let i = 0; i < a.length && bad < 0; i++) if (!Object.is(a[i], b[i])) bad = i;
      expect(bad, `${what}: first difference at ${bad}`).toBe(-1);
    };
    // each with more products than the kernel's threshold (8,192)
    for (const [m, nl, keyed] of [
      [8, 5000, 5], // a tiny triangle, many levels
      [40, 3000, 5],
      [300, 2500, 5], // a large triangle, sparsely touched
      [60, 2000, 200], // many groups: long per-group lists, several groups per position
    ]) {
      it(`m = ${m}, ${nl} vectors (exact zeros among the products), with and without storage`, () => {
        const { start, rows, values, keys } = problem(m, nl, 3 * m + nl);
        const spread = keys.map((k, l) => (keyed > 5 ? 1 + (l % keyed) : k));
        setCholeskyBackend('js');
        const js = new GroupedGram(m, start, rows, values, spread);
        setCholeskyBackend('auto');
        const wasm = new GroupedGram(m, start, rows, values, spread);
        expect(entriesOf(wasm).group, 'built by the kernel (byte groups)').toBeInstanceOf(Uint8Array);
        expect(entriesOf(js).group).toBeInstanceOf(Int32Array);
        expect(wasm.entries).toBe(js.entries);
        same(entriesOf(wasm).ptr, entriesOf(js).ptr, 'ptr');
        same(entriesOf(wasm).group, entriesOf(js).group, 'group');
        same(entriesOf(wasm).weight, entriesOf(js).weight, 'weight');
        expect(Array.from(wasm.groupKey)).toEqual(Array.from(js.groupKey));
        // into a caller's storage, as the Cholesky workspace gives it
        let products = 0;
        for (let l = 0; l < nl; l++) products += ((start[l + 1] - start[l]) * (start[l + 1] - start[l] + 1)) / 2;
        const storage = (): GramStorage => ({ groups: new Uint8Array(products), weights: new Float64Array(products), counts: new Uint8Array((m * (m + 1)) / 2) });
        const sw = storage();
        const inStorage = new GroupedGram(m, start, rows, values, spread, sw);
        setCholeskyBackend('js');
        const sj = storage();
        new GroupedGram(m, start, rows, values, spread, sj);
        setCholeskyBackend('auto');
        same(entriesOf(inStorage).weight, entriesOf(js).weight, 'weight in storage');
        same(sw.counts, sj.counts, 'counts');
        same(sw.groups, sj.groups, 'groups in storage');
      });
    }
    it('leaves a small problem to the JS (the kernel’s first use would cost more)', () => {
      const { start, rows, values, keys } = problem(40, 300, 3 * 40 + 300);
      expect(entriesOf(new GroupedGram(40, start, rows, values, keys)).group).toBeInstanceOf(Int32Array);
    });
  });
});
