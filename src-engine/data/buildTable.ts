/** RawGrid → typed Table: check the header, then infer or apply each column's type. */
import { QuadratError } from '../errors/quadratError';
import { applyType } from './applyType';
import { checkHeader } from './checkHeader';
import { DEFAULT_NA_STRINGS, type ColumnNote, type DecimalMark, type ImportOptions } from './importOptions';
import { type CellContext, inferColumn } from './inferTypes';
import { type RawGrid } from './rawGrid';
import { type Column, type Table } from './table';

export function buildTable(grid: RawGrid, decimal: DecimalMark, options: ImportOptions): { table: Table; notes: ColumnNote[] } {
  const file = options.fileName;
  checkHeader(grid, decimal, file);
  const nrow = grid.rowNumbers.length;
  if (nrow === 0) {
    throw new QuadratError('data', 'The file has a header row but no data rows below it.', { file, line: grid.headerLine || undefined });
  }
  const overrides = options.columnTypes ?? {};
  for (const name of Object.keys(overrides)) {
    if (!grid.header.includes(name)) {
      throw new QuadratError('data', `There is no column named "${name}". The columns are: ${grid.header.join(', ')}.`, { file, columnName: name });
    }
  }
  const ctx: CellContext = {
    naStrings: new Set(options.naStrings ?? DEFAULT_NA_STRINGS),
    decimal,
    rowNumbers: grid.rowNumbers,
    unit: grid.unit,
    levelOrder: options.levelOrder ?? 'locale',
  };
  const notes: ColumnNote[] = [];
  const columns: Column[] = grid.header.map((name, j) => {
    const type = overrides[name];
    if (type) return applyType(name, grid.cells[j], type, ctx, file);
    const { column, note } = inferColumn(name, grid.cells[j], ctx);
    if (note) notes.push(note);
    return column;
  });
  return { table: { nrow, columns }, notes };
}
