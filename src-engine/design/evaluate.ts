/**
 * Evaluate formula expressions on a table, row by row, as R evaluates the variables of a model frame:
 * on all rows (so scale() and poly() see every row), before rows with missing values are dropped.
 */
import { type Table } from '../data/table';
import { QuadratError } from '../errors/quadratError';
import { type CallExpr, type Expr } from '../formula/ast';
import { deparse } from '../formula/deparse';
import { polyArgs } from '../formula/functions';
import { formatRNumber } from '../data/rNumber';
import { closestName } from './closestName';
import { dropUnusedLevels, factorFromLogical, factorFromNumbers, factorFromText } from './factorize';
import { orthoPoly, PolyError, type PolyCoefs, polyFromCoefs, rawPoly } from './poly';
import { ARITH, COMPARE, compareRows, logBase, map1, map2, MATH, type Num } from './rArithmetic';
import { type FactorValue, type Value } from './values';

type Const = { readonly type: 'const'; readonly value: number | string | boolean };
type Result = Value | Const;

export interface EvalContext {
  readonly table: Table;
  /** Columns the user declared to be factors (--factor). */
  readonly factors: ReadonlySet<string>;
  /** Plain-language notes, e.g. rows where log() was undefined. */
  readonly warnings: string[];
  /**
   * New rows for predict(): each scale(…) call (keyed by its R text) uses the centre and scale of the
   * fitted data, as R's predvars make it do, instead of the new rows' own.
   */
  readonly fittedScales?: ReadonlyMap<string, { mean: number; sd: number }>;
  /** New rows for predict(): each orthogonal poly(…) call's coefs from the fitted data (R's predvars). */
  readonly fittedPolys?: ReadonlyMap<string, PolyCoefs>;
}

/** A formula error pointing at the expression's first character (the formula's and the data expressions'). */
export function err(message: string, e: Expr): QuadratError {
  return new QuadratError('formula', message, { column: e.start + 1 });
}

export function lookupColumn(ctx: EvalContext, name: string, e: Expr): Value {
  const col = ctx.table.columns.find((c) => c.name === name);
  if (!col) {
    const names = ctx.table.columns.map((c) => c.name);
    const guess = closestName(name, names);
    const hint = guess ? ` Did you mean "${guess}"?` : ` The columns are: ${names.slice(0, 12).join(', ')}${names.length > 12 ? ', …' : ''}.`;
    throw new QuadratError('formula', `There is no column "${name}" in the data.${hint}`, { column: e.start + 1, columnName: name });
  }
  const asFactor = ctx.factors.has(name);
  switch (col.type) {
    case 'numeric':
      return asFactor ? factorFromNumbers(col.values) : { type: 'numeric', values: col.values };
    case 'factor':
      return { type: 'factor', codes: col.codes, levels: col.levels };
    case 'logical':
      return asFactor ? factorFromLogical(col.values) : { type: 'logical', values: col.values };
    case 'text':
      return factorFromText(col.values);
  }
}

/** Numeric view of a value for arithmetic: numbers, or logicals as 0/1 (as R coerces them). */
function numeric(r: Result, e: Expr): Num {
  switch (r.type) {
    case 'const':
      if (typeof r.value === 'string') throw err(`text ("${r.value}") cannot be used in arithmetic`, e);
      return Number(r.value);
    case 'numeric':
      return r.values;
    case 'logical':
      return Float64Array.from(r.values, (v) => (v < 0 ? NaN : v));
    case 'factor':
      throw err(`${deparse(e)} is a factor (categories); arithmetic on it is not meaningful`, e);
    case 'matrix':
      throw err(`${deparse(e)} has several columns and cannot be used inside an expression`, e);
  }
}

function wrapNumeric(x: Num): Result {
  return typeof x === 'number' ? { type: 'const', value: x } : { type: 'numeric', values: x };
}

/** Labels of a factor operand, or of a constant compared with a factor. */
function labelsOf(r: Result, n: number): (i: number) => string | null {
  if (r.type === 'factor') return (i) => (r.codes[i] < 0 ? null : r.levels[r.codes[i]]);
  if (r.type === 'const') {
    const s = typeof r.value === 'number' ? formatRNumber(r.value) : typeof r.value === 'boolean' ? (r.value ? 'TRUE' : 'FALSE') : r.value;
    return () => s;
  }
  void n;
  return () => null;
}

function compare(op: string, a: Result, b: Result, e: Expr & { left?: Expr; right?: Expr }, n: number): Result {
  if (a.type === 'factor' || b.type === 'factor' || (a.type === 'const' && typeof a.value === 'string') || (b.type === 'const' && typeof b.value === 'string')) {
    if (op !== '==' && op !== '!=') throw err(`'${op}' is not meaningful for a factor or text; use == or !=`, e);
    for (const [r, side] of [[a, e.left!], [b, e.right!]] as const) {
      if (r.type !== 'factor' && r.type !== 'const') throw err(`${deparse(side)} must be a factor or a quoted value to compare with a factor`, side);
    }
    const la = labelsOf(a, n);
    const lb = labelsOf(b, n);
    const out = new Int8Array(n);
    for (let i = 0; i < n; i++) {
      const x = la(i);
      const y = lb(i);
      out[i] = x === null || y === null ? -1 : (x === y) === (op === '==') ? 1 : 0;
    }
    return { type: 'logical', values: out };
  }
  const x = numeric(a, e.left!);
  const y = numeric(b, e.right!);
  if (typeof x === 'number' && typeof y === 'number') return { type: 'const', value: COMPARE[op](x, y) };
  return { type: 'logical', values: compareRows(x, y, op) as Int8Array };
}

/** Note rows where an operation turned a value into NaN (R warns "NaNs produced"); those rows are dropped. */
function noteNaNs(before: Num[], after: Num, e: Expr, ctx: EvalContext): void {
  if (typeof after === 'number') {
    if (Number.isNaN(after) && before.every((b) => typeof b === 'number' && !Number.isNaN(b))) throw err(`${deparse(e)} is not a number`, e);
    return;
  }
  let k = 0;
  for (let i = 0; i < after.length; i++) {
    if (Number.isNaN(after[i]) && before.every((b) => !Number.isNaN(typeof b === 'number' ? b : b[i]))) k++;
  }
  if (k > 0) ctx.warnings.push(`${deparse(e)} is undefined (NaN) for ${k} row${k === 1 ? '' : 's'}; ${k === 1 ? 'it was' : 'they were'} treated as missing.`);
}

function evalCall(e: CallExpr, ctx: EvalContext): Result {
  const n = ctx.table.nrow;
  const arg0 = e.args[0].value;
  if (e.fn === 'I') return evalExpr(arg0, ctx);
  if (e.fn in MATH || e.fn === 'log') {
    const x = numeric(evalExpr(arg0, ctx), arg0);
    let out: Num;
    if (e.fn === 'log' && e.args.length === 2) {
      const b = numeric(evalExpr(e.args[1].value, ctx), e.args[1].value);
      out = map2(x, b, logBase);
    } else out = map1(x, MATH[e.fn]);
    noteNaNs([x], out, e, ctx);
    return wrapNumeric(out);
  }
  const v = evalExpr(arg0, ctx);
  switch (e.fn) {
    case 'factor':
      if (v.type === 'numeric') return factorFromNumbers(v.values);
      if (v.type === 'logical') return factorFromLogical(v.values);
      if (v.type === 'factor') return dropUnusedLevels(v);
      throw err(`factor() needs a column, e.g. factor(${deparse(arg0)})`, arg0);
    case 'scale': {
      const x = numeric(v, arg0);
      if (typeof x === 'number') throw err('scale() needs a column', arg0);
      const fitted = ctx.fittedScales?.get(deparse(e));
      return { type: 'numeric', values: fitted ? x.map((u) => (u - fitted.mean) / fitted.sd) : scale(x, e) };
    }
    case 'poly': {
      const x = numeric(v, arg0);
      if (typeof x === 'number') throw err('poly() needs a column', arg0);
      const { degree, raw } = polyArgs(e);
      try {
        const fitted = raw ? undefined : ctx.fittedPolys?.get(deparse(e));
        const columns = raw ? rawPoly(x, degree) : fitted ? polyFromCoefs(x, degree, fitted) : orthoPoly(x, degree);
        return { type: 'matrix', columns, colnames: columns.map((_, k) => String(k + 1)) };
      } catch (ex) {
        if (ex instanceof PolyError) throw err(`${deparse(e)}: ${ex.message}`, e);
        throw ex;
      }
    }
    case 'offset':
      return wrapNumeric(numeric(v, arg0));
  }
  void n;
  throw err(`${e.fn}() cannot be used here`, e);
}

/** The centre and scale R's scale() uses: the mean and SD of the non-missing values. */
export function scaleParams(x: ArrayLike<number>): { mean: number; sd: number } {
  let m = 0;
  let k = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i])) continue;
    m += x[i];
    k++;
  }
  m /= k;
  let ss = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) ss += (x[i] - m) * (x[i] - m);
  return { mean: m, sd: Math.sqrt(ss / (k - 1)) };
}

function scale(x: Float64Array, e: Expr): Float64Array {
  const { mean, sd } = scaleParams(x);
  if (!(sd > 0)) throw err(`${deparse(e)}: the variable is constant (or has fewer than 2 values), so it cannot be scaled`, e);
  return x.map((v) => (v - mean) / sd);
}

export function evalExpr(e: Expr, ctx: EvalContext): Result {
  switch (e.kind) {
    case 'name':
      // R's constant pi (nlme's Ovary model: sin(2 * pi * Time)), unless the data has a column of that name
      if (e.name === 'pi' && !ctx.table.columns.some((c) => c.name === 'pi')) return { type: 'const', value: Math.PI };
      return lookupColumn(ctx, e.name, e);
    case 'number':
      return { type: 'const', value: e.value };
    case 'string':
      return { type: 'const', value: e.value };
    case 'bool':
      return { type: 'const', value: e.value };
    case 'paren':
      return evalExpr(e.inner, ctx);
    case 'unary': {
      const r = evalExpr(e.operand, ctx);
      if (e.op === '+') return wrapNumeric(numeric(r, e.operand));
      return wrapNumeric(map1(numeric(r, e.operand), (v) => -v));
    }
    case 'call':
      return evalCall(e, ctx);
    case 'binary': {
      if (!e.left) throw err(`unexpected '${e.op}'`, e);
      const a = evalExpr(e.left, ctx);
      const b = evalExpr(e.right, ctx);
      if (e.op in COMPARE) return compare(e.op, a, b, e, ctx.table.nrow);
      const f = ARITH[e.op];
      if (!f) throw new QuadratError('formula', `'${e.op}' cannot be used inside a function such as I() or log()`, { column: e.opStart + 1 });
      const x = numeric(a, e.left);
      const y = numeric(b, e.right);
      const out = map2(x, y, f);
      noteNaNs([x, y], out, e, ctx);
      return wrapNumeric(out);
    }
  }
}

/** A model variable: like evalExpr, but a constant is an error (R: "variable lengths differ"). */
export function evaluateVariable(e: Expr, ctx: EvalContext): Value {
  const r = evalExpr(e, ctx);
  if (r.type === 'const') throw err(`${deparse(e)} is a constant, not a column of the data`, e);
  return r;
}

export type { FactorValue };
