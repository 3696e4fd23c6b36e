/**
 * The first (or a chosen) worksheet of an .xlsx workbook as a RawGrid, through exceljs. The first
 * non-empty row is the header; empty rows are skipped; short rows are padded with empty cells.
 */
import type ExcelJS from 'exceljs';
import { QuadratError } from '../errors/quadratError';
import { type RawGrid } from '../data/rawGrid';
import { xlsxCellText } from './xlsxCellText';

export interface SheetGrid {
  grid: RawGrid;
  sheet: string;
  sheets: string[];
}

export async function readXlsxGrid(bytes: Uint8Array, options: { sheet?: string; header?: boolean; fileName?: string }): Promise<SheetGrid> {
  const file = options.fileName;
  // loaded on first use: exceljs and its ~500 modules cost every CLI command 0.2 s at start-up otherwise
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch (e) {
    const detail = e instanceof Error ? ` (${e.message})` : '';
    throw new QuadratError(
      'data',
      `This Excel workbook could not be opened; it may be damaged or incomplete${detail}. Open it in Excel or LibreOffice and save it again, or save the sheet as CSV.`,
      { file },
    );
  }
  const sheets = workbook.worksheets.map((w) => w.name);
  if (sheets.length === 0) throw new QuadratError('data', 'This Excel workbook has no worksheets.', { file });
  const worksheet = options.sheet === undefined ? workbook.worksheets[0] : workbook.worksheets.find((w) => w.name === options.sheet);
  if (!worksheet) {
    throw new QuadratError('data', `The workbook has no sheet named "${options.sheet}". Its sheets are: ${sheets.map((s) => `"${s}"`).join(', ')}.`, {
      file,
    });
  }
  const rows: { number: number; cells: string[] }[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = xlsxCellText(cell.value);
    });
    while (cells.length > 0 && (cells[cells.length - 1] ?? '').trim() === '') cells.pop();
    if (cells.length > 0) rows.push({ number: rowNumber, cells });
  });
  if (rows.length === 0) throw new QuadratError('data', `Sheet "${worksheet.name}" is empty.`, { file });
  return { grid: toGrid(rows, options.header ?? true), sheet: worksheet.name, sheets };
}

function toGrid(rows: { number: number; cells: string[] }[], header: boolean): RawGrid {
  const width = rows.reduce((w, r) => Math.max(w, r.cells.length), 0);
  const body = header ? rows.slice(1) : rows;
  const headerCells = header ? pad(rows[0].cells, width).map((c) => c.trim()) : Array.from({ length: width }, (_, j) => `V${j + 1}`);
  const cells: string[][] = headerCells.map((_, j) => body.map((r) => r.cells[j] ?? ''));
  return { header: headerCells, cells, rowNumbers: body.map((r) => r.number), headerLine: header ? rows[0].number : 0, unit: 'row' };
}

function pad(cells: string[], width: number): string[] {
  return Array.from({ length: width }, (_, j) => cells[j] ?? '');
}
