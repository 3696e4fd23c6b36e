/** The engine's entry point for GLMMs: table + lme4 formula + family → quadrat.fit/1 report. */
import { originalScale } from '../inference/originalScale';
import { type Table } from '../data/table';
import { type FitControl } from '../lmm/fitDesign';
import { type FitReport } from '../lmm/fitReport';
import { fitGlmmTable, type GlmmRequest } from './fitGlmm';
import { buildGlmmReport } from './report';

declare const performance: { now(): number };

export function fitGlmm(table: Table, request: GlmmRequest, control: FitControl = {}): FitReport {
  const t0 = performance.now();
  const fit = fitGlmmTable(table, request, control);
  const report = buildGlmmReport(fit, request.formula, 0, control.simulatedResiduals !== false);
  const original = originalScale(table, request.formula, report);
  if (original) report.originalScale = original;
  report.timing.fitMs = performance.now() - t0;
  return report;
}
