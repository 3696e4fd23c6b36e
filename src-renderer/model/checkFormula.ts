/**
 * Checks the formula as it is typed: the engine's parser (the same one the fit uses) for syntax,
 * then the columns it names against the active dataset. Returns the first problem with the
 * character range to underline, plus the builder's reading of the formula when it has one.
 */
import type { ColumnInfo } from '../../src-main/api/contract';
import { isQuadratError, parseFormula } from '../../src-engine/shared';
import { FormulaSyntaxError, parseFormulaTerms, type BuilderModel, type FormulaIssue } from './formulaTerms';

export interface FormulaCheck {
  model: BuilderModel | null;
  issue: FormulaIssue | null;
  warnings: string[];
}

export function checkFormula(text: string, columns: readonly ColumnInfo[] | null): FormulaCheck {
  if (!text.trim()) return { model: null, issue: null, warnings: [] };
  let warnings: string[] = [];
  try {
    warnings = [...parseFormula(text).warnings];
  } catch (e) {
    if (!isQuadratError(e)) throw e;
    const col = e.where?.column;
    const start = typeof col === 'number' ? Math.min(Math.max(0, col - 1), Math.max(0, text.length - 1)) : 0;
    const end = typeof col === 'number' ? start + 1 : text.length;
    return { model: safeTerms(text), issue: { message: e.message, start, end }, warnings: [] };
  }
  let parsed;
  try {
    parsed = parseFormulaTerms(text);
  } catch (e) {
    if (e instanceof FormulaSyntaxError) return { model: null, issue: e.issue, warnings };
    throw e;
  }
  if (columns) {
    const byName = new Map(columns.map((c) => [c.name, c]));
    for (const v of parsed.variables) {
      // R's constant pi, as the engine reads it when no column has that name
      if (!byName.has(v.name) && v.name !== 'pi') {
        return { model: parsed.model, issue: { message: `there is no column "${v.name}" in this dataset`, start: v.start, end: v.end }, warnings };
      }
    }
    for (const r of parsed.model.random) {
      for (const g of [...r.nestedIn, ...r.group.split(':')]) {
        if (byName.get(g)?.type === 'numeric') {
          warnings.push(`"${g}" is numeric; a grouping factor is usually a factor (set its type in the column menu)`);
        }
      }
    }
  }
  return { model: parsed.model, issue: null, warnings };
}

function safeTerms(text: string): BuilderModel | null {
  try {
    return parseFormulaTerms(text).model;
  } catch {
    return null;
  }
}
