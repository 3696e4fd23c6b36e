// Every dataset in test/data is imported as R's read.csv(stringsAsFactors = TRUE) reads it (the
// oracle: reference/readcsv.json, made by reference/readcsv.R): row count, column names and types,
// missing counts, factor levels in C-locale order, and — as `--factor` would make them — the levels
// R's factor() gives each numeric column.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Column, missingCount } from '../../../src-engine/data/table';
import { readDataFile } from '../../../src-engine/io/readDataFile';

interface LevelSummary {
  n: number;
  first: string[];
  last: string[];
}
interface RefColumn {
  name: string;
  type: 'numeric' | 'factor' | 'logical';
  missing: number;
  levels?: LevelSummary;
  asFactorLevels?: LevelSummary;
  sum?: number;
  first?: (number | string)[];
}
interface RefFile {
  file: string;
  nrow: number;
  columns: RefColumn[];
}

const dataDir = fileURLToPath(new URL('../../data/', import.meta.url));
const ref = JSON.parse(readFileSync(new URL('./reference/readcsv.json', import.meta.url), 'utf8')) as { files: RefFile[] };

function summary(levels: readonly string[]): LevelSummary {
  return { n: levels.length, first: levels.slice(0, 5), last: levels.slice(-3) };
}

/** jsonlite writes NA as the string "NA" and R's NaN/Inf as strings. */
function refNumber(v: number | string): number {
  return typeof v === 'number' ? v : v === 'NA' ? NaN : Number(v.replace('Inf', 'Infinity'));
}

function expectNumericLike(col: Column, r: RefColumn): void {
  if (col.type !== 'numeric') throw new Error(`${r.name} is ${col.type}`);
  let sum = 0;
  for (const x of col.values) if (!Number.isNaN(x)) sum += x;
  expect(Math.abs(sum - r.sum!)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(r.sum!)));
  expect(Array.from(col.values.slice(0, r.first!.length))).toEqual(r.first!.map(refNumber));
}

describe('import of every dataset in test/data, against R read.csv', () => {
  it('the R reference covers every CSV file in test/data', () => {
    const csvs = readdirSync(dataDir).filter((f) => f.endsWith('.csv')).sort();
    expect(ref.files.map((f) => f.file).sort()).toEqual(csvs);
  });

  for (const r of ref.files) {
    it(`${r.file}: ${r.nrow} rows, ${r.columns.length} columns`, async () => {
      const { table, format } = await readDataFile(dataDir + r.file);
      expect(format).toEqual({ kind: 'delimited', sep: ',', decimal: '.', encoding: 'utf-8' });
      expect(table.nrow).toBe(r.nrow);
      expect(table.columns.map((c) => c.name)).toEqual(r.columns.map((c) => c.name));
      table.columns.forEach((col, j) => {
        const rc = r.columns[j];
        expect({ name: col.name, type: col.type, missing: missingCount(col) }).toEqual({ name: rc.name, type: rc.type, missing: rc.missing });
        if (rc.type === 'factor' && col.type === 'factor') expect(summary(col.levels)).toEqual(rc.levels);
        if (rc.type === 'numeric') expectNumericLike(col, rc);
      });
    });

    const numeric = r.columns.filter((c) => c.type === 'numeric');
    if (numeric.length === 0) continue;
    it(`${r.file}: numeric columns read as factors get R's factor() levels, in numeric order`, async () => {
      const columnTypes = Object.fromEntries(numeric.map((c) => [c.name, 'factor' as const]));
      const { table } = await readDataFile(dataDir + r.file, { columnTypes });
      for (const rc of numeric) {
        const col = table.columns.find((c) => c.name === rc.name)!;
        if (col.type !== 'factor') throw new Error(`${rc.name} is ${col.type}`);
        expect(summary(col.levels), rc.name).toEqual(rc.asFactorLevels);
        expect(missingCount(col)).toBe(rc.missing);
      }
    });
  }

  it('sleepstudy with Subject as a factor: 180 rows, 3 columns, 18 subjects in numeric order', async () => {
    const { table, notes } = await readDataFile(dataDir + 'sleepstudy.csv', { columnTypes: { Subject: 'factor' } });
    expect(table.nrow).toBe(180);
    expect(table.columns.map((c) => [c.name, c.type])).toEqual([
      ['Reaction', 'numeric'],
      ['Days', 'numeric'],
      ['Subject', 'factor'],
    ]);
    const subject = table.columns[2];
    if (subject.type !== 'factor') throw new Error('not a factor');
    expect(subject.levels).toEqual(['308', '309', '310', '330', '331', '332', '333', '334', '335', '337', '349', '350', '351', '352', '369', '370', '371', '372']);
    expect(Array.from(subject.codes.slice(0, 11))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(table.columns.map(missingCount)).toEqual([0, 0, 0]);
    expect(notes).toEqual([]);
  });
});
