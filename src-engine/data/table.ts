/**
 * A data table of typed columns, as R's data.frame after read.csv. Missing values are first-class:
 * NaN in numeric columns, code -1 in factor and logical columns, null in text columns.
 */
export type ColumnType = 'numeric' | 'factor' | 'logical' | 'text';

/** What every column may carry besides its values. */
interface ColumnBase {
  readonly name: string;
  /**
   * A computed column's expression (src-engine/data/compute), e.g. "log(mass)": the column's values are
   * recomputed from it whenever a column it reads changes. Absent for data columns.
   */
  readonly definition?: string;
}

export interface NumericColumn extends ColumnBase {
  readonly type: 'numeric';
  /** NaN marks a missing value. */
  readonly values: Float64Array;
}

export interface FactorColumn extends ColumnBase {
  readonly type: 'factor';
  /** 0-based index into `levels`; -1 marks a missing value. */
  readonly codes: Int32Array;
  /** Level labels in level order; levels[0] is the reference level under treatment contrasts. */
  readonly levels: readonly string[];
}

export interface LogicalColumn extends ColumnBase {
  readonly type: 'logical';
  /** 1 TRUE, 0 FALSE, -1 missing. */
  readonly values: Int8Array;
}

export interface TextColumn extends ColumnBase {
  readonly type: 'text';
  readonly values: readonly (string | null)[];
}

export type Column = NumericColumn | FactorColumn | LogicalColumn | TextColumn;

export interface Table {
  readonly nrow: number;
  readonly columns: readonly Column[];
}

export function getColumn(table: Table, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}

export function isMissing(col: Column, i: number): boolean {
  switch (col.type) {
    case 'numeric':
      return Number.isNaN(col.values[i]);
    case 'factor':
      return col.codes[i] < 0;
    case 'logical':
      return col.values[i] < 0;
    case 'text':
      return col.values[i] === null;
  }
}

export function missingCount(col: Column): number {
  const n = col.type === 'factor' ? col.codes.length : col.values.length;
  let k = 0;
  for (let i = 0; i < n; i++) if (isMissing(col, i)) k++;
  return k;
}

/** A new Table with the column of the same name replaced (tables are never mutated). */
export function replaceColumn(table: Table, column: Column): Table {
  const k = table.columns.findIndex((c) => c.name === column.name);
  if (k < 0) throw new Error(`replaceColumn: no column '${column.name}'`);
  const columns = table.columns.slice();
  columns[k] = column;
  return { nrow: table.nrow, columns };
}

/** Each cell as the grid shows it: the level, the text, the number, TRUE/FALSE; null when missing. */
export function columnLabels(col: Column): (string | null)[] {
  switch (col.type) {
    case 'factor':
      return Array.from(col.codes, (c) => (c < 0 ? null : col.levels[c]));
    case 'text':
      return col.values.slice();
    case 'numeric':
      return Array.from(col.values, (v) => (Number.isNaN(v) ? null : String(v)));
    case 'logical':
      return Array.from(col.values, (v) => (v < 0 ? null : v ? 'TRUE' : 'FALSE'));
  }
}

/** The given rows (0-based, in that order) of every column, as R's d[rows, ]: factor levels are kept, used or not. */
export function subsetRows(table: Table, rows: ArrayLike<number>): Table {
  const n = rows.length;
  const columns: Column[] = table.columns.map((c) => {
    switch (c.type) {
      case 'numeric':
        return { ...c, values: Float64Array.from({ length: n }, (_, k) => c.values[rows[k]]) };
      case 'factor':
        return { ...c, codes: Int32Array.from({ length: n }, (_, k) => c.codes[rows[k]]) };
      case 'logical':
        return { ...c, values: Int8Array.from({ length: n }, (_, k) => c.values[rows[k]]) };
      case 'text':
        return { ...c, values: Array.from({ length: n }, (_, k) => c.values[rows[k]]) };
    }
  });
  return { nrow: n, columns };
}
