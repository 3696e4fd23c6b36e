/** What the marginal-means panel reads from the fit's formula: its response and its fixed factors. */
import type { ColumnInfo } from '../../src-main/api/contract';
import { type BuilderModel, FormulaSyntaxError, parseFormulaTerms } from '../model/formulaTerms';

/** The fit's formula as the builder reads it; null if it does not parse (then nothing is offered). */
export function builderModel(formula: string): BuilderModel | null {
  try {
    return parseFormulaTerms(formula).model;
  } catch (e) {
    if (e instanceof FormulaSyntaxError) return null;
    throw e;
  }
}

/** Factor columns that appear in the formula's fixed part (alone or in an interaction). */
export function fixedFactors(formula: string, columns: readonly ColumnInfo[]): string[] {
  const fixed = builderModel(formula)?.fixed ?? [];
  // every name in a fixed term: `a:b`, but also `a * b * c` or `(a + b)^2`, which the builder keeps whole
  const used = new Set(fixed.flatMap((t) => (t.match(/`[^`]+`|[A-Za-z.][A-Za-z0-9._]*/g) ?? []).map((v) => v.replace(/^`|`$/g, ''))));
  return columns.filter((c) => (c.type === 'factor' || c.type === 'logical') && used.has(c.name)).map((c) => c.name);
}
