/**
 * Change a column's type after import, as R's as.factor / as.numeric(as.character(f)) / as.logical /
 * as.character would, except that a value that cannot be converted is an error naming the row
 * (R would turn it into NA with a warning that is easy to miss). Pure: returns a new Table.
 */
import { QuadratError } from '../errors/quadratError';
import { applyType } from './applyType';
import { formatRNumber as formatNumber } from './rNumber';
import { type CellContext } from './inferTypes';
import { type LevelOrder } from './levels';
import { type Column, type ColumnType, getColumn, replaceColumn, type Table } from './table';

export function convertColumn(table: Table, name: string, to: ColumnType, levelOrder: LevelOrder = 'locale'): Table {
  const col = getColumn(table, name);
  if (!col) {
    throw new QuadratError('input', `There is no column named "${name}". The columns are: ${table.columns.map((c) => c.name).join(', ')}.`, {
      columnName: name,
    });
  }
  if (col.type === to) return table;
  if (col.type === 'numeric' && to === 'logical') {
    // R: as.logical(0) is FALSE, any other number TRUE.
    return replaceColumn(table, { name, type: 'logical', values: Int8Array.from(col.values, (x) => (Number.isNaN(x) ? -1 : x !== 0 ? 1 : 0)) });
  }
  if (col.type === 'logical' && to === 'numeric') {
    return replaceColumn(table, { name, type: 'numeric', values: Float64Array.from(col.values, (b) => (b < 0 ? NaN : b)) });
  }
  const labels = labelsOf(col);
  const ctx: CellContext = { naStrings: new Set(), decimal: '.', rowNumbers: labels.map((_, i) => i + 1), unit: 'row', levelOrder };
  // Logical → factor gives levels FALSE, TRUE, as R's factor() on a logical vector.
  return replaceColumn(table, applyType(name, labels, to, ctx));
}

/** Each cell as text, '' for missing (always read as missing). */
function labelsOf(col: Column): string[] {
  switch (col.type) {
    case 'numeric':
      return Array.from(col.values, (x) => (Number.isNaN(x) ? '' : formatNumber(x)));
    case 'factor':
      return Array.from(col.codes, (c) => (c < 0 ? '' : col.levels[c]));
    case 'logical':
      return Array.from(col.values, (b) => (b < 0 ? '' : b ? 'TRUE' : 'FALSE'));
    case 'text':
      return col.values.map((v) => v ?? '');
  }
}
