/**
 * The rows a user types (or a CSV of new data) as a table shaped like the fitted one: each column takes
 * the fitted column's type, and a factor keeps the fitted levels in their order (new levels are
 * appended, so a group the model has not seen is still a group). Cells are text or numbers; empty is
 * missing, as in R.
 */
import { type Column, type Table } from '../../data/table';
import { QuadratError } from '../../errors/quadratError';
import { parseNumber } from '../../data/parseNumber';
import { parseLogical } from '../../data/logical';
import { formatRNumber } from '../../data/rNumber';

export type Cell = string | number | boolean | null;
export type NewRow = Readonly<Record<string, Cell>>;

const isEmpty = (v: Cell | undefined) => v === null || v === undefined || (typeof v === 'string' && (v.trim() === '' || v.trim() === 'NA'));

function asText(v: Cell): string {
  return typeof v === 'number' ? formatRNumber(v) : String(v).trim();
}

function numberCell(v: Cell, column: string, row: number): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const x = parseNumber(String(v).trim());
  if (x === undefined) throw new QuadratError('input', `"${v}" in column ${column} (new row ${row + 1}) is not a number; ${column} is numeric in the fitted data.`, { columnName: column });
  return x;
}

function logicalCell(v: Cell, column: string, row: number): 0 | 1 {
  if (typeof v === 'boolean') return v ? 1 : 0;
  const x = typeof v === 'number' ? (v === 0 ? 0 : v === 1 ? 1 : undefined) : parseLogical(String(v).trim());
  if (x === undefined) throw new QuadratError('input', `"${v}" in column ${column} (new row ${row + 1}) is not TRUE or FALSE; ${column} is logical in the fitted data.`, { columnName: column });
  return x;
}

/** The new rows as columns of the fitted table's types; only the columns `needed` are built. */
export function newDataTable(fitted: Table, rows: readonly NewRow[], needed: readonly string[]): Table {
  const n = rows.length;
  const columns: Column[] = needed.map((name): Column => {
    const col = fitted.columns.find((c) => c.name === name);
    if (!col) throw new QuadratError('input', `The fitted data have no column "${name}".`, { columnName: name });
    const cell = (i: number): Cell | undefined => rows[i][name];
    switch (col.type) {
      case 'numeric':
        return { name, type: 'numeric', values: Float64Array.from({ length: n }, (_, i) => (isEmpty(cell(i)) ? NaN : numberCell(cell(i)!, name, i))) };
      case 'logical':
        return { name, type: 'logical', values: Int8Array.from({ length: n }, (_, i) => (isEmpty(cell(i)) ? -1 : logicalCell(cell(i)!, name, i))) };
      case 'text':
        return { name, type: 'text', values: Array.from({ length: n }, (_, i) => (isEmpty(cell(i)) ? null : asText(cell(i)!))) };
      case 'factor': {
        const levels = [...col.levels];
        const index = new Map(levels.map((l, k) => [l, k]));
        const codes = Int32Array.from({ length: n }, (_, i) => {
          if (isEmpty(cell(i))) return -1;
          const label = asText(cell(i)!);
          let k = index.get(label);
          if (k === undefined) {
            k = levels.length;
            levels.push(label);
            index.set(label, k);
          }
          return k;
        });
        return { name, type: 'factor', codes, levels };
      }
    }
  });
  return { nrow: n, columns };
}

/** A table read from a file (the CLI's --newdata) as cells, so it can be reshaped like the typed rows. */
export function rowsOfTable(table: Table): NewRow[] {
  return Array.from({ length: table.nrow }, (_, i) => {
    const row: Record<string, Cell> = {};
    for (const c of table.columns) {
      switch (c.type) {
        case 'numeric':
          row[c.name] = Number.isNaN(c.values[i]) ? null : c.values[i];
          break;
        case 'logical':
          row[c.name] = c.values[i] < 0 ? null : c.values[i] === 1;
          break;
        case 'factor':
          row[c.name] = c.codes[i] < 0 ? null : c.levels[c.codes[i]];
          break;
        case 'text':
          row[c.name] = c.values[i];
          break;
      }
    }
    return row;
  });
}
