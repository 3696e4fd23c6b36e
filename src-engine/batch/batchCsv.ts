/**
 * A batch as a tidy CSV: one row per unit and coefficient (and per unit and term test), with the
 * unit's flags repeated on each row, so it filters and pivots in R, Python or a spreadsheet.
 * A unit that failed gets one row with its error.
 */
import { type UnitResult } from './unitResult';

const HEADER = [
  'unit', 'kind', 'term', 'estimate', 'std_error', 'statistic', 'df', 'den_df', 'p_value', 'q_bh', 'q_by',
  'nobs', 'status', 'converged', 'singular', 'separation', 'overdispersion_ratio', 'too_few', 'reasons', 'error',
];

function cell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return 'NA';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? 'NaN' : v > 0 ? 'Inf' : '-Inf';
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function unitCells(r: UnitResult): (string | number | boolean | null)[] {
  const f = r.flags;
  return [r.nobs, r.status, f.converged, f.singular, f.separation ? f.separation.join('; ') : null, f.overdispersion?.ratio ?? null, f.tooFew, r.reasons.join(' '), r.error];
}

export function batchCsvLines(results: readonly UnitResult[]): string[] {
  const lines = [HEADER.join(',')];
  for (const r of results) {
    const tail = unitCells(r);
    if (r.status === 'error') lines.push([r.unit, 'error', null, null, null, null, null, null, null, null, null, ...tail].map(cell).join(','));
    for (const c of r.coefficients) lines.push([r.unit, 'coefficient', c.term, c.estimate, c.stdError, c.statistic, c.df, null, c.pValue, c.qBH, c.qBY, ...tail].map(cell).join(','));
    for (const t of r.tests) lines.push([r.unit, t.test === 'F' ? 'F test' : 'Wald chisq', t.term, null, null, t.statistic, t.df, t.denDf, t.pValue, t.qBH, t.qBY, ...tail].map(cell).join(','));
  }
  return lines;
}
