// Type inference as R's type.convert, the missing-value codes, and per-column type overrides.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tableFromCsvText, importDelimited } from '../../../src-engine/data/importDelimited';
import { parseLogical } from '../../../src-engine/data/logical';
import { parseNumber } from '../../../src-engine/data/parseNumber';
import { type Column, missingCount } from '../../../src-engine/data/table';
import { thrown } from './thrown';

interface RefConversion {
  text: string;
  numeric: boolean;
  value?: string;
}
const ref = JSON.parse(readFileSync(new URL('./reference/readcsv.json', import.meta.url), 'utf8')) as {
  typeConvert: { dot: RefConversion[]; comma: RefConversion[] };
};

function rValue(v: string): number {
  return v === 'NaN' ? NaN : v === 'Inf' ? Infinity : v === '-Inf' ? -Infinity : Number(v);
}

const typesOf = (csv: string) => tableFromCsvText(csv).columns.map((c) => c.type);
const values = (c: Column) => (c.type === 'factor' ? Array.from(c.codes) : c.type === 'text' ? c.values : Array.from(c.values));

describe('numbers as R reads them (type.convert)', () => {
  for (const [decimal, cases] of [['.', ref.typeConvert.dot] as const, [',', ref.typeConvert.comma] as const]) {
    it(`agrees with R on ${cases.length} strings, decimal mark "${decimal}"`, () => {
      for (const c of cases) {
        const x = parseNumber(c.text, decimal);
        expect(x !== undefined, `"${c.text}"`).toBe(c.numeric);
        if (c.numeric) expect(x, `"${c.text}"`).toBe(rValue(c.value!));
      }
    });
  }
});

describe('type inference', () => {
  it('numbers → numeric, TRUE/FALSE → logical, anything else → factor', () => {
    expect(typesOf('n,b,f\n1,TRUE,a\n2.5,F,b\n-3e2,T,c\n')).toEqual(['numeric', 'logical', 'factor']);
  });

  it('accepts TRUE/FALSE/T/F/true/false as logical values, but not True or yes (R makes those factors too)', () => {
    for (const s of ['TRUE', 'T', 'true']) expect(parseLogical(s)).toBe(1);
    for (const s of ['FALSE', 'F', 'false']) expect(parseLogical(s)).toBe(0);
    for (const s of ['True', 'yes', '1', ' TRUE', 'tRUE']) expect(parseLogical(s)).toBeUndefined();
    const t = tableFromCsvText('b\ntrue\nfalse\nNA\n');
    expect(t.columns[0].type).toBe('logical');
    expect(values(t.columns[0])).toEqual([1, 0, -1]);
    expect(typesOf('b\nTrue\nFalse\n')).toEqual(['factor']);
  });

  it('reads a column of 0/1 as numeric and a mix of numbers and TRUE as a factor, as R does', () => {
    expect(typesOf('a,b\n0,1\n1,TRUE\n')).toEqual(['numeric', 'factor']);
  });

  it('treats empty cells and NA, na, ., - as missing by default', () => {
    const t = tableFromCsvText('x,g\n1,a\n,b\nNA,c\nna,NA\n.,.\n-,-\n  ,d\n7,\n');
    const [x, g] = t.columns;
    expect(x.type).toBe('numeric');
    expect(values(x)).toEqual([1, NaN, NaN, NaN, NaN, NaN, NaN, 7]);
    expect(g.type === 'factor' && g.levels).toEqual(['a', 'b', 'c', 'd']);
    expect(missingCount(g)).toBe(4);
  });

  it('uses the missing-value codes it is given instead of the defaults', () => {
    const t = tableFromCsvText('x,y\n1,-99\n.,2\n', { naStrings: ['-99'] });
    expect(t.columns[0].type).toBe('factor'); // "." is no longer missing
    expect(values(t.columns[1])).toEqual([NaN, 2]);
  });

  it('notes a mostly numeric column with stray values, naming the first few', () => {
    const r = importDelimited('x\n1\n2\nabc\n4\n?\n6\nn/a\nx\n9\n');
    expect(r.table.columns[0].type).toBe('factor');
    expect(r.notes[0].message).toMatch(/^Column "x" looks numeric but 4 cells are not numbers: line 4 "abc", line 6 "\?", line 8 "n\/a", …\./);
  });

  it('notes a mostly TRUE/FALSE column with stray values', () => {
    const r = importDelimited('ok\nTRUE\nFALSE\nmaybe\n');
    expect(r.notes[0]).toMatchObject({ kind: 'mixed', message: expect.stringMatching(/looks logical \(TRUE\/FALSE\) but 1 cell is not TRUE or FALSE: line 4 "maybe"/) });
  });

  it('does not note an ordinary factor column', () => {
    expect(importDelimited('site\nA\nB\n1\n').notes).toEqual([]);
  });

  it('notes a column with no values and reads it as logical NA, as read.csv does', () => {
    const r = importDelimited('a,b\n1,\n2,NA\n');
    expect(r.table.columns[1].type).toBe('logical');
    expect(r.notes).toEqual([{ columnName: 'b', kind: 'allMissing', message: expect.stringMatching(/^Column "b" has no values/) }]);
  });
});

describe('type overrides', () => {
  const csv = 'plot,site,count,flag\n10,A,3,TRUE\n9,B,4,FALSE\n100,A,,NA\n';

  it('reads a numeric column as a factor with numerically sorted levels', () => {
    const t = tableFromCsvText(csv, { columnTypes: { plot: 'factor' } });
    const plot = t.columns[0];
    expect(plot.type === 'factor' && plot.levels).toEqual(['9', '10', '100']);
    expect(values(plot)).toEqual([1, 0, 2]);
  });

  it('reads any column as text, keeping missing values', () => {
    const t = tableFromCsvText(csv, { columnTypes: { count: 'text', site: 'text' } });
    expect(values(t.columns[2])).toEqual(['3', '4', null]);
    expect(values(t.columns[1])).toEqual(['A', 'B', 'A']);
  });

  it('refuses to read TRUE/FALSE as numbers, naming the cells', () => {
    const e = thrown(() => tableFromCsvText(csv, { columnTypes: { flag: 'numeric' } }));
    expect(e.message).toMatch(/^Column "flag" cannot be read as numbers: 2 cells are not numbers: line 2 "TRUE", line 3 "FALSE"\.$/);
    expect(e.where).toMatchObject({ line: 2, columnName: 'flag' });
  });

  it('suggests the other decimal mark when that would make the cell a number', () => {
    const e = thrown(() => tableFromCsvText('a,b\n1,"2,5"\n', { columnTypes: { b: 'numeric' } }));
    expect(e.message).toMatch(/cannot be read as numbers: 1 cell is not a number: line 2 "2,5"\. If the file writes decimals with ",", set the decimal mark to ","\./);
  });

  it('reads a factor-looking column as logical only if every value is TRUE/FALSE', () => {
    expect(values(tableFromCsvText('a\nT\nF\n', { columnTypes: { a: 'logical' } }).columns[0])).toEqual([1, 0]);
    expect(thrown(() => tableFromCsvText(csv, { columnTypes: { site: 'logical' } })).message).toMatch(/^Column "site" cannot be read as TRUE\/FALSE values/);
  });

  it('refuses an override for a column that does not exist, listing the columns', () => {
    const e = thrown(() => tableFromCsvText(csv, { columnTypes: { Plot: 'factor' } }));
    expect(e.message).toBe('There is no column named "Plot". The columns are: plot, site, count, flag.');
    expect(e.where).toMatchObject({ columnName: 'Plot' });
  });
});
