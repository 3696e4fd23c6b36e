/**
 * Dataset edits as data: each op applied to a Table gives the new Table and the op that undoes it.
 * The undo log in the project file stores both, so undo/redo survive closing the project.
 */
import { convertColumn } from '../../src-engine/data/convertColumn';
import { computeColumn } from '../../src-engine/data/compute/computeColumn';
import { recomputeDependents, renameInDefinition } from '../../src-engine/data/compute/recompute';
import { type LevelOrder } from '../../src-engine/data/levels';
import { reorderLevels } from '../../src-engine/data/relevel';
import { type Column, type ColumnType, type Table } from '../../src-engine/data/table';
import { QuadratError } from '../../src-engine/errors/quadratError';
import { type Cell } from '../api/shapes';
import { coerceCell } from './cellCoercion';
import { cellAt, columnLength, emptyColumn, insertRowsAt, rowNumberColumn, takeRows } from './columnBuild';
import { type SerializedColumn, deserializeColumn, serializeColumn } from './serializedColumn';

export const MAX_ROWS = 5_000_000;

export type EditOp =
  /** `levels`/`nrow` are set only by undo: restore factor level lists and truncate grown rows. */
  | { op: 'setCells'; cells: { row: number; column: string; value: Cell }[]; levels?: Record<string, string[]>; nrow?: number }
  | { op: 'insertRows'; at: number; count: number }
  | { op: 'deleteRows'; rows: number[] }
  | { op: 'restoreRows'; rows: number[]; columns: SerializedColumn[] }
  /** fill 'rowNumber': 1…n (an observation ID); otherwise every cell missing. */
  | { op: 'addColumn'; name: string; type: ColumnType; at: number; fill?: 'rowNumber' }
  | { op: 'deleteColumn'; name: string }
  | { op: 'restoreColumn'; at: number; column: SerializedColumn }
  | { op: 'replaceColumn'; column: SerializedColumn }
  | { op: 'renameColumn'; from: string; to: string }
  /** `levelOrder`: the user's setting when the edit was made, so a redo sorts new levels the same way. */
  | { op: 'setColumnType'; name: string; type: ColumnType; levelOrder?: LevelOrder }
  | { op: 'setLevels'; name: string; levels: string[] }
  /** A computed column (src-engine/data/compute): its values from `definition`, kept current as its sources change. */
  | { op: 'defineColumn'; name: string; definition: string; at: number }
  /** A new definition for a column; null keeps the values as data and drops the definition. */
  | { op: 'setDefinition'; name: string; definition: string | null };

export interface Applied {
  table: Table;
  inverse: EditOp;
  warnings: string[];
}

const input = (message: string, columnName?: string) =>
  new QuadratError('input', message, columnName === undefined ? undefined : { columnName });

function indexOf(table: Table, name: string): number {
  const k = table.columns.findIndex((c) => c.name === name);
  if (k < 0) throw input(`There is no column "${name}".`, name);
  return k;
}

function withColumns(table: Table, columns: Column[], nrow = table.nrow): Table {
  return { nrow, columns };
}

/**
 * One edit, then every computed column that reads a column it changed is recomputed (so a cell edit,
 * a paste, deleted rows or an undo reach the columns computed from them); their notes are warnings.
 */
export function applyEdit(table: Table, op: EditOp, levelOrder: LevelOrder = 'locale'): Applied {
  const applied = applyOp(table, op, levelOrder);
  const { table: current, warnings } = recomputeDependents(table, applied.table, levelOrder);
  return { ...applied, table: current, warnings: [...applied.warnings, ...warnings] };
}

/** `levelOrder`: how computed factor columns sort new levels (the user's setting, as R's locale). */
function applyOp(table: Table, op: EditOp, levelOrder: LevelOrder): Applied {
  switch (op.op) {
    case 'setCells':
      return setCells(table, op);
    case 'insertRows': {
      if (op.at > table.nrow) throw input(`Row ${op.at + 1} is beyond the end of the data (${table.nrow} rows).`);
      if (table.nrow + op.count > MAX_ROWS) throw input(`A dataset can hold at most ${MAX_ROWS} rows.`);
      const at = Array.from({ length: op.count }, (_, i) => op.at + i);
      const columns = table.columns.map((c) => insertRowsAt(c, at, emptyColumn(c.name, c.type, op.count, levelsOf(c))));
      return { table: withColumns(table, columns, table.nrow + op.count), inverse: { op: 'deleteRows', rows: at }, warnings: [] };
    }
    case 'deleteRows': {
      const rows = [...new Set(op.rows)].sort((a, b) => a - b);
      if (rows.length && rows[rows.length - 1] >= table.nrow)
        throw input(`Row ${rows[rows.length - 1] + 1} is beyond the end of the data (${table.nrow} rows).`);
      const gone = new Uint8Array(table.nrow);
      for (const r of rows) gone[r] = 1;
      const keep: number[] = [];
      for (let i = 0; i < table.nrow; i++) if (!gone[i]) keep.push(i);
      const removed = table.columns.map((c) => serializeColumn(takeRows(c, rows)));
      const columns = table.columns.map((c) => takeRows(c, keep));
      return {
        table: withColumns(table, columns, keep.length),
        inverse: { op: 'restoreRows', rows, columns: removed },
        warnings: [],
      };
    }
    case 'restoreRows': {
      const columns = table.columns.map((c, j) => insertRowsAt(c, op.rows, deserializeColumn(op.columns[j])));
      return { table: withColumns(table, columns, table.nrow + op.rows.length), inverse: { op: 'deleteRows', rows: op.rows }, warnings: [] };
    }
    case 'addColumn': {
      if (table.columns.some((c) => c.name === op.name)) throw input(`There is already a column "${op.name}".`, op.name);
      const columns = table.columns.slice();
      const added = op.fill === 'rowNumber' ? rowNumberColumn(op.name, op.type, table.nrow) : emptyColumn(op.name, op.type, table.nrow);
      columns.splice(Math.min(op.at, columns.length), 0, added);
      return { table: withColumns(table, columns), inverse: { op: 'deleteColumn', name: op.name }, warnings: [] };
    }
    case 'deleteColumn': {
      const k = indexOf(table, op.name);
      const columns = table.columns.slice();
      const [gone] = columns.splice(k, 1);
      return { table: withColumns(table, columns), inverse: { op: 'restoreColumn', at: k, column: serializeColumn(gone) }, warnings: [] };
    }
    case 'restoreColumn': {
      const columns = table.columns.slice();
      const col = deserializeColumn(op.column);
      if (columnLength(col) !== table.nrow) throw input('The column to restore does not fit the data.');
      columns.splice(op.at, 0, col);
      return { table: withColumns(table, columns), inverse: { op: 'deleteColumn', name: col.name }, warnings: [] };
    }
    case 'replaceColumn': {
      const col = deserializeColumn(op.column);
      const k = indexOf(table, col.name);
      const columns = table.columns.slice();
      const old = columns[k];
      columns[k] = col;
      return { table: withColumns(table, columns), inverse: { op: 'replaceColumn', column: serializeColumn(old) }, warnings: [] };
    }
    case 'renameColumn': {
      const k = indexOf(table, op.from);
      if (op.to !== op.from && table.columns.some((c) => c.name === op.to))
        throw input(`There is already a column "${op.to}".`, op.to);
      // computed columns that read it follow the new name
      const columns = table.columns.map((c) => (c.definition === undefined ? c : withDefinition(c, renameInDefinition(c.definition, op.from, op.to))));
      columns[k] = { ...columns[k], name: op.to };
      return { table: withColumns(table, columns), inverse: { op: 'renameColumn', from: op.to, to: op.from }, warnings: [] };
    }
    case 'setColumnType': {
      const k = indexOf(table, op.name);
      const old = table.columns[k];
      if (old.definition !== undefined) throw input(`"${op.name}" is computed from ${old.definition}; change its type in the definition, e.g. factor(…), or keep its values as data first.`, op.name);
      if (old.type === op.type) throw input(`"${op.name}" is already ${article(op.type)} column.`, op.name);
      // The engine converts as R's as.* functions do, refusing (naming the row) values it cannot read.
      const converted = convertColumn(table, op.name, op.type, op.levelOrder ?? 'locale');
      return { table: converted, inverse: { op: 'replaceColumn', column: serializeColumn(old) }, warnings: [] };
    }
    case 'setLevels': {
      const old = table.columns[indexOf(table, op.name)];
      const reordered = reorderLevels(table, op.name, op.levels);
      const oldLevels = old.type === 'factor' ? old.levels.slice() : [];
      return { table: reordered, inverse: { op: 'setLevels', name: op.name, levels: oldLevels }, warnings: [] };
    }
    case 'defineColumn': {
      if (table.columns.some((c) => c.name === op.name)) throw input(`There is already a column "${op.name}".`, op.name);
      const { column, warnings } = computeColumn(op.name, op.definition, table, { mode: 'strict', levelOrder });
      const columns = table.columns.slice();
      columns.splice(Math.min(op.at, columns.length), 0, column);
      return { table: withColumns(table, columns), inverse: { op: 'deleteColumn', name: op.name }, warnings };
    }
    case 'setDefinition':
      return setDefinition(table, op, levelOrder);
  }
}

function withDefinition(c: Column, definition: string): Column {
  return definition === c.definition ? c : { ...c, definition };
}

function setDefinition(table: Table, op: Extract<EditOp, { op: 'setDefinition' }>, levelOrder: LevelOrder): Applied {
  const k = indexOf(table, op.name);
  const old = table.columns[k];
  const columns = table.columns.slice();
  if (op.definition === null) {
    if (old.definition === undefined) throw input(`"${op.name}" is not a computed column.`, op.name);
    const { definition: _gone, ...data } = old;
    columns[k] = data as Column;
    return { table: withColumns(table, columns), inverse: { op: 'setDefinition', name: op.name, definition: old.definition }, warnings: [] };
  }
  const { column, warnings } = computeColumn(op.name, op.definition, table, { mode: 'strict', previous: old, levelOrder });
  columns[k] = column;
  // a data column made computed gets its values back on undo
  const inverse: EditOp = old.definition === undefined ? { op: 'replaceColumn', column: serializeColumn(old) } : { op: 'setDefinition', name: op.name, definition: old.definition };
  return { table: withColumns(table, columns), inverse, warnings };
}

function article(type: ColumnType): string {
  return type === 'numeric' ? 'a numeric' : type === 'factor' ? 'a factor' : type === 'logical' ? 'a logical' : 'a text';
}

function levelsOf(c: Column): readonly string[] {
  return c.type === 'factor' ? c.levels : [];
}

function setCells(table: Table, op: Extract<EditOp, { op: 'setCells' }>): Applied {
  let nrow = table.nrow;
  for (const c of op.cells) nrow = Math.max(nrow, c.row + 1);
  if (nrow > MAX_ROWS) throw input(`A dataset can hold at most ${MAX_ROWS} rows.`);
  const targetRows = op.nrow ?? nrow;
  // Copy each touched column once (grown to nrow rows), then write the cells into the copies.
  const touched = new Map<number, Column>();
  const columns = table.columns.map((c) => c);
  const grow = (c: Column): Column => {
    if (nrow === table.nrow) return takeRows(c, rangeOf(nrow));
    const at = Array.from({ length: nrow - table.nrow }, (_, i) => table.nrow + i);
    return insertRowsAt(c, at, emptyColumn(c.name, c.type, at.length, levelsOf(c)));
  };
  const oldLevels: Record<string, string[]> = {};
  const undoCells: { row: number; column: string; value: Cell }[] = [];
  const seen = new Set<string>();
  for (const edit of op.cells) {
    const k = indexOf(table, edit.column);
    const original = table.columns[k];
    if (original.definition !== undefined) throw input(`"${edit.column}" is computed from ${original.definition}; edit the columns it reads, or its definition (column menu).`, edit.column);
    let col = touched.get(k);
    if (!col) {
      col = grow(original);
      if (col.type === 'factor') col = { ...col, levels: col.levels.slice() };
      touched.set(k, col);
      if (original.type === 'factor') oldLevels[original.name] = original.levels.slice();
    }
    const key = `${edit.row}\u0000${k}`;
    if (!seen.has(key) && edit.row < table.nrow) {
      seen.add(key);
      undoCells.push({ row: edit.row, column: edit.column, value: undoValue(original, edit.row) });
    }
    writeCell(col, edit.row, coerceCell(edit.value, col.type, col.name, edit.row));
  }
  for (const [k, col] of touched) columns[k] = col;
  // Growing rows also grows untouched columns (with missing values).
  for (let k = 0; k < columns.length; k++) if (!touched.has(k) && nrow !== table.nrow) columns[k] = grow(columns[k]);
  let result: Table = { nrow, columns };
  if (op.levels) result = restoreLevels(result, op.levels);
  if (targetRows < nrow) result = { nrow: targetRows, columns: result.columns.map((c) => takeRows(c, rangeOf(targetRows))) };
  const inverse: EditOp = { op: 'setCells', cells: undoCells.reverse(), levels: oldLevels };
  if (nrow !== table.nrow) inverse.nrow = table.nrow;
  return { table: result, inverse, warnings: [] };
}

/** Undo keeps the exact old value; ±Inf travels as text (JSON has no Infinity) and reads back as a number. */
function undoValue(col: Column, row: number): Cell {
  if (col.type === 'numeric' && !Number.isNaN(col.values[row]) && !Number.isFinite(col.values[row]))
    return col.values[row] > 0 ? 'Inf' : '-Inf';
  return cellAt(col, row);
}

function writeCell(col: Column, row: number, v: number | string | null): void {
  switch (col.type) {
    case 'numeric':
      (col.values as Float64Array)[row] = v as number;
      break;
    case 'logical':
      (col.values as Int8Array)[row] = v as number;
      break;
    case 'text':
      (col.values as (string | null)[])[row] = v as string | null;
      break;
    case 'factor': {
      if (v === null) {
        (col.codes as Int32Array)[row] = -1;
        break;
      }
      const levels = col.levels as string[];
      let code = levels.indexOf(v as string);
      if (code < 0) code = levels.push(v as string) - 1; // a new label becomes the last level
      (col.codes as Int32Array)[row] = code;
      break;
    }
  }
}

/** Puts back factor level lists saved before a setCells (undo drops levels the edit had added). */
function restoreLevels(table: Table, levels: Record<string, string[]>): Table {
  const columns = table.columns.map((c) => {
    const lv = levels[c.name];
    if (!lv || c.type !== 'factor') return c;
    const index = new Map(lv.map((l, i) => [l, i]));
    const codes = c.codes.map((code) => (code < 0 ? -1 : (index.get(c.levels[code]) ?? -1)));
    return { ...c, codes, levels: lv };
  });
  return { nrow: table.nrow, columns };
}

function rangeOf(n: number): Int32Array {
  const r = new Int32Array(n);
  for (let i = 0; i < n; i++) r[i] = i;
  return r;
}
