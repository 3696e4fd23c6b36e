/**
 * The rows a fit uses: the whole dataset, R's `subset = column == "value"` (one locus of a batch,
 * one species), and/or a row filter (subset(d, year >= 2010 & …)). Every place that fits or refits a stored spec reads its data here, so a
 * refit (ML for a comparison, a bootstrap, profile intervals) sees the same rows as the fit.
 */
import { isQuadratError, QuadratError } from '../../src-engine/errors/quadratError';
import { columnLabels, subsetRows, type Table } from '../../src-engine/data/table';
import { filterRows } from '../../src-engine/data/compute/rowFilter';
import { type Project } from '../store/project';
import { type FitSummary, type ModelSpec } from './shapes';

export interface FitData {
  table: Table;
  /** Data rows (0-based) of the subset's rows, or null for the whole dataset. */
  rows: Int32Array | null;
}

/** Rows where the column's label equals `value` (factor level, text, number or TRUE/FALSE as the grid shows it). */
export function subsetRowsOf(table: Table, column: string, value: string): Int32Array {
  const col = table.columns.find((c) => c.name === column);
  if (!col) throw new QuadratError('input', `The subset names the column "${column}", which the dataset does not have.`, { columnName: column });
  const rows: number[] = [];
  columnLabels(col).forEach((label, i) => {
    if (label === value) rows.push(i);
  });
  if (rows.length === 0) throw new QuadratError('input', `No row has ${column} = "${value}", so the subset is empty.`, { columnName: column });
  return Int32Array.from(rows);
}

export function fitData(project: Project, datasetId: number, spec: Pick<ModelSpec, 'subset' | 'filter'>): FitData {
  return rowsOfSpec(project.datasets.table(datasetId), spec);
}

/** The spec's rows of a table: the subset's, then those of them the filter keeps. */
export function rowsOfSpec(table: Table, spec: Pick<ModelSpec, 'subset' | 'filter'>): FitData {
  if (!spec.subset && !spec.filter) return { table, rows: null };
  let rows = spec.subset ? subsetRowsOf(table, spec.subset.column, spec.subset.value) : null;
  if (spec.filter) {
    const kept = filteredRows(rows ? subsetRows(table, rows) : table, spec.filter);
    rows = rows ? kept.map((k) => rows![k]) : kept;
  }
  return { table: subsetRows(table, rows!), rows };
}

/** The filter's rows; its errors say they are the filter's (a character position would otherwise read as the formula's). */
function filteredRows(table: Table, filter: string): Int32Array {
  try {
    return filterRows(table, filter).rows;
  } catch (e) {
    if (!isQuadratError(e)) throw e;
    const at = e.kind === 'formula' && e.where?.column !== undefined ? ` (at character ${e.where.column} of the filter)` : '';
    throw new QuadratError('input', `The row filter "${filter}": ${e.message}${at}`, e.where);
  }
}

/**
 * A stored lme4 fit and the table it is refitted on (the advisor, predictions, effect plots, Learn
 * mode's X and Z): an nlme fit or a count model (glmmTMB), deleted data, or data changed since the fit are refused with the reason
 * — a refit on other data would describe another model.
 */
export function lme4Refit(project: Project, fitId: number, what: string): { summary: FitSummary; table: Table } {
  const summary = project.fits.fitSummary(fitId);
  if (summary.spec.nlme) throw new QuadratError('input', `${what} ${what.endsWith('s') ? 'are' : 'is'} for lme4 fits (lmer/glmer); an nlme fit (gls/lme) has its own intervals() and anova().`);
  if (summary.spec.tmb) throw new QuadratError('input', `${what} ${what.endsWith('s') ? 'are' : 'is'} for lme4 fits (lmer/glmer); a count model (glmmTMB) has its summary tables and the AIC comparison.`);
  if (summary.datasetId === null) throw new QuadratError('input', `The data of "${summary.name}" were deleted, so it cannot be refitted for ${what.toLowerCase()}.`);
  if (summary.dataChanged) throw new QuadratError('model', `"${summary.name}" was fitted to data that has changed since, so refitting it for ${what.toLowerCase()} would describe another model. Fit the model again first.`);
  return { summary, table: fitData(project, summary.datasetId, summary.spec).table };
}
