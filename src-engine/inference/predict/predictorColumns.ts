/**
 * The data columns a new row needs for predict(): every column named on the right of the formula
 * (fixed terms, offsets, random-effects slopes and grouping factors), in formula order, with the
 * functions applied to them. Pure: the model builder
 * shows these as the columns of the prediction table.
 */
import { analyzeFormula } from '../../formula/analyze';
import { type Expr, forEachNode } from '../../formula/ast';
import { deparse } from '../../formula/deparse';

export interface PredictorColumns {
  /** Columns the fixed part (and offsets, slopes) reads. */
  readonly columns: readonly string[];
  /** Columns that only name groups: a value the fit has not seen is a new group. */
  readonly groups: readonly string[];
  /** Functions called on the predictors, e.g. log, I, scale. */
  readonly calls: readonly string[];
}

export interface PredictorExpr {
  readonly label: string;
  readonly expr: Expr;
  /** A grouping column (named as a column, not evaluated). */
  readonly group: boolean;
}

function walk(e: Expr, names: string[], calls: Set<string>): void {
  forEachNode(e, (n) => {
    if (n.kind === 'name' && n.name !== 'pi' && !names.includes(n.name)) names.push(n.name);
    if (n.kind === 'call') calls.add(n.fn);
  });
}

/** Every model-frame variable on the right of the formula, labelled as the model frame labels it. */
export function predictorExprs(formula: string): PredictorExpr[] {
  const a = analyzeFormula(formula);
  const out: PredictorExpr[] = [];
  a.fixed.vars.exprs.forEach((e, k) => k > 0 && out.push({ label: a.fixed.vars.labels[k], expr: e, group: false }));
  a.fixed.terms.offsets.forEach((e) => out.push({ label: deparse(e), expr: e, group: false }));
  for (const r of a.random) {
    r.lhs.vars.exprs.forEach((e, k) => out.push({ label: r.lhs.vars.labels[k], expr: e, group: false }));
    for (const leaf of r.group.groups[0].leaves) out.push({ label: leaf.name, expr: leaf, group: true });
  }
  return out;
}

export function predictorColumns(formula: string): PredictorColumns {
  const exprs = predictorExprs(formula);
  const fixed: string[] = [];
  const calls = new Set<string>();
  for (const p of exprs) if (!p.group) walk(p.expr, fixed, calls);
  const all = [...fixed];
  for (const p of exprs) if (p.group) walk(p.expr, all, calls);
  return { columns: fixed, groups: all.filter((c) => !fixed.includes(c)), calls: [...calls] };
}
