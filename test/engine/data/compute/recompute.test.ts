/** Computed columns follow their sources: recomputed after a change, in order, renamed with them. */
import { describe, expect, it } from 'vitest';
import { computeColumn } from '../../../../src-engine/data/compute/computeColumn';
import { recomputeDependents, renameInDefinition } from '../../../../src-engine/data/compute/recompute';
import { parseDataExpr } from '../../../../src-engine/data/compute/exprSyntax';
import { parseFormula } from '../../../../src-engine/formula';
import { type Column, type Table } from '../../../../src-engine/data/table';

const num = (name: string, values: number[]): Column => ({ name, type: 'numeric', values: Float64Array.from(values) });
function withComputed(t: Table, name: string, definition: string): Table {
  return { nrow: t.nrow, columns: [...t.columns, computeColumn(name, definition, t, { mode: 'strict' }).column] };
}
const values = (t: Table, name: string) => Array.from((t.columns.find((c) => c.name === name) as { values: Float64Array }).values);

describe('recomputeDependents', () => {
  const base: Table = { nrow: 3, columns: [num('a', [1, 2, 4]), num('b', [10, 20, 30])] };
  const t = withComputed(withComputed(base, 'la', 'log2(a)'), 'twice', 'la * 2');

  it('recomputes the columns that read a changed one, through other computed columns', () => {
    const edited: Table = { nrow: 3, columns: [num('a', [8, 2, 4]), ...t.columns.slice(1)] };
    const r = recomputeDependents(t, edited);
    expect(values(r.table, 'la')).toEqual([3, 1, 2]);
    expect(values(r.table, 'twice')).toEqual([6, 2, 4]);
    expect(r.warnings).toEqual([]);
  });

  it('leaves a computed column alone when its sources did not change', () => {
    const edited: Table = { nrow: 3, columns: [t.columns[0], num('b', [0, 0, 0]), ...t.columns.slice(2)] };
    const r = recomputeDependents(t, edited);
    expect(r.table.columns[2]).toBe(t.columns[2]);
    expect(r.table.columns[3]).toBe(t.columns[3]);
  });

  it('makes a column NA, saying why, when its source is deleted; the definition stays', () => {
    const edited: Table = { nrow: 3, columns: t.columns.filter((c) => c.name !== 'a') };
    const r = recomputeDependents(t, edited);
    expect(values(r.table, 'la').every(Number.isNaN)).toBe(true);
    expect(r.table.columns.find((c) => c.name === 'la')?.definition).toBe('log2(a)');
    expect(r.warnings[0]).toBe('"la": there is no column "a" any more, so all 3 rows are NA.');
    // and back when the column is restored (an undo)
    expect(values(recomputeDependents(edited, t).table, 'la')).toEqual([0, 1, 2]);
  });
});

describe('renameInDefinition', () => {
  it('renames the column where it is used, not labels or functions', () => {
    expect(renameInDefinition('log(mass) + mass / 2', 'mass', 'body mass')).toBe('log(`body mass`) + `body mass` / 2');
    expect(renameInDefinition('recode(site, "site" = "S")', 'site', 'plot')).toBe('recode(plot, "site" = "S")');
    expect(renameInDefinition('log(x)', 'log', 'y')).toBe('log(x)');
  });
});

describe('the expression syntax', () => {
  it('lists the columns read, and accepts R logic, %in% and typed × ÷ −', () => {
    expect(parseDataExpr('!is.na(mass) & site %in% c("A", "B") | year >= 2010').columns).toEqual(['mass', 'site', 'year']);
    expect(parseDataExpr('a × 2 ÷ b − 1').columns).toEqual(['a', 'b']);
    expect(parseDataExpr('recode(site, "A" = NA)').columns).toEqual(['site']);
  });
  it('leaves formulas as they were: & and ! are still refused there', () => {
    expect(() => parseFormula('y ~ a & b')).toThrow(/'&' is not supported in formulas/);
    expect(() => parseFormula('y ~ !a')).toThrow(/'!' is not supported in formulas/);
  });
});

describe('recompute notes', () => {
  it('are repeated only when the number of NA rows changes', () => {
    const base: Table = { nrow: 3, columns: [num('a', [0, 2, 4])] };
    const t = withComputed(base, 'la', 'log(a)');
    const same = recomputeDependents(t, { nrow: 3, columns: [num('a', [0, 2, 8]), t.columns[1]] });
    expect(same.warnings).toEqual([]);
    const more = recomputeDependents(t, { nrow: 3, columns: [num('a', [0, -2, 8]), t.columns[1]] });
    expect(more.warnings).toEqual(['"la": log(a) is NA for 2 rows (log of a value ≤ 0).']);
  });
});
