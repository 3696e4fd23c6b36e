/**
 * A computed column: its values from its definition on the table as it is now. A new definition must
 * be right (errors point at the character); a stored one is recomputed whatever happened to the
 * data since, so a column it reads that has gone or changed type gives NA with a note, never an error.
 */
import { isQuadratError } from '../../errors/quadratError';
import { formulaError } from '../../formula/lexer';
import { type LevelOrder } from '../levels';
import { type Column, type Table } from '../table';
import { type EvalContext, evalDataExpr } from './evalDataExpr';
import { parseDataExpr, unknownColumns } from './exprSyntax';
import { type DValue } from './exprValues';

export interface ComputeOptions {
  /** 'strict' for a definition the user is entering; 'recompute' for a stored one. */
  readonly mode: 'strict' | 'recompute';
  readonly levelOrder?: LevelOrder;
  /** The column's values before, so a factor keeps the level order the user set while its levels stay the same. */
  readonly previous?: Column;
}

export interface Computed {
  readonly column: Column;
  /** Plain-language notes, each starting with the column's name: rows that are NA and why. */
  readonly warnings: string[];
}

export function computeColumn(name: string, definition: string, table: Table, options: ComputeOptions): Computed {
  const notes: string[] = [];
  const ctx: EvalContext = { table, missingColumns: options.mode === 'strict' ? 'error' : 'na', levelOrder: options.levelOrder ?? 'locale', notes };
  let value: DValue;
  try {
    const parsed = parseDataExpr(definition);
    const self = parsed.refs.find((r) => r.name === name);
    if (self) throw formulaError(`"${name}" cannot be computed from itself`, self.start);
    const loop = parsed.refs.find((r) => readsThrough(table, r.name, name, new Set()));
    if (loop) throw formulaError(`"${name}" cannot be computed from "${loop.name}", which is itself computed from "${name}"`, loop.start);
    // a column it reads has gone (deleted or renamed outside it): every row is NA, for that reason alone
    const gone = options.mode === 'recompute' ? unknownColumns(parsed, table.columns.map((c) => c.name)) : [];
    for (const g of gone) notes.push(`there is no column "${g}" any more, so all ${table.nrow} rows are NA`);
    value = gone.length ? { kind: 'const', value: null } : evalDataExpr(parsed.expr, ctx);
  } catch (e) {
    if (options.mode === 'strict') throw e;
    if (!isQuadratError(e) && !(e instanceof Error)) throw e;
    notes.push(`cannot be computed now (${e.message}), so all ${table.nrow} rows are NA`);
    value = { kind: 'const', value: null };
  }
  const column = { ...toColumn(value, name, table.nrow, options.previous), definition };
  return { column: keepLevelOrder(column, options.previous), warnings: notes.map((n) => `"${name}": ${n}.`) };
}

/** A constant fills every row (R recycles it); NA alone keeps the previous type, or is numeric. */
function toColumn(v: DValue, name: string, n: number, previous: Column | undefined): Column {
  switch (v.kind) {
    case 'num':
      return { name, type: 'numeric', values: v.values };
    case 'lgl':
      return { name, type: 'logical', values: v.values };
    case 'fac':
      return { name, type: 'factor', codes: v.codes, levels: v.levels };
    case 'const': {
      const x = v.value;
      if (typeof x === 'number') return { name, type: 'numeric', values: new Float64Array(n).fill(Number.isFinite(x) ? x : NaN) };
      if (typeof x === 'boolean') return { name, type: 'logical', values: new Int8Array(n).fill(x ? 1 : 0) };
      if (typeof x === 'string') return { name, type: 'factor', codes: new Int32Array(n), levels: [x] };
      if (previous?.type === 'factor') return { name, type: 'factor', codes: new Int32Array(n).fill(-1), levels: [] };
      if (previous?.type === 'logical') return { name, type: 'logical', values: new Int8Array(n).fill(-1) };
      return { name, type: 'numeric', values: new Float64Array(n).fill(NaN) };
    }
  }
}

/** Whether computed column `from` reads `target`, directly or through other computed columns. */
function readsThrough(table: Table, from: string, target: string, seen: Set<string>): boolean {
  const def = table.columns.find((c) => c.name === from)?.definition;
  if (def === undefined || seen.has(from)) return false;
  seen.add(from);
  let sources: readonly string[];
  try {
    sources = parseDataExpr(def).columns;
  } catch {
    return false;
  }
  return sources.includes(target) || sources.some((s) => readsThrough(table, s, target, seen));
}

function keepLevelOrder(c: Column, previous: Column | undefined): Column {
  if (c.type !== 'factor' || previous?.type !== 'factor' || previous.levels.length !== c.levels.length) return c;
  const index = new Map(previous.levels.map((l, k) => [l, k]));
  if (!c.levels.every((l) => index.has(l))) return c;
  const map = c.levels.map((l) => index.get(l)!);
  return { ...c, codes: c.codes.map((k) => (k < 0 ? -1 : map[k])), levels: previous.levels };
}
