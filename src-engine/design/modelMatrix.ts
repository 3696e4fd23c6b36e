/**
 * R's model.matrix for a list of terms: treatment contrasts, with R's rule for when a factor gets full
 * dummy coding instead (TermCode: a factor in term T is coded by contrasts only if T without it is the
 * empty term or is contained in a term before T; without an intercept the first factor in the model is
 * coded fully). Columns of an interaction vary fastest in the first variable; names are R's
 * ("recipeB:temp", "poly(Days, 2)1", "I(week > 2)TRUE").
 */
import { QuadratError } from '../errors/quadratError';
import { type TermModel } from '../formula/analyze';
import { termVariables } from '../formula/terms';
import { type Value } from './values';

export interface ModelMatrix {
  readonly names: string[];
  readonly columns: Float64Array[];
  /** R's attr(X, "assign"): 0 for the intercept, j for a column of the j-th term (1-based). */
  readonly assign: number[];
  /** Per term, per variable: 1 = coded by contrasts (treatment: all levels but the first), 2 = all levels. */
  readonly codes: (1 | 2)[][];
  /** All columns in one column-major n × p buffer; `columns` are views of it. */
  readonly buffer: Float64Array;
  /**
   * Per column: 1 where it holds only 0 and 1 by construction (the intercept; a term of factors and
   * logicals alone, whose columns are indicators), so checks for non-finite or non-binary values can
   * skip it; 0 where its values must be looked at.
   */
  readonly indicator: Uint8Array;
}

function nLevels(v: Value): number {
  return v.type === 'factor' ? v.levels.length : v.type === 'logical' ? 2 : 0;
}

/** Level codes of a factor, or of a logical as FALSE = 0, TRUE = 1. */
function levelCodes(v: Value): ArrayLike<number> {
  return v.type === 'factor' ? v.codes : (v as { values: Int8Array }).values;
}

const isFactorLike = (v: Value): boolean => v.type === 'factor' || v.type === 'logical';

/** Column names of one variable's block: the label, or it pasted to each coded level or matrix column. */
function variableNames(label: string, v: Value, code: 1 | 2): string[] {
  switch (v.type) {
    case 'numeric':
      return [label];
    case 'matrix':
      return v.columns.length === 1 ? [label] : v.colnames.map((c) => label + c);
    case 'factor':
    case 'logical':
      return (v.type === 'factor' ? v.levels : ['FALSE', 'TRUE']).slice(code === 2 ? 0 : 1).map((l) => label + l);
  }
}

/** A term's column names: its variables' blocks multiplied out, the first varying fastest. */
function termNames(parts: readonly string[][]): string[] {
  let names = parts[0];
  for (let m = 1; m < parts.length; m++) names = parts[m].flatMap((b) => names.map((a) => `${a}:${b}`));
  return names;
}

/** The W columns of length n of a column-major buffer as views (no copies). */
function columnViews(buf: Float64Array, W: number, n: number): Float64Array[] {
  const columns: Float64Array[] = [];
  for (let c = 0; c < W; c++) columns.push(buf.subarray(c * n, (c + 1) * n));
  return columns;
}

/** One variable's block into out at o: the values, or indicator columns of the coded levels. */
function writeVariable(v: Value, code: 1 | 2, n: number, out: Float64Array, o: number): void {
  switch (v.type) {
    case 'numeric':
      out.set(v.values, o);
      return;
    case 'matrix':
      v.columns.forEach((c, k) => out.set(c, o + k * n));
      return;
    case 'factor':
    case 'logical': {
      const codes = levelCodes(v);
      const first = code === 2 ? 0 : 1;
      for (let i = 0; i < n; i++) {
        const c = codes[i] - first;
        if (c >= 0) out[o + c * n + i] = 1;
      }
    }
  }
}

/** A factor, or a finite one-column variable: each row has at most one nonzero in its block. */
function hasOneEntryPerRow(v: Value): boolean {
  if (isFactorLike(v)) return true;
  const x = v.type === 'numeric' ? v.values : v.type === 'matrix' && v.columns.length === 1 ? v.columns[0] : undefined;
  if (!x) return false;
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) return false; // keep 0·∞ = NaN of the product form
  return true;
}

/**
 * An interaction of factors and one-column variables without forming the intermediate products: each
 * row has one cell (its levels' column) holding the product of the numeric values; every other entry
 * is that product times 0, i.e. a zero carrying the product's sign, exactly as the product form gives.
 */
function writeInteraction(values: readonly Value[], codes: readonly (1 | 2)[], widths: readonly number[], n: number, out: Float64Array, o: number): void {
  const W = widths.reduce((a, b) => a * b, 1);
  const cell = new Int32Array(n);
  let x: Float64Array | undefined;
  let stride = 1;
  values.forEach((v, m) => {
    if (isFactorLike(v)) addFactorToCell(cell, levelCodes(v), codes[m] === 2 ? 0 : 1, stride);
    else multiplyInto((x ??= new Float64Array(n).fill(1)), v.type === 'numeric' ? v.values : (v as { columns: readonly Float64Array[] }).columns[0]);
    stride *= widths[m];
  });
  if (!x) {
    for (let i = 0; i < n; i++) if (cell[i] >= 0) out[o + cell[i] * n + i] = 1;
    return;
  }
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (cell[i] >= 0) out[o + cell[i] * n + i] = v;
    if (v < 0 || (v === 0 && 1 / v < 0)) for (let c = 0; c < W; c++) if (c !== cell[i]) out[o + c * n + i] = -0;
  }
}

/** cell += (code − first) · stride, or −1 (no cell) where the factor is at a level coded by no column. */
function addFactorToCell(cell: Int32Array, codes: ArrayLike<number>, first: number, stride: number): void {
  for (let i = 0; i < cell.length; i++) {
    const c = codes[i] - first;
    cell[i] = c < 0 || cell[i] < 0 ? -1 : cell[i] + c * stride;
  }
}

function multiplyInto(x: Float64Array, v: Float64Array): void {
  for (let i = 0; i < x.length; i++) x[i] *= v[i];
}

/** The general interaction (a several-column variable, or non-finite values): products of whole columns. */
function writeProducts(values: readonly Value[], codes: readonly (1 | 2)[], widths: readonly number[], n: number, out: Float64Array, o: number): void {
  const blockColumns = (m: number): Float64Array[] => {
    const v = values[m];
    if (v.type === 'numeric') return [v.values];
    if (v.type === 'matrix') return [...v.columns];
    const buf = new Float64Array(widths[m] * n);
    writeVariable(v, codes[m], n, buf, 0);
    return columnViews(buf, widths[m], n);
  };
  let acc = blockColumns(0);
  for (let m = 1; m < values.length; m++) {
    const next: Float64Array[] = [];
    for (const bc of blockColumns(m)) {
      for (const pc of acc) {
        const col = new Float64Array(n);
        for (let i = 0; i < n; i++) col[i] = pc[i] * bc[i];
        next.push(col);
      }
    }
    acc = next;
  }
  acc.forEach((c, k) => out.set(c, o + k * n));
}

/** A term's columns into out (column-major, n rows) from offset o. */
function writeTerm(values: readonly Value[], codes: readonly (1 | 2)[], widths: readonly number[], n: number, out: Float64Array, o: number): void {
  if (values.length === 1) writeVariable(values[0], codes[0], n, out, o);
  else if (values.every(hasOneEntryPerRow)) writeInteraction(values, codes, widths, n, out, o);
  else writeProducts(values, codes, widths, n, out, o);
}

interface TermColumns {
  readonly values: Value[];
  readonly names: string[];
  readonly widths: number[];
}

/** The columns of the term with variables `ks` (indices into vars). */
function describeTerm(vars: TermModel['vars'], value: (label: string) => Value, ks: readonly number[], codes: readonly (1 | 2)[]): TermColumns {
  const values = ks.map((k) => value(vars.labels[k]));
  const parts = ks.map((k, m) => variableNames(vars.labels[k], values[m], codes[m]));
  return { values, names: termNames(parts), widths: parts.map((b) => b.length) };
}

/** The factor-pattern code of variable `k` in term `j` (R's TermCode). */
function termCode(bits: readonly bigint[], j: number, k: number): 1 | 2 {
  const rest = bits[j] & ~(1n << BigInt(k));
  if (rest === 0n) return 1;
  for (let t = 0; t < j; t++) if ((rest & ~bits[t]) === 0n) return 1;
  return 2;
}

/**
 * R's model.matrix(~ 0 + term) for each fixed term: every factor coded by all its levels (lmerTest's
 * "rdX", from which it builds Type III hypotheses).
 */
export function termCellMatrices(model: TermModel, value: (label: string) => Value, n: number): { names: string[]; columns: Float64Array[] }[] {
  return model.terms.bits.map((b) => {
    const ks = termVariables(b);
    const codes = ks.map((): 1 | 2 => 2);
    const t = describeTerm(model.vars, value, ks, codes);
    const buf = new Float64Array(t.names.length * n);
    writeTerm(t.values, codes, t.widths, n, buf, 0);
    return { names: t.names, columns: columnViews(buf, t.names.length, n) };
  });
}

/** R: contrasts can be applied only to factors with 2 or more levels. */
function checkLevels(vars: TermModel['vars'], k: number, v: Value): void {
  if (v.type !== 'factor' || v.levels.length >= 2) return;
  throw new QuadratError(
    'model',
    `${vars.labels[k]} has only one level (${v.levels.length ? `"${v.levels[0]}"` : 'none'}) in the rows used, so it cannot be a predictor. (R: contrasts can be applied only to factors with 2 or more levels.)`,
    { column: vars.exprs[k].start + 1, columnName: vars.labels[k] },
  );
}

export function modelMatrix(model: TermModel, value: (label: string) => Value, n: number): ModelMatrix {
  const { vars, terms } = model;
  const bits = terms.bits;
  const termVars = bits.map(termVariables);
  const codes = termVars.map((ks, j) => ks.map((k) => termCode(bits, j, k)));

  const checked: number[] = [];
  for (const ks of termVars) {
    for (const k of ks) {
      if (checked.includes(k)) continue;
      checked.push(k);
      checkLevels(vars, k, value(vars.labels[k]));
    }
  }
  // Without an intercept the first factor of the first term that has one gets full dummy coding.
  if (!terms.intercept) {
    outer: for (let j = 0; j < bits.length; j++) {
      const ks = termVars[j];
      for (let m = 0; m < ks.length; m++) {
        if (nLevels(value(vars.labels[ks[m]])) > 1) {
          codes[j][m] = 2;
          break outer;
        }
      }
    }
  }

  const described = termVars.map((ks, j) => describeTerm(vars, value, ks, codes[j]));
  const names: string[] = terms.intercept ? ['(Intercept)'] : [];
  const assign: number[] = terms.intercept ? [0] : [];
  described.forEach((t, j) => {
    for (const name of t.names) {
      names.push(name);
      assign.push(j + 1);
    }
  });
  const buffer = new Float64Array(n * names.length);
  const indicator = new Uint8Array(names.length);
  if (terms.intercept) indicator[0] = 1;
  described.forEach((t, j) => {
    if (t.values.every(isFactorLike)) for (let c = 0; c < names.length; c++) if (assign[c] === j + 1) indicator[c] = 1;
  });
  let o = 0;
  if (terms.intercept) {
    buffer.fill(1, 0, n);
    o = n;
  }
  described.forEach((t, j) => {
    writeTerm(t.values, codes[j], t.widths, n, buffer, o);
    o += t.names.length * n;
  });
  return { names, columns: columnViews(buffer, names.length, n), assign, codes, buffer, indicator };
}
