/**
 * What the random-effects check starts from: the builder's fixed part (response and fixed effects, no
 * random terms) and the columns that could be grouping factors. Pure: unit-tested in Node.
 */
import type { ColumnInfo } from '../../src-main/api/contract';
import { builderToFormula, FormulaSyntaxError, parseFormulaTerms, type BuilderModel } from '../model/formulaTerms';

/** The API checks at most this many candidates at once. */
export const MAX_CANDIDATES = 20;

/** `Reaction ~ Days` for a builder holding `Reaction ~ Days + (Days | Subject)`; null without a response. */
export function fixedPart(builder: BuilderModel): string | null {
  if (!builder.response.trim()) return null;
  return builderToFormula({ ...builder, random: [] });
}

export interface CandidateOption {
  name: string;
  type: ColumnInfo['type'];
  /** Number of levels (factors); null for text columns, whose distinct values the list does not know. */
  nLevels: number | null;
  /** Why the column cannot be a candidate, or null. */
  unusable: string | null;
  /** Ticked when the view opens. */
  byDefault: boolean;
}

/** Column names the fixed part mentions (the response included). */
function namesIn(fixedFormula: string | null): Set<string> {
  if (!fixedFormula) return new Set();
  try {
    return new Set(parseFormulaTerms(fixedFormula).variables.map((v) => v.name));
  } catch (e) {
    if (e instanceof FormulaSyntaxError) return new Set();
    throw e;
  }
}

/**
 * Factor and text columns, as candidates. By default: every factor not used in the fixed part with
 * 2 … n−1 levels (one level has no between-level variance; one level per row leaves no residual).
 */
export function candidateOptions(columns: readonly ColumnInfo[], nrow: number, fixedFormula: string | null): CandidateOption[] {
  const used = namesIn(fixedFormula);
  let ticked = 0;
  return columns
    .filter((c) => c.type === 'factor' || c.type === 'text')
    .map((c) => {
      const nLevels = c.type === 'factor' ? c.levels.length : null;
      let unusable: string | null = null;
      if (used.has(c.name)) unusable = 'in the fixed part';
      else if (nLevels !== null && nLevels < 2) unusable = 'only one level';
      else if (nLevels !== null && nLevels >= nrow) unusable = 'a level for every row';
      const byDefault = unusable === null && c.type === 'factor' && ticked < MAX_CANDIDATES;
      if (byDefault) ticked++;
      return { name: c.name, type: c.type, nLevels, unusable, byDefault };
    });
}
