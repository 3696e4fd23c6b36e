/**
 * Fill a fit report's inference: the fixed-effects tests (df, p) and the ANOVA table, for the df
 * method asked for (Satterthwaite by default, as lmerTest's summary and anova).
 */
import { type LmmFit } from '../lmm/fitDesign';
import { type AnovaRow, type FitReport } from '../lmm/fitReport';
import { anovaTable } from './anova';
import { LmmInference } from './lmmInference';
import { fixedEffectTests, type FixedDdf } from './fixedEffects';

export interface InferenceRequest {
  ddf?: FixedDdf;
  anovaType?: 1 | 2 | 3;
}

/**
 * Fills report.fixed (df, p), report.ddf and, when asked, report.anova. The quadrat.fit/1 ANOVA rows
 * carry numbers only: a term with no estimable columns (lmerTest's empty row) is left out with a
 * warning, and with ddf "none" there is no table (lme4 gives F without df or p). The full lmerTest
 * table, empty rows included, is anovaTable().
 */
export function addInference(report: FitReport, fit: LmmFit, request: InferenceRequest): void {
  const ddf = request.ddf ?? 'satterthwaite';
  const inf = new LmmInference(fit);
  report.fixed = fixedEffectTests(inf, ddf);
  if (ddf !== 'asymptotic') report.ddf = ddf;
  const warn = (w: string) => {
    if (!report.warnings.includes(w)) report.warnings.push(w);
  };
  inf.varparWarnings().forEach(warn);
  if (!request.anovaType || ddf === 'none' || ddf === 'asymptotic') return;
  const table = anovaTable(inf, request.anovaType, ddf);
  table.messages.forEach(warn);
  const rows: AnovaRow[] = [];
  for (const r of table.rows) {
    if (r.numDf === null || r.denDf === null || r.fValue === null || r.pValue === null) {
      warn(`${r.term}: all its coefficients were dropped as aliased, so the ANOVA table has no test for it.`);
      continue;
    }
    rows.push({ term: r.term, sumSq: r.sumSq ?? undefined, meanSq: r.meanSq ?? undefined, numDf: r.numDf, denDf: r.denDf, fValue: r.fValue, pValue: r.pValue });
  }
  report.anova = rows;
}
