/**
 * Evaluates a parsed data expression on a table, row by row, as R would, except that a result that is
 * not a finite number (log of 0, 1/0, sqrt of −1) becomes NA, and each such case is counted in a note
 * that says why. Type mistakes (arithmetic on a factor) are errors pointing at the character; a
 * column that has gone is an error or, when recomputing a stored definition, NA with a note.
 */
import { type BinaryExpr, type CallExpr, type Expr } from '../../formula/ast';
import { deparse } from '../../formula/deparse';
import { QuadratError } from '../../errors/quadratError';
import { closestName } from '../../design/closestName';
import { type LevelOrder } from '../levels';
import { type Table } from '../table';
import { centreScale, interactionOf, recodeLevels } from './columnFunctions';
import { CONSTANTS } from './exprSyntax';
import { type DValue, type FacValue, constLabel, describeKind, dropUnused, factorOfLabels, toFactor } from './exprValues';
import { compare, inSet } from './exprCompare';
import { err, logical, logicalOf, type Num, numeric, wrap } from './exprViews';
import { ARITH, COMPARE, logBase, map1, map2, MATH } from '../../design/rArithmetic';

export interface EvalContext {
  readonly table: Table;
  /** A column that is not in the table: an error (a new definition), or NA for every row (a stored one). */
  readonly missingColumns: 'error' | 'na';
  readonly levelOrder: LevelOrder;
  /** Plain-language notes: which rows became NA and why. */
  readonly notes: string[];
}

export const rowCount = (k: number) => `${k} row${k === 1 ? '' : 's'}`;

export function evalDataExpr(e: Expr, ctx: EvalContext): DValue {
  switch (e.kind) {
    case 'name':
      return lookup(e.name, e, ctx);
    case 'number':
    case 'string':
    case 'bool':
      return { kind: 'const', value: e.value };
    case 'paren':
      return evalDataExpr(e.inner, ctx);
    case 'unary': {
      const v = evalDataExpr(e.operand, ctx);
      if (e.op === '!') return logicalOf([logical(v, e.operand)], ([x]) => (x < 0 ? -1 : 1 - x));
      const x = numeric(v, e.operand);
      return wrap(e.op === '+' ? x : map1(x, (u) => -u));
    }
    case 'call':
      return evalCall(e, ctx);
    case 'binary':
      return evalBinary(e, ctx);
  }
}

function lookup(name: string, e: Expr, ctx: EvalContext): DValue {
  const col = ctx.table.columns.find((c) => c.name === name);
  if (!col) {
    if (CONSTANTS.has(name)) return { kind: 'const', value: name === 'TRUE' ? true : name === 'FALSE' ? false : name === 'pi' ? Math.PI : name === 'Inf' ? Infinity : null };
    if (ctx.missingColumns === 'error') {
      const guess = closestName(name, ctx.table.columns.map((c) => c.name));
      throw new QuadratError('formula', `There is no column "${name}" in the data.${guess ? ` Did you mean "${guess}"?` : ''}`, { column: e.start + 1, columnName: name });
    }
    ctx.notes.push(`there is no column "${name}" any more, so all ${rowCount(ctx.table.nrow)} are NA`);
    return { kind: 'const', value: null };
  }
  switch (col.type) {
    case 'numeric':
      return { kind: 'num', values: col.values };
    case 'logical':
      return { kind: 'lgl', values: col.values };
    case 'factor':
      return { kind: 'fac', codes: col.codes, levels: col.levels };
    case 'text':
      return factorOfLabels(col.values, ctx.levelOrder);
  }
}
/** 1 where a value is missing (NaN, code −1), else 0: R's is.na, which never reads a value as text. */
function missingMask(v: Exclude<DValue, { kind: 'const' }>): Int8Array {
  const x = v.kind === 'fac' ? v.codes : v.values;
  const out = new Int8Array(x.length);
  if (v.kind === 'num') for (let i = 0; i < x.length; i++) out[i] = Number.isNaN(x[i]) ? 1 : 0;
  else for (let i = 0; i < x.length; i++) out[i] = x[i] < 0 ? 1 : 0;
  return out;
}

/** Rows where the result is not a finite number though every input was: made NA and counted, with the reason. */
function finite(inputs: Num[], out: Num, e: Expr, reason: string, ctx: EvalContext): Num {
  const bad = (i: number) => inputs.every((x) => !Number.isNaN(typeof x === 'number' ? x : x[i]));
  if (typeof out === 'number') {
    if (Number.isFinite(out) || !bad(0)) return out;
    throw err(`${deparse(e)} is not a finite number (${reason})`, e);
  }
  let k = 0;
  for (let i = 0; i < out.length; i++) {
    if (Number.isFinite(out[i]) || Number.isNaN(out[i])) {
      if (Number.isNaN(out[i]) && bad(i)) k++;
      continue;
    }
    if (bad(i)) k++;
    out[i] = NaN;
  }
  if (k > 0) ctx.notes.push(`${deparse(e)} is NA for ${rowCount(k)} (${reason})`);
  return out;
}

/** Why an operation's result is not a finite number, for the note (the operations are R's, rArithmetic's). */
const ARITH_REASON: Record<string, string> = {
  '+': 'too large',
  '-': 'too large',
  '*': 'too large',
  '/': 'division by zero',
  '^': 'a power that is not a finite number',
};

function evalBinary(e: BinaryExpr, ctx: EvalContext): DValue {
  const a = evalDataExpr(e.left!, ctx);
  if (e.op === '%in%') return inSet(a, e.right, ctx.table.nrow);
  const b = evalDataExpr(e.right, ctx);
  if (e.op === '&') return logicalOf([logical(a, e.left!), logical(b, e.right)], ([x, y]) => (x === 0 || y === 0 ? 0 : x < 0 || y < 0 ? -1 : 1));
  if (e.op === '|') return logicalOf([logical(a, e.left!), logical(b, e.right)], ([x, y]) => (x === 1 || y === 1 ? 1 : x < 0 || y < 0 ? -1 : 0));
  if (e.op in COMPARE) return compare(e, a, b, ctx.table.nrow);
  const reason = ARITH_REASON[e.op];
  if (!reason) throw new QuadratError('formula', `'${e.op}' cannot be used in an expression`, { column: e.opStart + 1 });
  const x = numeric(a, e.left!);
  const y = numeric(b, e.right);
  return wrap(finite([x, y], map2(x, y, ARITH[e.op]), e, reason, ctx));
}
/** The maths functions of data expressions, with why a result is not a finite number, for the note. */
const MATH_REASON: Record<string, string> = {
  log: 'log of a value ≤ 0',
  log10: 'log of a value ≤ 0',
  log2: 'log of a value ≤ 0',
  log1p: 'log1p of a value ≤ −1',
  exp: 'exp of a value too large',
  sqrt: 'square root of a negative value',
  abs: 'not a number',
};

function column(v: DValue, e: Expr, fn: string): Exclude<DValue, { kind: 'const' }> {
  if (v.kind === 'const') throw err(`${fn}() needs a column, not ${describeKind(v)}`, e);
  return v;
}

function evalCall(e: CallExpr, ctx: EvalContext): DValue {
  const arg = e.args[0].value;
  const v = evalDataExpr(arg, ctx);
  const reason = MATH_REASON[e.fn];
  if (reason) {
    const x = numeric(v, arg);
    if (e.fn === 'log' && e.args.length === 2) {
      const base = numeric(evalDataExpr(e.args[1].value, ctx), e.args[1].value);
      return wrap(finite([x, base], map2(x, base, logBase), e, 'log of a value ≤ 0, or a base ≤ 0 or 1', ctx));
    }
    return wrap(finite([x], map1(x, MATH[e.fn]), e, reason, ctx));
  }
  switch (e.fn) {
    case 'centre':
    case 'center':
    case 'scale': {
      const x = numeric(column(v, arg, e.fn), arg) as Float64Array;
      return { kind: 'num', values: finite([x], centreScale(x, e.fn === 'scale'), e, 'the column has no spread (sd 0) or fewer than 2 values', ctx) as Float64Array };
    }
    case 'factor':
      return dropUnused(toFactor(column(v, arg, 'factor'), ctx.levelOrder));
    case 'is.na':
      if (v.kind === 'const') return { kind: 'const', value: v.value === null };
      return { kind: 'lgl', values: missingMask(v) };
    case 'recode':
      return recode(e, toFactor(column(v, arg, 'recode'), ctx.levelOrder), ctx);
    case 'interaction': {
      const factors = e.args.filter((a) => a.name === undefined).map((a, k) => (k === 0 ? v : evalDataExpr(a.value, ctx))).map((x, k) => toFactor(column(x, e.args[k].value, 'interaction'), ctx.levelOrder));
      const sep = e.args.find((a) => a.name === 'sep')?.value;
      const drop = e.args.find((a) => a.name === 'drop')?.value;
      return interactionOf(factors, sep?.kind === 'string' ? sep.value : '.', drop?.kind === 'bool' ? drop.value : false);
    }
  }
  throw err(`${e.fn}() cannot be used here`, e);
}

function recode(e: CallExpr, f: FacValue, ctx: EvalContext): DValue {
  const changes = new Map<string, string | null>();
  for (const a of e.args.slice(1)) {
    const to = a.value.kind === 'string' || a.value.kind === 'number' ? constLabel(a.value.value) : null;
    changes.set(a.name!, to);
    if (!f.levels.includes(a.name!)) ctx.notes.push(`${deparse(e.args[0].value)} has no level "${a.name}", so recode() left it out`);
  }
  return recodeLevels(f, changes);
}
