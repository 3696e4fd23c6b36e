/**
 * The model frame: every variable the model uses (response, fixed and random terms, grouping columns,
 * offsets, weights), evaluated on all rows, then restricted to the rows where none is missing, with
 * factor levels that no longer occur dropped — as lme4's model.frame(…, drop.unused.levels = TRUE).
 */
import { QuadratError } from '../errors/quadratError';
import { type Expr } from '../formula/ast';
import { type FormulaAnalysis } from '../formula/analyze';
import { deparse } from '../formula/deparse';
import { evaluateVariable, lookupColumn, type EvalContext } from './evaluate';
import { markMissing, subsetValue, type Value } from './values';

export interface ModelFrame {
  /** Rows of the table used, 0-based. */
  readonly rows: Int32Array;
  readonly nDropped: number;
  /** Variables by R label ("Days", "log(Reaction)", "Subject"), restricted to `rows`. */
  readonly values: ReadonlyMap<string, Value>;
  /** Weights column restricted to `rows`, if any. */
  readonly weights: Float64Array | undefined;
  /** Human summary of which variables caused dropped rows: "Reaction: 3". */
  readonly missingBy: readonly string[];
}

interface Entry {
  readonly label: string;
  readonly expr: Expr | undefined;
  readonly value: Value;
}

export function buildModelFrame(a: FormulaAnalysis, ctx: EvalContext, weightsColumn: string | undefined): ModelFrame {
  const entries = new Map<string, Entry>();
  const add = (label: string, expr: Expr, asColumn = false) => {
    if (entries.has(label)) return;
    const value = asColumn && expr.kind === 'name' ? lookupColumn(ctx, expr.name, expr) : evaluateVariable(expr, ctx);
    entries.set(label, { label, expr, value });
  };
  const { response, fixed, random } = a;
  if (response.parts) response.parts.forEach((p) => add(labelOf(p), p));
  else add(response.label, response.expr);
  fixed.vars.exprs.forEach((e, k) => k > 0 && add(fixed.vars.labels[k], e));
  fixed.terms.offsets.forEach((e) => add(labelOf(e), e));
  for (const r of random) {
    r.lhs.vars.exprs.forEach((e, k) => add(r.lhs.vars.labels[k], e));
    for (const leaf of r.group.groups[0].leaves) add(leaf.name, leaf, true);
  }

  const n = ctx.table.nrow;
  let weightsAll: Float64Array | undefined;
  if (weightsColumn !== undefined) {
    const col = ctx.table.columns.find((c) => c.name === weightsColumn);
    if (!col) throw new QuadratError('input', `There is no column "${weightsColumn}" for the weights.`, { columnName: weightsColumn });
    if (col.type !== 'numeric') throw new QuadratError('input', `The weights column "${weightsColumn}" must be numeric.`, { columnName: weightsColumn });
    weightsAll = col.values;
    for (const w of weightsAll) if (w < 0) throw new QuadratError('data', `Negative weights are not allowed (column "${weightsColumn}").`, { columnName: weightsColumn });
  }

  const missing = new Uint8Array(n);
  const missingBy: string[] = [];
  for (const e of entries.values()) {
    const k = markMissing(e.value, missing);
    if (k) missingBy.push(`${e.label}: ${k}`);
  }
  if (weightsAll) {
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(weightsAll[i])) {
        k++;
        missing[i] = 1;
      }
    }
    if (k) missingBy.push(`${weightsColumn}: ${k}`);
  }
  let kept = 0;
  for (let i = 0; i < n; i++) if (!missing[i]) kept++;
  const rows = new Int32Array(kept);
  for (let i = 0, j = 0; i < n; i++) if (!missing[i]) rows[j++] = i;

  if (kept === 0) {
    const responseMissing = response.parts ? false : entries.get(response.label)!.value;
    if (responseMissing) {
      if (markMissing(responseMissing, new Uint8Array(n)) === n) throw new QuadratError('data', `The response ${response.label} has no non-missing values.`, { columnName: response.label });
    }
    throw new QuadratError('data', `No rows are left: every row has a missing value in a model variable (${missingBy.join(', ')}).`);
  }
  const values = new Map<string, Value>();
  for (const e of entries.values()) values.set(e.label, subsetValue(e.value, rows));
  const weights = weightsAll ? Float64Array.from(rows, (i) => weightsAll![i]) : undefined;
  return { rows, nDropped: n - kept, values, weights, missingBy };
}

/** Offsets and cbind parts are keyed by their R text, like any other model-frame variable. */
export const labelOf = (e: Expr): string => deparse(e);
