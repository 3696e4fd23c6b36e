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
}

interface Block {
  readonly names: string[];
  readonly columns: Float64Array[];
}

function nLevels(v: Value): number {
  return v.type === 'factor' ? v.levels.length : v.type === 'logical' ? 2 : 0;
}

/** Level codes of a factor, or of a logical as FALSE = 0, TRUE = 1. */
function levelCodes(v: Value): ArrayLike<number> {
  return v.type === 'factor' ? v.codes : (v as { values: Int8Array }).values;
}

/** Indicator columns of a factor (or logical, as FALSE/TRUE), all levels or all but the first. */
function factorBlock(label: string, v: Value, n: number, full: boolean): Block {
  const levels = v.type === 'factor' ? v.levels : ['FALSE', 'TRUE'];
  const codes = levelCodes(v);
  const first = full ? 0 : 1;
  const buf = new Float64Array((levels.length - first) * n);
  for (let i = 0; i < n; i++) {
    const c = codes[i] - first;
    if (c >= 0) buf[c * n + i] = 1;
  }
  return { names: levels.slice(first).map((l) => label + l), columns: columnViews(buf, levels.length - first, n) };
}

function variableBlock(label: string, v: Value, n: number, code: 1 | 2): Block {
  switch (v.type) {
    case 'numeric':
      return { names: [label], columns: [v.values] };
    case 'matrix':
      return v.columns.length === 1 ? { names: [label], columns: [v.columns[0]] } : { names: v.colnames.map((c) => label + c), columns: [...v.columns] };
    case 'factor':
    case 'logical':
      return factorBlock(label, v, n, code === 2);
  }
}

/** The factor-pattern code of variable `k` in term `j` (R's TermCode). */
function termCode(bits: readonly bigint[], j: number, k: number): 1 | 2 {
  const rest = bits[j] & ~(1n << BigInt(k));
  if (rest === 0n) return 1;
  for (let t = 0; t < j; t++) if ((rest & ~bits[t]) === 0n) return 1;
  return 2;
}

/** The columns of one term: the variables' blocks multiplied out, the first varying fastest. */
function termBlock(vars: TermModel['vars'], value: (label: string) => Value, n: number, bits: bigint, codes: readonly (1 | 2)[]): Block {
  const ks = termVariables(bits);
  const values = ks.map((k) => value(vars.labels[k]));
  if (ks.length > 1 && values.every(hasOneEntryPerRow)) return interactionBlock(ks.map((k) => vars.labels[k]), values, n, codes);
  let acc: Block | undefined;
  ks.forEach((k, m) => {
    const block = variableBlock(vars.labels[k], values[m], n, codes[m]);
    if (!acc) {
      acc = block;
      return;
    }
    const prev: Block = acc;
    const next: Block = { names: [], columns: [] };
    block.columns.forEach((bc, q) => {
      prev.columns.forEach((pc, p) => {
        const col = new Float64Array(n);
        for (let i = 0; i < n; i++) col[i] = pc[i] * bc[i];
        next.columns.push(col);
        next.names.push(`${prev.names[p]}:${block.names[q]}`);
      });
    });
    acc = next;
  });
  return acc!;
}

/** A factor, or a finite one-column variable: each row has at most one nonzero in its block. */
function hasOneEntryPerRow(v: Value): boolean {
  if (v.type === 'factor' || v.type === 'logical') return true;
  const x = v.type === 'numeric' ? v.values : v.columns.length === 1 ? v.columns[0] : undefined;
  if (!x) return false;
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) return false; // keep 0·∞ = NaN of the product form
  return true;
}

/**
 * An interaction of factors and one-column variables without forming the intermediate products: each
 * row has one cell (its levels' column) holding the product of the numeric values; every other entry
 * is that product times 0, i.e. a zero carrying the product's sign, exactly as the product form gives.
 */
function interactionBlock(labels: readonly string[], values: readonly Value[], n: number, codes: readonly (1 | 2)[]): Block {
  const parts = values.map((v, m) => variableBlock(labels[m], v, 0, codes[m]).names);
  let names = parts[0];
  for (let m = 1; m < parts.length; m++) names = parts[m].flatMap((b) => names.map((a) => `${a}:${b}`));
  const W = names.length;
  const cell = new Int32Array(n);
  let x: Float64Array | undefined;
  let stride = 1;
  values.forEach((v, m) => {
    if (v.type === 'factor' || v.type === 'logical') addFactorToCell(cell, levelCodes(v), codes[m] === 2 ? 0 : 1, stride);
    else multiplyInto((x ??= new Float64Array(n).fill(1)), v.type === 'numeric' ? v.values : v.columns[0]);
    stride *= parts[m].length;
  });
  const buf = new Float64Array(W * n);
  if (!x) {
    for (let i = 0; i < n; i++) if (cell[i] >= 0) buf[cell[i] * n + i] = 1;
  } else {
    for (let i = 0; i < n; i++) {
      const v = x[i];
      if (cell[i] >= 0) buf[cell[i] * n + i] = v;
      if (v < 0 || (v === 0 && 1 / v < 0)) for (let c = 0; c < W; c++) if (c !== cell[i]) buf[c * n + i] = -0;
    }
  }
  return { names, columns: columnViews(buf, W, n) };
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

/** The W columns of length n in one column-major buffer (one allocation instead of W). */
function columnViews(buf: Float64Array, W: number, n: number): Float64Array[] {
  const columns: Float64Array[] = [];
  for (let c = 0; c < W; c++) columns.push(buf.subarray(c * n, (c + 1) * n));
  return columns;
}

/**
 * R's model.matrix(~ 0 + term) for each fixed term: every factor coded by all its levels (lmerTest's
 * "rdX", from which it builds Type III hypotheses).
 */
export function termCellMatrices(model: TermModel, value: (label: string) => Value, n: number): { names: string[]; columns: Float64Array[] }[] {
  return model.terms.bits.map((b) => termBlock(model.vars, value, n, b, termVariables(b).map(() => 2)));
}

export function modelMatrix(model: TermModel, value: (label: string) => Value, n: number): ModelMatrix {
  const { vars, terms } = model;
  const bits = terms.bits;
  const codes = bits.map((_, j) => termVariables(bits[j]).map((k) => termCode(bits, j, k)));

  for (const k of new Set(bits.flatMap((b) => termVariables(b)))) {
    const v = value(vars.labels[k]);
    if (v.type === 'factor' && v.levels.length < 2) {
      const expr = vars.exprs[k];
      throw new QuadratError(
        'model',
        `${vars.labels[k]} has only one level (${v.levels.length ? `"${v.levels[0]}"` : 'none'}) in the rows used, so it cannot be a predictor. (R: contrasts can be applied only to factors with 2 or more levels.)`,
        { column: expr.start + 1, columnName: vars.labels[k] },
      );
    }
  }
  // Without an intercept the first factor of the first term that has one gets full dummy coding.
  if (!terms.intercept) {
    outer: for (let j = 0; j < bits.length; j++) {
      const ks = termVariables(bits[j]);
      for (let m = 0; m < ks.length; m++) {
        if (nLevels(value(vars.labels[ks[m]])) > 1) {
          codes[j][m] = 2;
          break outer;
        }
      }
    }
  }

  const names: string[] = [];
  const columns: Float64Array[] = [];
  if (terms.intercept) {
    names.push('(Intercept)');
    columns.push(new Float64Array(n).fill(1));
  }
  const assign: number[] = terms.intercept ? [0] : [];
  bits.forEach((b, j) => {
    const block = termBlock(vars, value, n, b, codes[j]);
    names.push(...block.names);
    columns.push(...block.columns);
    for (let c = 0; c < block.names.length; c++) assign.push(j + 1);
  });
  return { names, columns, assign, codes };
}
