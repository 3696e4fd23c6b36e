// Level order (R's C-locale sort; numeric-looking levels numerically), relevel/reorderLevels, and
// type conversion after import — against R where R has an answer (reference/readcsv.json).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertColumn } from '../../../src-engine/data/convertColumn';
import { formatRNumber as formatNumber } from '../../../src-engine/data/rNumber';
import { tableFromCsvText } from '../../../src-engine/data/importDelimited';
import { compareCodePoints, makeFactor, sortLevels } from '../../../src-engine/data/levels';
import { relevel, reorderLevels } from '../../../src-engine/data/relevel';
import { type Column, getColumn, type Table } from '../../../src-engine/data/table';
import { thrown } from './thrown';

const ref = JSON.parse(readFileSync(new URL('./reference/readcsv.json', import.meta.url), 'utf8')) as {
  asCharacter: { value: string; text: string }[];
  sortC: { input: string[]; sorted: string[] };
  sortLocale: { input: string[]; sorted: string[] };
};

const col = (t: Table, name: string): Column => getColumn(t, name)!;
/** Each row's label (null if missing) — what must survive any reordering. */
const labels = (c: Column) => (c.type === 'factor' ? Array.from(c.codes, (k) => (k < 0 ? null : c.levels[k])) : null);

describe('level order', () => {
  it('sorts text levels as R does in a UTF-8 locale (ICU): control before Warm', () => {
    expect(sortLevels(ref.sortLocale.input)).toEqual(ref.sortLocale.sorted);
    expect(sortLevels(['Warm', 'control', 'SiteB', 'Sitea'])).toEqual(['control', 'Sitea', 'SiteB', 'Warm']);
  });

  it('sorts them as R in the C locale when asked (the C-order option)', () => {
    expect(sortLevels(ref.sortC.input, '.', 'C')).toEqual(ref.sortC.sorted);
    expect(sortLevels(['Warm', 'control'], '.', 'C')).toEqual(['Warm', 'control']);
    expect(makeFactor('g', ['Warm', 'control'], '.', undefined, 'C').levels).toEqual(['Warm', 'control']);
  });

  it('compares by code point, also beyond the 16-bit range', () => {
    expect(compareCodePoints('a', 'b')).toBeLessThan(0);
    expect(compareCodePoints('ab', 'a')).toBeGreaterThan(0);
    // U+1F600 sorts after U+FF5E although its first UTF-16 unit (0xD83D) is smaller.
    expect(compareCodePoints('\u{1F600}', '\uFF5E')).toBeGreaterThan(0);
  });

  it('sorts numeric-looking levels numerically, as factor() on a number does', () => {
    expect(sortLevels(['10', '9', '308', '1e2', '-1', '2.5'])).toEqual(['-1', '2.5', '9', '10', '1e2', '308']);
    expect(sortLevels(['1,5', '10', '2'], ',')).toEqual(['1,5', '2', '10']);
    // One non-number makes it text order.
    expect(sortLevels(['10', '9', 'x'])).toEqual(['10', '9', 'x']);
  });

  it('builds factors with missing values as code -1', () => {
    const f = makeFactor('g', ['b', null, 'a', 'b']);
    expect(f.levels).toEqual(['a', 'b']);
    expect(Array.from(f.codes)).toEqual([1, -1, 0, 1]);
  });
});

describe('relevel and reorderLevels', () => {
  const t = tableFromCsvText('trt,y\nlow,1\nhigh,2\ncontrol,3\n,4\nhigh,5\n');

  it('makes the chosen level the reference (first) level, keeping the rest in order', () => {
    const r = relevel(t, 'trt', 'control');
    const trt = col(r, 'trt');
    expect(trt.type === 'factor' && trt.levels).toEqual(['control', 'high', 'low']);
    const r2 = relevel(t, 'trt', 'low');
    expect(col(r2, 'trt')).toMatchObject({ type: 'factor', levels: ['low', 'control', 'high'] });
    expect(labels(col(r2, 'trt'))).toEqual(labels(col(t, 'trt')));
    expect(col(t, 'trt')).toMatchObject({ levels: ['control', 'high', 'low'] }); // the input is untouched
  });

  it('puts levels in any order, remapping the codes', () => {
    const r = reorderLevels(t, 'trt', ['low', 'high', 'control']);
    const trt = col(r, 'trt');
    expect(trt.type === 'factor' && Array.from(trt.codes)).toEqual([0, 1, 2, -1, 1]);
    expect(labels(trt)).toEqual(['low', 'high', 'control', null, 'high']);
    expect(r.columns[1]).toBe(t.columns[1]);
  });

  it('explains bad requests', () => {
    expect(thrown(() => relevel(t, 'trt', 'none')).message).toBe('Column "trt" has no level "none". Its levels are: "control", "high", "low".');
    expect(thrown(() => relevel(t, 'y', '1')).message).toMatch(/^Column "y" is numeric, not a factor/);
    expect(thrown(() => relevel(t, 'z', 'a')).message).toMatch(/^There is no column named "z"/);
    expect(thrown(() => reorderLevels(t, 'trt', ['low', 'high'])).message).toMatch(/must list each of its 3 levels exactly once; missing: "control"\./);
    expect(thrown(() => reorderLevels(t, 'trt', ['low', 'high', 'control', 'low'])).message).toMatch(/a level is listed twice/);
  });
});

describe('formatNumber (R as.character of a double)', () => {
  it('matches R for every reference value', () => {
    for (const { value, text } of ref.asCharacter) expect(formatNumber(Number(value)), value).toBe(text);
    expect([NaN, Infinity, -Infinity, 0].map(formatNumber)).toEqual(['NaN', 'Inf', '-Inf', '0']);
  });
});

describe('a numeric column read as a factor at import', () => {
  it("gets R's factor() of the numbers: one level for 2.50 and 2.5, labels as as.character", () => {
    const t = tableFromCsvText('dose,plot\n2.50,007\n2.5,7\n10.0,12\n,3\n', { columnTypes: { dose: 'factor', plot: 'factor' } });
    const dose = col(t, 'dose');
    expect(dose).toMatchObject({ type: 'factor', levels: ['2.5', '10'] });
    expect(labels(dose)).toEqual(['2.5', '2.5', '10', null]);
    expect(col(t, 'plot')).toMatchObject({ levels: ['3', '7', '12'] });
  });
});

describe('convertColumn', () => {
  const t = tableFromCsvText('id,x,ok,site,note\n308,0.5,TRUE,10,a\n309,1e5,FALSE,9,b\n310,,NA,x,\n308,2,TRUE,10,a\n', {
    columnTypes: { note: 'text' },
  });

  it('numeric → factor: R labels, numeric order, missing kept', () => {
    const id = col(convertColumn(t, 'id', 'factor'), 'id');
    expect(id).toMatchObject({ type: 'factor', levels: ['308', '309', '310'] });
    const x = col(convertColumn(t, 'x', 'factor'), 'x');
    expect(x).toMatchObject({ levels: ['0.5', '2', '1e+05'] });
    expect(labels(x)).toEqual(['0.5', '1e+05', null, '2']);
  });

  it('factor → numeric works for numeric labels and names the first bad row otherwise', () => {
    const back = col(convertColumn(convertColumn(t, 'id', 'factor'), 'id', 'numeric'), 'id');
    expect(back.type === 'numeric' && Array.from(back.values)).toEqual([308, 309, 310, 308]);
    const e = thrown(() => convertColumn(t, 'site', 'numeric'));
    expect(e.message).toMatch(/^Column "site" cannot be read as numbers: 1 cell is not a number: row 3 "x"\.$/);
    expect(e.where).toMatchObject({ line: 3, columnName: 'site' });
  });

  it('logical ↔ numeric and numeric → logical as R (0 is FALSE, any other number TRUE)', () => {
    const ok = col(convertColumn(t, 'ok', 'numeric'), 'ok');
    expect(ok.type === 'numeric' && Array.from(ok.values)).toEqual([1, 0, NaN, 1]);
    const x = col(convertColumn(t, 'x', 'logical'), 'x');
    expect(x.type === 'logical' && Array.from(x.values)).toEqual([1, 1, -1, 1]);
    expect(col(convertColumn(t, 'ok', 'factor'), 'ok')).toMatchObject({ levels: ['FALSE', 'TRUE'] });
  });

  it('anything → text and text → factor', () => {
    expect(col(convertColumn(t, 'x', 'text'), 'x')).toMatchObject({ values: ['0.5', '1e+05', null, '2'] });
    expect(col(convertColumn(t, 'site', 'text'), 'site')).toMatchObject({ values: ['10', '9', 'x', '10'] });
    const note = col(convertColumn(t, 'note', 'factor'), 'note');
    expect(labels(note)).toEqual(['a', 'b', null, 'a']);
  });

  it('returns the same table when the type does not change, and explains unknown columns', () => {
    expect(convertColumn(t, 'x', 'numeric')).toBe(t);
    expect(thrown(() => convertColumn(t, 'nope', 'factor')).message).toMatch(/^There is no column named "nope"/);
  });
});
