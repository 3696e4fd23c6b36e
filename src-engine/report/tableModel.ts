/**
 * The report's table model: plain rows and typed columns that every output format (CSV, Markdown,
 * HTML, LaTeX, .docx) renders. A new table (emmeans, contrasts…) is one builder returning this shape;
 * no renderer changes. Numbers stay numbers here — each target formats them its own way.
 */

/** Rich text: plain strings and italic / subscript / superscript runs ("*t*", "*df*~num~", "χ²"). */
export type Run = string | { i: string } | { sub: string } | { sup: string };
export type Rich = Run[];

/**
 * How a column's numbers are written: 'number' with the estimate digits, 'df' whole or with dfDigits,
 * 'int' whole, 'p' as a p-value, 'corr' as correlations (several per cell, no leading zero), 'text'.
 */
export type CellKind = 'text' | 'number' | 'df' | 'int' | 'p' | 'corr';

export type CellValue = string | number | number[] | null;

export interface ReportColumn {
  key: string;
  label: Rich;
  kind: CellKind;
}

export interface ReportTable {
  /** Stable id ("fixed", "random", "anova", "comparison"). */
  id: string;
  /** APA table title, e.g. "Fixed Effects for Reaction". */
  title: string;
  columns: ReportColumn[];
  /** rows[r][c] belongs to columns[c]; null prints as empty. */
  rows: CellValue[][];
  /** Lines under the table; the first is prefixed "Note." by the renderers. */
  notes: Rich[];
}

export function plainText(r: Rich): string {
  return r.map((x) => (typeof x === 'string' ? x : 'i' in x ? x.i : 'sub' in x ? x.sub : x.sup)).join('');
}

/** Plain text for a CSV header: subscripts after a space ("df num"), superscripts inline ("χ2"). */
export function headerText(r: Rich): string {
  return r.map((x) => (typeof x === 'string' ? x : 'i' in x ? x.i : 'sub' in x ? ` ${x.sub}` : x.sup)).join('');
}
