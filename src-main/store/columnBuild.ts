/**
 * Small builders shared by table edits: missing-filled columns, reading one cell as a wire value,
 * and copying a column with some rows taken out or put in. Tables and columns are never mutated.
 */
import { type Column, type ColumnType } from '../../src-engine/data/table';
import { QuadratError } from '../../src-engine/errors/quadratError';
import { type Cell } from '../api/shapes';

export function emptyColumn(name: string, type: ColumnType, n: number, levels: readonly string[] = []): Column {
  switch (type) {
    case 'numeric':
      return { name, type, values: new Float64Array(n).fill(NaN) };
    case 'factor':
      return { name, type, codes: new Int32Array(n).fill(-1), levels };
    case 'logical':
      return { name, type, values: new Int8Array(n).fill(-1) };
    case 'text':
      return { name, type, values: new Array<string | null>(n).fill(null) };
  }
}

/**
 * Row numbers 1…n as a column: an observation ID, as R's factor(seq_len(nrow(d))) for an
 * observation-level random effect (levels in numeric order).
 */
export function rowNumberColumn(name: string, type: ColumnType, n: number): Column {
  switch (type) {
    case 'numeric':
      return { name, type, values: Float64Array.from({ length: n }, (_, i) => i + 1) };
    case 'factor':
      return { name, type, codes: Int32Array.from({ length: n }, (_, i) => i), levels: Array.from({ length: n }, (_, i) => String(i + 1)) };
    case 'text':
      return { name, type, values: Array.from({ length: n }, (_, i) => String(i + 1)) };
    case 'logical':
      throw new QuadratError('input', 'Row numbers cannot be a TRUE/FALSE column; make it a factor (an observation ID) or numeric.', { columnName: name });
  }
}

export function columnLength(col: Column): number {
  return col.type === 'factor' ? col.codes.length : col.values.length;
}

/** The cell as it travels on the wire: NaN (and ±Inf, which JSON cannot carry) become null. */
export function cellAt(col: Column, i: number): Cell {
  switch (col.type) {
    case 'numeric': {
      const v = col.values[i];
      return Number.isFinite(v) ? v : null;
    }
    case 'factor':
      return col.codes[i] < 0 ? null : col.levels[col.codes[i]];
    case 'logical':
      return col.values[i] < 0 ? null : col.values[i] === 1;
    case 'text':
      return col.values[i];
  }
}

/** Rows keep[i] of col, in that order (keep holds row indices). */
export function takeRows(col: Column, keep: ArrayLike<number>): Column {
  const n = keep.length;
  switch (col.type) {
    case 'numeric': {
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) v[i] = col.values[keep[i]];
      return { ...col, values: v };
    }
    case 'factor': {
      const c = new Int32Array(n);
      for (let i = 0; i < n; i++) c[i] = col.codes[keep[i]];
      return { ...col, codes: c };
    }
    case 'logical': {
      const v = new Int8Array(n);
      for (let i = 0; i < n; i++) v[i] = col.values[keep[i]];
      return { ...col, values: v };
    }
    case 'text': {
      const v = new Array<string | null>(n);
      for (let i = 0; i < n; i++) v[i] = col.values[keep[i]];
      return { ...col, values: v };
    }
  }
}

/**
 * Merges `inserted` (rows that will sit at the sorted final positions `at`) into `col`.
 * Both columns have the same name and type; factor codes of `inserted` refer to col's levels.
 */
export function insertRowsAt(col: Column, at: readonly number[], inserted: Column): Column {
  const n = columnLength(col) + at.length;
  const source = new Int32Array(n); // >= 0: row of col; < 0: -(k+1) for inserted row k
  let k = 0;
  let j = 0;
  for (let i = 0; i < n; i++) source[i] = k < at.length && at[k] === i ? -(++k) : j++;
  const pick = <T>(from: ArrayLike<T>, extra: ArrayLike<T>, out: { [i: number]: T }) => {
    for (let i = 0; i < n; i++) out[i] = source[i] >= 0 ? from[source[i]] : extra[-source[i] - 1];
  };
  switch (col.type) {
    case 'numeric': {
      const v = new Float64Array(n);
      pick(col.values, (inserted as typeof col).values, v);
      return { ...col, values: v };
    }
    case 'factor': {
      const c = new Int32Array(n);
      pick(col.codes, (inserted as typeof col).codes, c);
      return { ...col, codes: c };
    }
    case 'logical': {
      const v = new Int8Array(n);
      pick(col.values, (inserted as typeof col).values, v);
      return { ...col, values: v };
    }
    case 'text': {
      const v = new Array<string | null>(n);
      pick(col.values, (inserted as typeof col).values, v);
      return { ...col, values: v };
    }
  }
}
