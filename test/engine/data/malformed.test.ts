// Every hand-made broken file in test/data/malformed gives its own clear QuadratError (or, for
// suspicious-but-readable data, a note), pointing at the file and, where it can, the line/column.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { QuadratError } from '../../../src-engine/errors/quadratError';
import { readDataFile, type DataFileOptions } from '../../../src-engine/io/readDataFile';

const dir = fileURLToPath(new URL('../../data/malformed/', import.meta.url));
const path = (name: string) => dir + name;

interface Case {
  file: string;
  options?: DataFileOptions;
  message: RegExp;
  line?: number;
  column?: number;
  columnName?: string;
}

const errorCases: Case[] = [
  { file: 'empty.csv', message: /^The file is empty \(0 bytes\)\.$/ },
  { file: 'blank_lines.csv', message: /^The file is empty: it has no rows and no column names\.$/ },
  { file: 'header_only.csv', message: /header row but no data rows/, line: 1 },
  { file: 'no_header.csv', message: /first row looks like data, not column names: every entry in it is a number \(1, 2, 3\)/, line: 1 },
  { file: 'ragged_short.csv', message: /^Line 4 has 2 values, but the header row has 3 column names\. Check for a missing separator/, line: 4 },
  { file: 'ragged_long.csv', message: /^Line 3 has 4 values, but the header row has 3 column names\. Check for an extra separator/, line: 3 },
  // CRLF line ends and a quoted value spanning two lines before the bad row: the line count stays right.
  { file: 'ragged_after_multiline.csv', message: /^Line 5 has 3 values, but the header row has 2 column names/, line: 5 },
  { file: 'duplicate_names.csv', message: /Two columns are named "x" \(columns 1 and 3\)/, line: 1, column: 3, columnName: 'x' },
  { file: 'empty_name.csv', message: /^Column 2 has no name in the header row \(line 1\)/, line: 1, column: 2 },
  // write.csv() with row names leaves the first header cell empty.
  { file: 'rownames_header.csv', message: /^Column 1 has no name in the header row/, line: 1, column: 1 },
  { file: 'unterminated_quote.csv', message: /quoted value that starts on line 3 is never closed/, line: 3 },
  { file: 'stray_quote.csv', message: /^Line 3 has a quote \("\) in the wrong place/, line: 3 },
  { file: 'binary_junk.csv', message: /not a text table: it contains binary data \(a zero byte at position 1\)/ },
  { file: 'data.sav', message: /Files ending in "\.sav" are not supported\. Quadrat reads \.csv/ },
  { file: 'compressed.csv.gz', message: /compressed \(gzip\)\. Decompress it first/ },
  { file: 'old_excel.xls', message: /old-style Excel \(\.xls\) file/ },
  { file: 'not_really.xlsx', message: /named \.xlsx but is not an Excel workbook/ },
  { file: 'corrupt.xlsx', message: /This Excel workbook could not be opened; it may be damaged/ },
  {
    file: 'european_as_comma.csv',
    options: { sep: ',' },
    message: /^Line 2 has 2 values, but the header row has 1 column name\. The header row contains no "," at all/,
    line: 2,
  },
  {
    file: 'not_numeric.csv',
    options: { columnTypes: { biomass: 'numeric' } },
    message: /^Column "biomass" cannot be read as numbers: 1 cell is not a number: line 4 "lost"\.$/,
    line: 4,
    columnName: 'biomass',
  },
  {
    file: 'not_logical.csv',
    options: { columnTypes: { count: 'logical' } },
    message: /^Column "count" cannot be read as TRUE\/FALSE values: 2 cells are not TRUE or FALSE: line 2 "3", line 3 "x"\.$/,
    line: 2,
    columnName: 'count',
  },
  {
    file: 'mixed_types.csv',
    options: { columnTypes: { biomas: 'factor' } },
    message: /^There is no column named "biomas"\. The columns are: plot, biomass\.$/,
    columnName: 'biomas',
  },
];

async function importError(c: Case): Promise<QuadratError> {
  try {
    await readDataFile(path(c.file), c.options);
  } catch (e) {
    expect(e).toBeInstanceOf(QuadratError);
    return e as QuadratError;
  }
  throw new Error(`${c.file} was imported without an error`);
}

describe('malformed data files', () => {
  it('has at least 15 malformed files, each used by a test below', () => {
    const files = readdirSync(dir);
    expect(files.length).toBeGreaterThanOrEqual(15);
    const used = new Set([...errorCases.map((c) => c.file), 'all_missing.csv', 'mixed_types.csv']);
    expect(files.filter((f) => !used.has(f))).toEqual([]);
  });

  for (const c of errorCases) {
    it(`${c.file}${c.options ? ' ' + JSON.stringify(c.options) : ''}`, async () => {
      const e = await importError(c);
      expect(e.kind).toBe('data');
      expect(e.message).toMatch(c.message);
      expect(e.where?.file).toBe(path(c.file));
      expect(e.where?.line).toBe(c.line);
      expect(e.where?.column).toBe(c.column);
      expect(e.where?.columnName).toBe(c.columnName);
    });
  }

  it('all_missing.csv: an empty column is read (as logical, all NA) with a note', async () => {
    const r = await readDataFile(path('all_missing.csv'));
    expect(r.table.nrow).toBe(4);
    const depth = r.table.columns[1];
    expect(depth).toMatchObject({ name: 'depth', type: 'logical' });
    expect(Array.from((depth as { values: Int8Array }).values)).toEqual([-1, -1, -1, -1]);
    expect(r.notes).toEqual([
      expect.objectContaining({ columnName: 'depth', kind: 'allMissing', message: expect.stringMatching(/^Column "depth" has no values/) }),
    ]);
  });

  it('mixed_types.csv: a mostly numeric column with stray text becomes a factor, with a note naming the cells', async () => {
    const r = await readDataFile(path('mixed_types.csv'));
    const biomass = r.table.columns[1];
    expect(biomass.type).toBe('factor');
    expect(r.notes).toHaveLength(1);
    expect(r.notes[0]).toMatchObject({ columnName: 'biomass', kind: 'mixed' });
    expect(r.notes[0].message).toMatch(/^Column "biomass" looks numeric but 3 cells are not numbers: line 4 "abc", line 6 "n\/a", line 8 "\?"\./);
    // Declaring those codes missing makes it numeric, as na.strings would in R.
    const fixed = await readDataFile(path('mixed_types.csv'), { naStrings: ['NA', 'abc', 'n/a', '?'] });
    expect(fixed.table.columns[1].type).toBe('numeric');
    expect(fixed.notes).toEqual([]);
  });
});
