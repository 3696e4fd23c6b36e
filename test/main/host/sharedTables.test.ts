/** Jobs for worker threads carry their table on shared memory, copied once per column (issue 16). */
import { describe, expect, it } from 'vitest';
import { sharedTable, withSharedData } from '../../../src-main/host/sharedTables';
import { smallTable } from '../helpers/tables';

/** The first index where two arrays differ (or their lengths do), −1 when they are equal. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

describe('shared tables', () => {
  it('copies each typed array once into shared memory, same values, and reuses it for later jobs', async () => {
    const t = smallTable();
    const s = await sharedTable(t);
    expect(s).toEqual(t);
    for (const c of s.columns) if (c.type !== 'text') expect((c.type === 'factor' ? c.codes : c.values).buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(await sharedTable(t)).toBe(s);
    const job = await withSharedData({ kind: 'fit-lmm', table: t, request: { formula: 'y ~ 1', reml: true } });
    expect(job.kind === 'fit-lmm' && job.table).toBe(s);
    const summary = await withSharedData({ kind: 'column-summary', column: t.columns[0] });
    expect(summary.kind === 'column-summary' && summary.column).toBe(s.columns[0]);
    // The caller's own table is left as it was.
    expect(t.columns[0].type === 'numeric' && t.columns[0].values.buffer).toBeInstanceOf(ArrayBuffer);
  });

  it('copies a large column in slices, letting other work run between them, and shares one copy between two jobs at once', async () => {
    const n = 1_000_003; // not a multiple of the slice
    const values = Float64Array.from({ length: n }, (_, i) => i * 0.5);
    const codes = Int32Array.from({ length: n }, (_, i) => i % 7);
    const t = { nrow: n, columns: [{ name: 'y', type: 'numeric' as const, values }, { name: 'g', type: 'factor' as const, codes, levels: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }] };
    let turns = 0;
    let copying = true;
    const ticker = (async () => {
      while (copying) {
        turns++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const [a, b] = await Promise.all([sharedTable(t), sharedTable(t)]);
    copying = false;
    await ticker;
    expect(turns).toBeGreaterThan(3); // the event loop turned while the columns were copied
    expect(a.columns[0]).toBe(b.columns[0]);
    const y = a.columns[0];
    expect(y.type === 'numeric' && y.values.buffer).toBeInstanceOf(SharedArrayBuffer);
    // element by element without the deep-equality machinery (a million elements take it tens of seconds on a loaded machine)
    expect(y.type === 'numeric' && firstDifference(y.values, values)).toBe(-1);
    const g = a.columns[1];
    expect(g.type === 'factor' && firstDifference(g.codes, codes)).toBe(-1);
  });
});
