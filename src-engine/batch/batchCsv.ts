/**
 * A batch as a tidy table: one row per unit and coefficient (and per unit and term test), with the
 * unit's flags repeated on each row, so it filters and pivots in R, Python or a spreadsheet. A unit
 * that failed gets one row with its error. The same rows are written as CSV and as Parquet.
 */
import { type UnitResult } from './unitResult';

export type Cell = string | number | boolean | null;

/** Column names and their types (Parquet's; CSV writes them all as text). */
export const BATCH_COLUMNS = [
  ['unit', 'STRING'], ['kind', 'STRING'], ['term', 'STRING'], ['estimate', 'DOUBLE'], ['std_error', 'DOUBLE'],
  ['statistic', 'DOUBLE'], ['df', 'DOUBLE'], ['den_df', 'DOUBLE'], ['p_value', 'DOUBLE'], ['q_bh', 'DOUBLE'], ['q_by', 'DOUBLE'],
  ['nobs', 'INT32'], ['status', 'STRING'], ['converged', 'BOOLEAN'], ['singular', 'BOOLEAN'], ['separation', 'STRING'],
  ['overdispersion_ratio', 'DOUBLE'], ['too_few', 'BOOLEAN'], ['reasons', 'STRING'], ['error', 'STRING'],
  // the Bayesian refit of a separated unit (--bayes-separated), on its coefficient rows: brms's summary columns
  ['bayes_estimate', 'DOUBLE'], ['bayes_est_error', 'DOUBLE'], ['bayes_l95', 'DOUBLE'], ['bayes_u95', 'DOUBLE'],
  ['bayes_rhat', 'DOUBLE'], ['bayes_bulk_ess', 'DOUBLE'], ['bayes_divergent', 'INT32'],
] as const;

const NO_BAYES: Cell[] = [null, null, null, null, null, null, null];

function bayesCells(r: UnitResult, term: string): Cell[] {
  const b = r.bayes?.coefficients.find((c) => c.term === term);
  return b ? [b.estimate, b.estError, b.lower95, b.upper95, b.rhat, b.bulkEss, r.bayes!.divergent] : NO_BAYES;
}

function unitCells(r: UnitResult): Cell[] {
  const f = r.flags;
  return [r.nobs, r.status, f.converged, f.singular, f.separation ? f.separation.join('; ') : null, f.overdispersion?.ratio ?? null, f.tooFew, r.reasons.join(' '), r.error];
}

export function batchRows(results: readonly UnitResult[]): Cell[][] {
  const rows: Cell[][] = [];
  for (const r of results) {
    const tail = unitCells(r);
    if (r.status === 'error') rows.push([r.unit, 'error', null, null, null, null, null, null, null, null, null, ...tail, ...NO_BAYES]);
    for (const c of r.coefficients) rows.push([r.unit, 'coefficient', c.term, c.estimate, c.stdError, c.statistic, c.df, null, c.pValue, c.qBH ?? null, c.qBY ?? null, ...tail, ...bayesCells(r, c.term)]);
    for (const t of r.tests) rows.push([r.unit, t.test === 'F' ? 'F test' : 'Wald chisq', t.term, null, null, t.statistic, t.df, t.denDf, t.pValue, t.qBH ?? null, t.qBY ?? null, ...tail, ...NO_BAYES]);
  }
  return rows;
}

/** A cell as R's write.csv writes it: NA for missing, TRUE/FALSE, quotes only where needed. */
function csvCell(v: Cell | undefined): string {
  if (v === null || v === undefined) return 'NA';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? 'NaN' : v > 0 ? 'Inf' : '-Inf';
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function batchCsvLines(results: readonly UnitResult[]): string[] {
  return [BATCH_COLUMNS.map(([name]) => name).join(','), ...batchRows(results).map((row) => row.map(csvCell).join(','))];
}
