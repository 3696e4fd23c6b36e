// .xlsx import through exceljs: a workbook is written at test time, then read back through
// readDataFile (the same path as the CLI and the app).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Column, missingCount } from '../../../src-engine/data/table';
import { readDataFile } from '../../../src-engine/io/readDataFile';
import { rejection } from './thrown';

const dir = mkdtempSync(join(tmpdir(), 'quadrat-xlsx-'));
const book = join(dir, 'field.xlsx');

beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  const counts = wb.addWorksheet('Counts');
  counts.addRow(['site', 'plot', 'count', 'present', 'date', 'ratio', 'note']);
  counts.addRow(['A', 1, 3, true, new Date(Date.UTC(2024, 4, 3)), { formula: 'C2/2', result: 1.5 }, { richText: [{ text: 'wet ' }, { text: 'soil' }] }]);
  counts.addRow(['B', 2, { error: '#N/A' }, false, new Date(Date.UTC(2024, 4, 4, 10, 30)), { formula: 'C3/2', result: 2 }, null]);
  counts.addRow([]); // an empty row is skipped
  counts.addRow(['A', 10, 5, true, null, 'NA', { text: 'link', hyperlink: 'https://example.org' }]);
  counts.getCell('J1').value = '  '; // a blank header cell far right, with nothing below it, is ignored
  const sites = wb.addWorksheet('Sites');
  sites.addRow(['site', 'area']);
  sites.addRow(['A', 1.25]);
  sites.addRow(['B', 'big']);
  sites.addRow(['C', 3]);
  sites.addRow(['D', 4]);
  wb.addWorksheet('Empty');
  const unnamed = wb.addWorksheet('Unnamed');
  unnamed.addRow(['a', null, 'c']);
  unnamed.addRow([1, 2, 3]);
  await wb.xlsx.writeFile(book);
});

const values = (c: Column) => (c.type === 'factor' ? Array.from(c.codes, (k) => (k < 0 ? null : c.levels[k])) : c.type === 'text' ? c.values : Array.from(c.values));

const importError = (path: string, options = {}) => rejection(() => readDataFile(path, options));

describe('xlsx import', () => {
  it('reads the first sheet by default, with cell types mapped to column types', async () => {
    const r = await readDataFile(book);
    expect(r.fileFormat).toBe('xlsx');
    expect(r.format).toEqual({ kind: 'xlsx', sheet: 'Counts', sheets: ['Counts', 'Sites', 'Empty', 'Unnamed'] });
    expect(r.table.nrow).toBe(3);
    const byName = Object.fromEntries(r.table.columns.map((c) => [c.name, c]));
    expect(r.table.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      'site:factor',
      'plot:numeric',
      'count:numeric',
      'present:logical',
      'date:factor',
      'ratio:numeric',
      'note:factor',
    ]);
    expect(values(byName.site)).toEqual(['A', 'B', 'A']);
    expect(values(byName.plot)).toEqual([1, 2, 10]);
    expect(values(byName.count)).toEqual([3, NaN, 5]); // an error cell (#N/A) is missing
    expect(values(byName.present)).toEqual([1, 0, 1]);
    expect(values(byName.date)).toEqual(['2024-05-03', '2024-05-04 10:30:00', null]);
    expect(values(byName.ratio)).toEqual([1.5, 2, NaN]); // formula results; "NA" text is missing
    expect(values(byName.note)).toEqual(['wet soil', null, 'link']);
    expect(r.table.columns.map(missingCount)).toEqual([0, 0, 1, 0, 1, 1, 1]);
  });

  it('reads a chosen sheet, and its notes count spreadsheet rows', async () => {
    const r = await readDataFile(book, { sheet: 'Sites' });
    expect(r.format).toMatchObject({ sheet: 'Sites' });
    expect(r.table.columns[1].type).toBe('factor');
    expect(r.notes[0].message).toMatch(/^Column "area" looks numeric but 1 cell is not a number: row 3 "big"\. It was read as a factor/);
  });

  it('applies type overrides (numeric levels in numeric order)', async () => {
    const r = await readDataFile(book, { columnTypes: { plot: 'factor' } });
    expect(r.table.columns[1]).toMatchObject({ type: 'factor', levels: ['1', '2', '10'] });
  });

  it('explains a sheet name that does not exist', async () => {
    const e = await importError(book, { sheet: 'sites' });
    expect(e.message).toBe('The workbook has no sheet named "sites". Its sheets are: "Counts", "Sites", "Empty", "Unnamed".');
    expect(e.where).toEqual({ file: book });
  });

  it('explains an empty sheet and a column without a name', async () => {
    expect((await importError(book, { sheet: 'Empty' })).message).toBe('Sheet "Empty" is empty.');
    const e = await importError(book, { sheet: 'Unnamed' });
    expect(e.message).toMatch(/^Column 2 has no name in the header row \(row 1\)/);
    expect(e.where).toMatchObject({ line: 1, column: 2 });
  });

  it('explains a truncated workbook', async () => {
    const cut = join(dir, 'cut.xlsx');
    const bytes = readFileSync(book);
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect((await importError(cut)).message).toMatch(/^This Excel workbook could not be opened; it may be damaged or incomplete/);
  });

  it('explains a workbook without worksheets', async () => {
    const none = join(dir, 'none.xlsx');
    await new ExcelJS.Workbook().xlsx.writeFile(none);
    expect((await importError(none)).message).toBe('This Excel workbook has no worksheets.');
  });

  it('reads an .xlsx that was renamed .csv by its content', async () => {
    const renamed = join(dir, 'renamed.csv');
    writeFileSync(renamed, readFileSync(book));
    expect((await readDataFile(renamed)).fileFormat).toBe('xlsx');
  });
});
