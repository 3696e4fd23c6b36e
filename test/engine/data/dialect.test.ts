// Separator, decimal mark and encoding detection, and the quoting rules papaparse handles for us.
import { describe, expect, it } from 'vitest';
import { importDelimited, tableFromCsvText } from '../../../src-engine/data/importDelimited';
import { type Column, type Table } from '../../../src-engine/data/table';

const utf8 = (s: string) => new TextEncoder().encode(s);
/** Windows-1252 bytes for text made of Latin-1 characters plus €. */
const cp1252 = (s: string) => Uint8Array.from(s, (ch) => (ch === '€' ? 0x80 : ch.charCodeAt(0)));

function col(t: Table, name: string): Column {
  const c = t.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
}
const numbers = (c: Column) => (c.type === 'numeric' ? Array.from(c.values) : `not numeric but ${c.type}`);
const levels = (c: Column) => (c.type === 'factor' ? c.levels : `not a factor but ${c.type}`);

describe('separator and decimal mark detection', () => {
  it('reads a European CSV (";" separator, "," decimal mark)', () => {
    const r = importDelimited(utf8('Parzelle;Ertrag;Standort\n1;2,5;Nord\n2;3,75;Süd\n3;-0,5;Nord\n'));
    expect(r.format).toMatchObject({ sep: ';', decimal: ',' });
    expect(numbers(col(r.table, 'Ertrag'))).toEqual([2.5, 3.75, -0.5]);
    expect(levels(col(r.table, 'Standort'))).toEqual(['Nord', 'Süd']);
  });

  it('keeps "." as the decimal mark of a ";"-separated file whose numbers use it', () => {
    const r = importDelimited('a;b\n1.5;x\n2.25;y\n');
    expect(r.format).toMatchObject({ sep: ';', decimal: '.' });
    expect(numbers(col(r.table, 'a'))).toEqual([1.5, 2.25]);
  });

  it('reads TSV, with "." or "," decimals', () => {
    const dot = importDelimited('site\tcover\tn\nA\t0.25\t3\nB\t1.5\t4\n');
    expect(dot.format).toMatchObject({ sep: '\t', decimal: '.' });
    expect(numbers(col(dot.table, 'cover'))).toEqual([0.25, 1.5]);
    const comma = importDelimited('site\tcover\nA\t0,25\nB\t1,5\n');
    expect(comma.format).toMatchObject({ sep: '\t', decimal: ',' });
    expect(numbers(col(comma.table, 'cover'))).toEqual([0.25, 1.5]);
  });

  it('reads "|"-separated files', () => {
    const r = importDelimited('a|b\n1|x\n2|y\n');
    expect(r.format.kind === 'delimited' && r.format.sep).toBe('|');
    expect(r.table.columns.map((c) => c.type)).toEqual(['numeric', 'factor']);
  });

  it('is not fooled by separators inside quoted values', () => {
    const r = importDelimited('name,note\n"Smith; J.","a;b;c"\n"Doe; K.","d;e"\n');
    expect(r.format).toMatchObject({ sep: ',' });
    expect(levels(col(r.table, 'note'))).toEqual(['a;b;c', 'd;e']);
  });

  it('lets the caller override separator and decimal mark', () => {
    const r = importDelimited('a;b\n1,5;2\n', { sep: ';', decimal: '.' });
    // With "." as the decimal mark, "1,5" is not a number, as in R's read.csv2(dec = ".").
    expect(col(r.table, 'a').type).toBe('factor');
    const one = importDelimited('x;y\n1;2\n', { sep: ',' });
    expect(one.table.columns.map((c) => c.name)).toEqual(['x;y']);
  });

  it('reads a one-column file', () => {
    const t = tableFromCsvText('count\n3\n\n5\n');
    expect(t.nrow).toBe(2); // blank lines are skipped, as R's read.csv does
    expect(numbers(col(t, 'count'))).toEqual([3, 5]);
  });
});

describe('quoting, line ends and encodings', () => {
  it('handles quoted fields with separators, doubled quotes and line breaks', () => {
    const t = tableFromCsvText('id,comment,n\n1,"wet, muddy",2\n2,"said ""hi""",3\n3,"two\nlines",4\n');
    expect(t.nrow).toBe(3);
    const c = col(t, 'comment');
    expect(c.type === 'factor' && c.levels).toEqual(['said "hi"', 'two\nlines', 'wet, muddy']);
    expect(numbers(col(t, 'n'))).toEqual([2, 3, 4]);
  });

  it('reads quoted numbers as numbers, as R does', () => {
    expect(numbers(col(tableFromCsvText('"a","b"\n"1","2"\n"3","4"\n'), 'a'))).toEqual([1, 3]);
  });

  it('handles CRLF and old-Mac CR line ends', () => {
    expect(tableFromCsvText('a,b\r\n1,2\r\n3,4\r\n').nrow).toBe(2);
    expect(numbers(col(tableFromCsvText('a,b\r1,2\r3,4\r'), 'b'))).toEqual([2, 4]);
  });

  it('strips a UTF-8 byte-order mark from the first column name', () => {
    const r = importDelimited(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('site,n\nA,1\n')]));
    expect(r.table.columns[0].name).toBe('site');
    expect(r.format).toMatchObject({ encoding: 'utf-8' });
    expect(tableFromCsvText('\ufeffsite,n\nA,1\n').columns[0].name).toBe('site');
  });

  it('reads UTF-8 with accented letters', () => {
    const r = importDelimited(utf8('Standort,n\nMüritz,1\nCôte-d’Or,2\n'));
    expect(r.format).toMatchObject({ encoding: 'utf-8' });
    expect(levels(col(r.table, 'Standort'))).toEqual(['Côte-d’Or', 'Müritz']);
  });

  it('falls back to Latin-1 (Windows-1252) when the bytes are not valid UTF-8', () => {
    const r = importDelimited(cp1252('Standort;Preis\nMüritz;3,5\nCôte;€\n'));
    expect(r.format).toMatchObject({ encoding: 'latin1', sep: ';', decimal: ',' });
    expect(r.table.columns.map((c) => c.name)).toEqual(['Standort', 'Preis']);
    expect(levels(col(r.table, 'Standort'))).toEqual(['Côte', 'Müritz']);
    expect(levels(col(r.table, 'Preis'))).toEqual(['€', '3,5']); // R (ICU): symbols before digits
  });

  it('reads UTF-16 with a byte-order mark (Excel "Unicode text")', () => {
    const text = 'site\tn\nÄ\t1\nB\t2\n';
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) le[2 + 2 * i] = text.charCodeAt(i);
    const r = importDelimited(le);
    expect(r.format).toMatchObject({ encoding: 'utf-16le', sep: '\t' });
    expect(levels(col(r.table, 'site'))).toEqual(['Ä', 'B']); // R (ICU): Ä with A
    const be = new Uint8Array(le.length);
    for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1], le[i]];
    expect(importDelimited(be).format).toMatchObject({ encoding: 'utf-16be' });
  });

  it('names columns V1, V2, … when the file has no header row', () => {
    const t = tableFromCsvText('1,a\n2,b\n', { header: false });
    expect(t.columns.map((c) => [c.name, c.type])).toEqual([
      ['V1', 'numeric'],
      ['V2', 'factor'],
    ]);
    expect(t.nrow).toBe(2);
  });

  it('trims blanks around column names', () => {
    expect(tableFromCsvText(' a , b\n1,2\n').columns.map((c) => c.name)).toEqual(['a', 'b']);
  });
});
