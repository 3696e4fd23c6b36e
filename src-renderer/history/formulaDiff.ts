/**
 * What one model's formula changes against another's, term by term ("+ Days:Sex", "− (1 | Subject)"),
 * so two long formulas that look alike at a glance are told apart in the comparison.
 */
import { parseFormulaTerms, randomTermToString, type BuilderModel } from '../model/formulaTerms';

export interface FormulaDiff {
  added: string[];
  removed: string[];
}

function terms(m: BuilderModel): string[] {
  return [`response ${m.response}`, ...(m.intercept ? [] : ['0 (no intercept)']), ...m.fixed, ...m.random.map(randomTermToString)];
}

function parsed(formula: string): BuilderModel | null {
  try {
    return parseFormulaTerms(formula).model;
  } catch {
    return null;
  }
}

/** Terms in `to` but not `from` (added) and the reverse (removed); null when either does not parse. */
export function formulaDiff(from: string, to: string): FormulaDiff | null {
  const a = parsed(from);
  const b = parsed(to);
  if (!a || !b) return null;
  const ta = terms(a);
  const tb = terms(b);
  return { added: tb.filter((t) => !ta.includes(t)), removed: ta.filter((t) => !tb.includes(t)) };
}

/** "+ Days:Sex, − (1 | Subject)", or "same formula". */
export function diffText(d: FormulaDiff): string {
  const parts = [...d.added.map((t) => `+ ${t}`), ...d.removed.map((t) => `− ${t}`)];
  return parts.length ? parts.join(', ') : 'same formula';
}
