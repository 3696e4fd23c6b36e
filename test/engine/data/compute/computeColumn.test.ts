/** Computed columns against R (test/reference/compute.R), and what happens when their data change. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeColumn } from '../../../../src-engine/data/compute/computeColumn';
import { columnLabels, type Column } from '../../../../src-engine/data/table';
import { computeTable } from './computeTable';

interface Fx {
  columns: { expression: string; type: 'numeric' | 'factor' | 'logical'; levels?: string[]; values: (number | string | boolean | null)[] }[];
}
const fx = JSON.parse(readFileSync('test/reference/fixtures/values/compute.json', 'utf8')) as Fx;
const table = computeTable();

function cells(c: Column): (number | string | boolean | null)[] {
  if (c.type === 'numeric') return Array.from(c.values, (v) => (Number.isNaN(v) ? null : v));
  if (c.type === 'logical') return Array.from(c.values, (v) => (v < 0 ? null : v === 1));
  return columnLabels(c);
}

describe('computeColumn as R', () => {
  it.each(fx.columns.map((c) => [c.expression, c] as const))('%s', (_e, c) => {
    const { column } = computeColumn('new', c.expression, table, { mode: 'strict' });
    expect(column.type).toBe(c.type);
    expect(column.definition).toBe(c.expression);
    if (column.type === 'factor') expect(column.levels).toEqual(c.levels);
    const got = cells(column);
    expect(got.length).toBe(c.values.length);
    got.forEach((v, i) => {
      if (typeof v === 'number' && typeof c.values[i] === 'number') expect(v).toBeCloseTo(c.values[i] as number, 12);
      else expect(v).toEqual(c.values[i]);
    });
  });
});

describe('computeColumn notes and errors', () => {
  it('says how many rows are NA and why', () => {
    const { warnings } = computeColumn('lm', 'log(mass)', table, { mode: 'strict' });
    // mass has one 0 and one negative value (its two NAs stay NA without a note)
    expect(warnings).toEqual(['"lm": log(mass) is NA for 2 rows (log of a value ≤ 0).']);
    expect(computeColumn('r', '1 / (year - 2010)', table, { mode: 'strict' }).warnings).toEqual(['"r": 1/(year - 2010) is NA for 6 rows (division by zero).']);
  });

  it('points at the character of a bad expression', () => {
    const at = (text: string) => {
      try {
        computeColumn('x', text, table, { mode: 'strict' });
      } catch (e) {
        return [(e as { kind: string }).kind, (e as { where: { column: number } }).where.column, (e as Error).message];
      }
      throw new Error('no error');
    };
    expect(at('log(mass')).toEqual(['formula', 4, "this '(' of log( is never closed"]);
    expect(at('mass +')).toEqual(['formula', 6, "expected something after '+'"]);
    expect(at('mas * 2')).toEqual(['formula', 1, 'There is no column "mas" in the data. Did you mean "mass"?']);
    expect(at('site * 2')[1]).toBe(1);
    expect(at('site * 2')[2]).toMatch(/factor \(categories\); arithmetic/);
    expect(at('mean(mass)')[2]).toMatch(/^unknown function mean\(\)/);
    expect(at('mass ~ year')).toEqual(['formula', 6, "'~' belongs in a model formula; an expression computes values from columns"]);
    expect(at('system("rm")')[2]).toMatch(/^unknown function system\(\)/);
    expect(at('x + 1')[2]).toBe('"x" cannot be computed from itself');
    expect(at('recode(site, "B3")')[1]).toBe(14);
  });

  it('recomputes a stored definition whose column has gone as NA, with the reason', () => {
    const without = { nrow: table.nrow, columns: table.columns.filter((c) => c.name !== 'mass') };
    const { column, warnings } = computeColumn('lm', 'log(mass)', without, { mode: 'recompute' });
    expect(column.type).toBe('numeric');
    expect(cells(column).every((v) => v === null)).toBe(true);
    expect(warnings).toEqual([`"lm": there is no column "mass" any more, so all 36 rows are NA.`]);
    // a type change that makes the definition wrong is NA too, never an error
    const retyped = { nrow: table.nrow, columns: table.columns.map((c) => (c.name === 'temp' ? { name: 'temp', type: 'text' as const, values: columnLabels(c) } : c)) };
    expect(computeColumn('t2', 'temp * 2', retyped, { mode: 'recompute' }).warnings[0]).toMatch(/^"t2": cannot be computed now \(temp is a factor/);
  });

  it('keeps the level order the user set while the levels stay the same', () => {
    const first = computeColumn('g', 'interaction(site, treat)', table, { mode: 'strict' }).column;
    if (first.type !== 'factor') throw new Error('factor expected');
    const reordered = { ...first, levels: [...first.levels].reverse(), codes: first.codes.map((c) => (c < 0 ? -1 : first.levels.length - 1 - c)) };
    const again = computeColumn('g', 'interaction(site, treat)', table, { mode: 'recompute', previous: reordered }).column;
    expect(again.type === 'factor' && again.levels).toEqual(reordered.levels);
    expect(columnLabels(again)).toEqual(columnLabels(first));
  });
});
