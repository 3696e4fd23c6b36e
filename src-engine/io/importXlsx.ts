/** An .xlsx worksheet → Table, with the same type inference as a CSV file. */
import { buildTable } from '../data/buildTable';
import { type ImportOptions, type ImportResult } from '../data/importOptions';
import { readXlsxGrid } from './readXlsx';

export async function importXlsx(bytes: Uint8Array, options: ImportOptions & { sheet?: string } = {}): Promise<ImportResult> {
  const { grid, sheet, sheets } = await readXlsxGrid(bytes, options);
  // Numbers come out of the workbook with a '.' decimal mark whatever the file's locale.
  const { table, notes } = buildTable(grid, '.', options);
  return { table, notes, format: { kind: 'xlsx', sheet, sheets } };
}
