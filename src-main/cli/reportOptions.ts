/**
 * `quadrat fit` options for papers: --report FILE.(docx|html|md|tex) writes methods, results sentences,
 * APA tables, references and the R code; --r-code prints the equivalent lme4/lmerTest R code instead
 * of the summary. Kept apart from fit.ts so that file only wires them in.
 */
import { type DataFileResult } from '../../src-engine/io/readDataFile';
import { type FitReport } from '../../src-engine/lmm/fitReport';
import { type LmmRequest } from '../../src-engine/lmm/fitLmm';
import { reportContext } from '../../src-engine/report/context';
import { formatSettings, type PStyle } from '../../src-engine/report/format';
import { rCode, type RDataSource } from '../../src-engine/report/rCode';
import { APP_VERSION } from '../api/version';
import { renderReport, reportFormatOf } from '../export/report';
import { writeFileAtomic } from '../export/writeFile';
import { type OptionSpec, type ParsedOptions, UsageError } from './args';

export const REPORT_SPEC: Record<string, OptionSpec> = {
  report: { kind: 'value', help: 'also write a report for papers: FILE.docx, .html, .md or .tex (docs/export.md)' },
  'r-code': { kind: 'flag', help: 'print the equivalent lme4/lmerTest R code instead of the summary' },
  'report-digits': { kind: 'value', help: 'decimals in the report (default 2)' },
  'report-p': { kind: 'value', help: 'p-values in the report: apa (default, "< .001"), decimal ("< 0.001"), scientific' },
  'report-comma': { kind: 'flag', help: 'decimal comma in the report' },
  'report-readable': { kind: 'flag', help: 'readable term names beside R\'s in the report ("Sex: male" beside Sexmale)' },
};

export function checkReportOptions(opts: ParsedOptions): void {
  if (opts['r-code'] && opts.json) throw new UsageError('fit: --r-code prints R code; it cannot be combined with --json');
  if (typeof opts.report === 'string') reportFormatOf(opts.report);
  settings(opts);
}

function settings(opts: ParsedOptions) {
  let digits: number | undefined;
  if (typeof opts['report-digits'] === 'string') {
    digits = Number(opts['report-digits']);
    if (!Number.isInteger(digits) || digits < 0 || digits > 12) throw new UsageError(`fit: --report-digits must be a whole number from 0 to 12 (got '${opts['report-digits']}')`);
  }
  let pStyle: PStyle | undefined;
  if (typeof opts['report-p'] === 'string') {
    if (!['apa', 'decimal', 'scientific'].includes(opts['report-p'])) throw new UsageError(`fit: --report-p must be apa, decimal or scientific (got '${opts['report-p']}')`);
    pStyle = opts['report-p'] as PStyle;
  }
  return formatSettings({ ...(digits !== undefined ? { digits } : {}), ...(pStyle ? { pStyle } : {}), decimalComma: opts['report-comma'] === true, readableTerms: opts['report-readable'] === true });
}

function dataSource(data: DataFileResult, naStrings: readonly string[] | undefined): RDataSource {
  const f = data.format;
  return f.kind === 'xlsx'
    ? { kind: 'xlsx', path: data.file, sheet: f.sheet, naStrings }
    : { kind: 'delimited', path: data.file, sep: f.sep, decimal: f.decimal, encoding: f.encoding, naStrings };
}

/**
 * Write the --report file (if asked) and return the R code when --r-code asks for it on stdout.
 * `request` is what the fit was run with.
 */
export async function reportOutputs(opts: ParsedOptions, report: FitReport, data: DataFileResult, request: LmmRequest, naStrings?: readonly string[]): Promise<string | null> {
  const wantCode = opts['r-code'] === true;
  if (!wantCode && typeof opts.report !== 'string') return null;
  const ddf = request.ddf ?? 'satterthwaite';
  const anovaType = request.anovaType ?? 3;
  const code = rCode({
    formula: request.formula,
    reml: request.reml,
    ddf,
    anovaType,
    weights: request.weights,
    family: request.family,
    link: request.link,
    nAGQ: request.nAGQ,
    ...(typeof opts.filter === 'string' ? { filter: opts.filter } : {}),
    table: data.table,
    source: dataSource(data, naStrings),
    origin: `quadrat fit (Quadrat ${APP_VERSION})`,
  });
  if (typeof opts.report === 'string') {
    const ctx = reportContext(report, { ddf, anovaType, table: data.table, weights: request.weights, ...(typeof opts.filter === 'string' ? { filter: opts.filter } : {}) });
    const content = await renderReport(ctx, reportFormatOf(opts.report), { software: { name: 'Quadrat', version: APP_VERSION }, format: settings(opts), rCode: code });
    writeFileAtomic(opts.report, content);
  }
  return wantCode ? code : null;
}
