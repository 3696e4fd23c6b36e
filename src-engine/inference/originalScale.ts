/**
 * The fixed effects of a model with scale(x) terms read back on the original scale of x — what the
 * design check promises when it offers centring and scaling. scale(x) = (x − m)/s with m and s from
 * every row of the data (R evaluates scale() before dropping rows with missing values), so the
 * coefficient b of scale(x) is b/s per unit of x, and the intercept (at x = 0) is β₀ − Σ b·m/s; the
 * covariance follows by the same linear map, V' = A V Aᵀ. The fit with x itself gives these numbers
 * when the model is invariant to the change (scale(x) as a main effect only; tested against lmer with
 * x). Returns null when there is nothing to transform, or when a scaled variable is in an interaction
 * (its coefficients no longer map one to one) or the model has no intercept.
 */
import { type Table } from '../data/table';
import { analyzeFormula } from '../formula/analyze';
import { deparse } from '../formula/deparse';
import { termVariables } from '../formula/terms';
import { evaluateVariable, scaleParams } from '../design/evaluate';
import { type FitReport } from '../lmm/fitReport';

export interface OriginalScale {
  rows: { term: string; estimate: number; stdError: number }[];
  /** Each scaled variable's centre and scale, as scale() computed them. */
  scaled: { variable: string; mean: number; sd: number }[];
}

export function originalScale(table: Table, formula: string, report: Pick<FitReport, 'fixed' | 'diagnostics'>): OriginalScale | null {
  const a = analyzeFormula(formula);
  const { vars, terms } = a.fixed;
  const scaledVars = vars.exprs.flatMap((e, k) => (k > 0 && e.kind === 'call' && e.fn === 'scale' && e.args.length === 1 && !e.args[0].name ? [{ label: vars.labels[k], arg: e.args[0].value }] : []));
  if (scaledVars.length === 0 || !terms.intercept) return null;
  const inInteraction = new Set(terms.bits.filter((b) => termVariables(b).length > 1).flatMap((b) => termVariables(b).map((k) => vars.labels[k])));
  if (scaledVars.some((v) => inInteraction.has(v.label))) return null;
  const names = report.fixed.map((f) => f.term);
  const p = names.length;
  const V = report.diagnostics?.vcov;
  if (!V || V.length !== p * p || names[0] !== '(Intercept)') return null;
  // A: β' = Aβ
  const A = new Float64Array(p * p);
  for (let j = 0; j < p; j++) A[j * p + j] = 1;
  const scaled: OriginalScale['scaled'] = [];
  const rename = new Map<number, string>();
  for (const v of scaledVars) {
    const j = names.indexOf(v.label);
    if (j < 0) continue; // dropped as rank-deficient
    const x = evaluateVariable(v.arg, { table, factors: new Set(), warnings: [] });
    if (x.type !== 'numeric') return null;
    const { mean, sd } = scaleParams(x.values);
    A[j * p + j] = 1 / sd;
    A[0 * p + j] = -mean / sd;
    scaled.push({ variable: deparse(v.arg), mean, sd });
    rename.set(j, deparse(v.arg));
  }
  if (scaled.length === 0) return null;
  const beta = report.fixed.map((f) => f.estimate);
  const rows = names.map((term, i) => {
    let est = 0;
    for (let j = 0; j < p; j++) est += A[i * p + j] * beta[j];
    let v = 0;
    for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) v += A[i * p + j] * V[j * p + k] * A[i * p + k];
    return { term: rename.get(i) ?? term, estimate: est, stdError: Math.sqrt(v) };
  });
  return { rows, scaled };
}
