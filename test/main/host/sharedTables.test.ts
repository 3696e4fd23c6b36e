/** Jobs for worker threads carry their table on shared memory, copied once per column (issue 16). */
import { describe, expect, it } from 'vitest';
import { sharedTable, withSharedData } from '../../../src-main/host/sharedTables';
import { smallTable } from '../helpers/tables';

describe('shared tables', () => {
  it('copies each typed array once into shared memory, same values, and reuses it for later jobs', () => {
    const t = smallTable();
    const s = sharedTable(t);
    expect(s).toEqual(t);
    for (const c of s.columns) if (c.type !== 'text') expect((c.type === 'factor' ? c.codes : c.values).buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(sharedTable(t)).toBe(s);
    const job = withSharedData({ kind: 'fit-lmm', table: t, request: { formula: 'y ~ 1', reml: true } });
    expect(job.kind === 'fit-lmm' && job.table).toBe(s);
    const summary = withSharedData({ kind: 'column-summary', column: t.columns[0] });
    expect(summary.kind === 'column-summary' && summary.column).toBe(s.columns[0]);
    // The caller's own table is left as it was.
    expect(t.columns[0].type === 'numeric' && t.columns[0].values.buffer).toBeInstanceOf(ArrayBuffer);
  });
});
