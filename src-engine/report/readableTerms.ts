/**
 * Readable names for R's coefficient and term names, to print beside them in a paper's tables and
 * sentences: "FoodTreatmentSatiated:Sexmale" → "FoodTreatment: Satiated × Sex: male". Each part of an
 * interaction is read as a factor column's name followed by one of its levels (longest name first, so
 * a factor whose name begins another's is not mistaken for it); a factor's own name (an ANOVA term)
 * and anything else — covariates, I(x^2), log(x) — stay as R wrote them.
 */
import { type Table } from '../data/table';
import { type ReportTable } from './tableModel';

export interface FactorLevels {
  name: string;
  levels: readonly string[];
}

/** The factor columns of the fit's data, longest name first. */
export function factorLevelsOf(table: Table | undefined): FactorLevels[] {
  if (!table) return [];
  return table.columns
    .flatMap((c) => (c.type === 'factor' ? [{ name: c.name, levels: c.levels }] : []))
    .sort((a, b) => b.name.length - a.name.length);
}

/** The parts of an interaction: split at ':' outside parentheses and backticks. */
function parts(term: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < term.length; i++) {
    const c = term[i];
    if (c === '`') quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && c === ':') {
      out.push(term.slice(start, i));
      start = i + 1;
    }
  }
  out.push(term.slice(start));
  return out;
}

export function readableTerm(term: string, factors: readonly FactorLevels[]): string {
  if (term === '(Intercept)') return 'Intercept';
  return parts(term)
    .map((part) => {
      const bare = part.replace(/^`|`$/g, '');
      for (const f of factors) {
        if (bare === f.name) return f.name;
        if (bare.startsWith(f.name) && f.levels.includes(bare.slice(f.name.length))) return `${f.name}: ${bare.slice(f.name.length)}`;
      }
      return part;
    })
    .join(' × ');
}

/** The table with a column of readable names beside its 'term' column (unchanged when every name already reads so). */
export function withReadableTerms(t: ReportTable, factors: readonly FactorLevels[]): ReportTable {
  const at = t.columns.findIndex((c) => c.key === 'term');
  if (at < 0) return t;
  const names = t.rows.map((r) => (typeof r[at] === 'string' ? readableTerm(r[at] as string, factors) : null));
  if (names.every((n, i) => n === null || n === t.rows[i][at])) return t;
  return {
    ...t,
    columns: [...t.columns.slice(0, at + 1), { key: 'readable', label: ['In words'], kind: 'text' }, ...t.columns.slice(at + 1)],
    rows: t.rows.map((r, i) => [...r.slice(0, at + 1), names[i], ...r.slice(at + 1)]),
  };
}
