/**
 * What the report generators need beyond the FitReport: the options the fit was run with (the report
 * does not record the ANOVA type, and older reports have no `ddf`), the parsed formula and, when the
 * caller has it, the data table (for nested-vs-crossed detection and for the R code's factor levels).
 */
import { type Table } from '../data/table';
import { parseFormula, type ParsedFormula } from '../formula';
import { type FitReport } from '../lmm/fitReport';

export type DdfMethod = 'satterthwaite' | 'kenward-roger' | 'none';

export interface ReportOptions {
  ddf?: DdfMethod;
  anovaType?: 1 | 2 | 3;
  /** The table the model was fitted to (after any level reordering). */
  table?: Table;
  /** Column of prior weights (lmer's `weights =`), if the fit used one. */
  weights?: string;
  /** The row filter the fit used (src-engine/data/compute), if any. */
  filter?: string;
}

export interface ReportContext {
  report: FitReport;
  formula: ParsedFormula;
  ddf: DdfMethod;
  anovaType: 1 | 2 | 3;
  table?: Table;
  weights?: string;
  filter?: string;
}

export function reportContext(report: FitReport, options: ReportOptions = {}): ReportContext {
  const hasDf = report.fixed.some((f) => f.df !== null);
  return {
    report,
    formula: parseFormula(report.formula),
    ddf: options.ddf ?? report.ddf ?? (hasDf ? 'satterthwaite' : 'none'),
    anovaType: options.anovaType ?? 3,
    table: options.table,
    weights: options.weights,
    ...(options.filter ? { filter: options.filter } : {}),
  };
}

export const DDF_NAME: Record<DdfMethod, string> = {
  satterthwaite: "Satterthwaite's method",
  'kenward-roger': 'the Kenward–Roger method',
  none: 'none',
};

export const ROMAN = { 1: 'I', 2: 'II', 3: 'III' } as const;
