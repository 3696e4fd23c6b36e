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

/** Mark rows where `v` is missing. */
export function markMissing(v: Value, missing: Uint8Array): void {
  const n = missing.length;
  switch (v.type) {
    case 'numeric':
      for (let i = 0; i < n; i++) if (Number.isNaN(v.values[i])) missing[i] = 1;
      return;
    case 'matrix':
      for (const c of v.columns) for (let i = 0; i < n; i++) if (Number.isNaN(c[i])) missing[i] = 1;
      return;
    case 'factor':
      for (let i = 0; i < n; i++) if (v.codes[i] < 0) missing[i] = 1;
      return;
    case 'logical':
      for (let i = 0; i < n; i++) if (v.values[i] < 0) missing[i] = 1;
      return;
  }
}

/** Rows `rows` of a factor, with levels that no longer occur dropped (model.frame's drop.unused.levels). */
export function subsetFactor(f: FactorValue, rows: Int32Array): FactorValue {
  const used = new Int32Array(f.levels.length);
  for (let i = 0; i < rows.length; i++) used[f.codes[rows[i]]] = 1;
  const map = new Int32Array(f.levels.length);
  const levels: string[] = [];
  for (let k = 0; k < f.levels.length; k++) {
    map[k] = used[k] ? levels.length : -1;
    if (used[k]) levels.push(f.levels[k]);
  }
  const codes = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) codes[i] = map[f.codes[rows[i]]];
  return { type: 'factor', codes, levels };
}

function pick<T extends Float64Array | Int8Array>(a: T, rows: Int32Array): T {
  const out = new (a.constructor as new (n: number) => T)(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = a[rows[i]];
  return out;
}

/** The value restricted to the rows used by the model. */
export function subsetValue(v: Value, rows: Int32Array): Value {
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
