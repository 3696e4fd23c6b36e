/** Descriptives by group against R's tapply with na.rm = TRUE (test/reference/descriptives.R). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeBy } from '../../../src-engine/data/describeBy';
import { importDelimited } from '../../../src-engine/data/importDelimited';

const DIR = 'test/reference/fixtures/descriptives';
type Row = { column: string; group: string | null; n: number; missing: number; mean: number | null; sd: number | null; min: number | null; median: number | null; max: number | null };

describe.each(readdirSync(DIR))('descriptives %s', (file) => {
  const fx = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as { data: string; factors: string[]; columns: string[]; by: string | null; rows: Row[] };
  it("equal R's", () => {
    const columnTypes = Object.fromEntries(fx.factors.map((f) => [f, 'factor' as const]));
    const { table } = importDelimited(new Uint8Array(readFileSync(join('test/data', fx.data))), { fileName: fx.data, columnTypes });
    const rows = describeBy(table, fx.columns, fx.by ?? null);
    expect(rows.map((r) => [r.column, r.group, r.n, r.missing])).toEqual(fx.rows.map((r) => [r.column, r.group ?? null, r.n, r.missing]));
    rows.forEach((r, k) => {
      for (const key of ['mean', 'sd', 'min', 'median', 'max'] as const) {
        const want = fx.rows[k][key] ?? null;
        if (want === null) expect(r[key], `${r.column} ${r.group} ${key}`).toBeNull();
        else expect(Math.abs(r[key]! - want), `${r.column} ${r.group} ${key}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));
      }
    });
  });
});

describe('descriptives: what cannot be described', () => {
  const { table } = importDelimited(new TextEncoder().encode('y,g,x\n1,a,2\n2,b,3\n'), { fileName: 'x.csv' });
  it('refuses a text column to describe and a numeric grouping, naming the column', () => {
    expect(() => describeBy(table, ['g'], null)).toThrow(/"g" is not numeric/);
    expect(() => describeBy(table, ['y'], 'x')).toThrow(/"x" is numeric/);
    expect(() => describeBy(table, ['nosuch'], null)).toThrow(/no column named "nosuch"/);
  });
});
