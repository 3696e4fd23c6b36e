/** Row filters against R's subset() (test/reference/compute.R). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { filterRows } from '../../../../src-engine/data/compute/rowFilter';
import { computeTable } from './computeTable';

const fx = JSON.parse(readFileSync('test/reference/fixtures/values/compute.json', 'utf8')) as { filters: { expression: string; rows: number[] }[] };
const table = computeTable();

describe('filterRows as subset()', () => {
  it.each(fx.filters.map((f) => [f.expression, f.rows] as const))('%s', (expression, rows) => {
    expect(Array.from(filterRows(table, expression).rows, (r) => r + 1)).toEqual(rows);
  });

  it('counts the rows left out because the condition is NA', () => {
    expect(filterRows(table, 'mass > 1').notes).toEqual(["2 rows left out because the condition is NA there (a missing value), as R's subset() does"]);
    expect(filterRows(table, '!is.na(mass)').notes).toEqual([]);
  });

  it('refuses what is not a condition, or keeps no row, with a clear message', () => {
    expect(() => filterRows(table, 'year + 1')).toThrow(/must be TRUE or FALSE for each row, but year \+ 1 is a number/);
    expect(() => filterRows(table, 'year > 3000')).toThrow('No row meets the filter year > 3000, so there is nothing to fit.');
    expect(() => filterRows(table, 'site > "B"')).toThrow(/does not order categories/);
    expect(() => filterRows(table, 'year >= 2010 && site !=')).toThrow("expected something after '!='");
    expect(() => filterRows(table, 'year = 2010')).toThrow(/'=' outside a function call \(use == to compare\)/);
  });
});
