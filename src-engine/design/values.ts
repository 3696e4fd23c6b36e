/**
 * Evaluated model variables, one entry per row of the table (like the columns of R's model frame).
 * Missing values: NaN (numeric, matrix), -1 (factor codes, logical).
 */
export interface NumericValue {
  readonly type: 'numeric';
  readonly values: Float64Array;
}
/** A variable with several columns, e.g. poly(x, 2) with column names "1", "2". */
export interface MatrixValue {
  readonly type: 'matrix';
  readonly columns: readonly Float64Array[];
  readonly colnames: readonly string[];
}
export interface FactorValue {
  readonly type: 'factor';
  readonly codes: Int32Array;
  readonly levels: readonly string[];
}
export interface LogicalValue {
  readonly type: 'logical';
  readonly values: Int8Array;
}
export type Value = NumericValue | MatrixValue | FactorValue | LogicalValue;

export function isMissingAt(v: Value, i: number): boolean {
  switch (v.type) {
    case 'numeric':
      return Number.isNaN(v.values[i]);
    case 'matrix':
      return v.columns.some((c) => Number.isNaN(c[i]));
    case 'factor':
      return v.codes[i] < 0;
    case 'logical':
      return v.values[i] < 0;
  }
}

/** Mark rows where `v` is missing; the number of such rows. */
export function markMissing(v: Value, missing: Uint8Array): number {
  const n = missing.length;
  let k = 0;
  switch (v.type) {
    case 'numeric':
      for (let i = 0; i < n; i++) if (Number.isNaN(v.values[i])) k += missing[i] = 1;
      return k;
    case 'matrix':
      for (let i = 0; i < n; i++) if (v.columns.some((c) => Number.isNaN(c[i]))) k += missing[i] = 1;
      return k;
    case 'factor':
      for (let i = 0; i < n; i++) if (v.codes[i] < 0) k += missing[i] = 1;
      return k;
    case 'logical':
      for (let i = 0; i < n; i++) if (v.values[i] < 0) k += missing[i] = 1;
      return k;
  }
}

/** Rows `rows` of a factor, with levels that no longer occur dropped (model.frame's drop.unused.levels). */
export function subsetFactor(f: FactorValue, rows: Int32Array): FactorValue {
  const map: number[] = new Array<number>(f.levels.length).fill(-1);
  for (let i = 0; i < rows.length; i++) map[f.codes[rows[i]]] = 0;
  const levels: string[] = [];
  for (let k = 0; k < f.levels.length; k++) {
    if (map[k] < 0) continue;
    map[k] = levels.length;
    levels.push(f.levels[k]);
  }
  if (rows.length === f.codes.length && levels.length === f.levels.length) return f; // every row, every level: nothing to subset
  const codes = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) codes[i] = map[f.codes[rows[i]]];
  return { type: 'factor', codes, levels };
}

function pick<T extends Float64Array | Int8Array>(a: T, rows: Int32Array): T {
  const out = new (a.constructor as new (n: number) => T)(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = a[rows[i]];
  return out;
}

/** The value restricted to the rows used by the model (the value itself when that is every row). */
export function subsetValue(v: Value, rows: Int32Array): Value {
  if (v.type !== 'factor' && rows.length === (v.type === 'matrix' ? v.columns[0].length : v.values.length)) return v;
  switch (v.type) {
    case 'numeric':
      return { type: 'numeric', values: pick(v.values, rows) };
    case 'matrix':
      return { type: 'matrix', columns: v.columns.map((c) => pick(c, rows)), colnames: v.colnames };
    case 'factor':
      return subsetFactor(v, rows);
    case 'logical':
      return { type: 'logical', values: pick(v.values, rows) };
  }
}
