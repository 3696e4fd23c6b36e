/**
 * Conditional-mode tables in pages. A fit with many groups (one level per animal, plot or rater)
 * has a ranef table as long as its data; model.get carries the first RANEF_INLINE levels of each
 * grouping factor and the whole count, and model.ranef sends the rest a page at a time.
 */
import { QuadratError } from '../../src-engine/errors/quadratError';
import { RANEF_INLINE } from '../api/fitReportSchema';
import { type StoredFitReport } from '../api/shapes';

type Outline = NonNullable<StoredFitReport['diagnostics']>;
type GroupRows = Outline['ranef'][number];

/** Rows offset..offset+limit-1 of one grouping factor's table. */
function slice(g: GroupRows, offset: number, limit: number): GroupRows {
  const end = offset + limit;
  return { group: g.group, terms: g.terms, levels: g.levels.slice(offset, end), values: g.values.slice(offset, end), condSd: g.condSd.slice(offset, end) };
}

/** The report as model.get sends it: each factor's table cut to its first RANEF_INLINE levels, with `nLevels` when cut. */
export function withInlineRanef(report: StoredFitReport): StoredFitReport {
  const d = report.diagnostics;
  if (!d || d.ranef.every((g) => g.levels.length <= RANEF_INLINE)) return report;
  const ranef = d.ranef.map((g) => (g.levels.length <= RANEF_INLINE ? g : { ...slice(g, 0, RANEF_INLINE), nLevels: g.levels.length }));
  return { ...report, diagnostics: { ...d, ranef } };
}

/** One page of `group`'s table (model.ranef). */
export function ranefPage(report: StoredFitReport, fitName: string, group: string, offset: number, limit: number) {
  const g = report.diagnostics?.ranef.find((x) => x.group === group);
  if (!g) {
    const known = report.diagnostics?.ranef.map((x) => `"${x.group}"`).join(', ');
    throw new QuadratError('input', known ? `"${fitName}" has no grouping factor "${group}"; its grouping factors are ${known}.` : `"${fitName}" has no stored random effects.`);
  }
  const from = Math.min(offset, g.levels.length);
  return { ...slice(g, from, limit), nLevels: g.levels.length, offset: from };
}
