/**
 * The paper-export API handlers (export.table, export.report, export.rCode, export.figure), wired
 * into src-main/api/handlers/export.ts. Each builds its content with the pure report code, then
 * delivers it to a path, a save dialog, or back inline (base64 for binary files).
 */
import { QuadratError } from '../../src-engine/errors/quadratError';
import { type Table } from '../../src-engine/data/table';
import { reportContext, type ReportContext } from '../../src-engine/report/context';
import { figureOptions } from '../../src-engine/report/figure';
import { formatSettings, type FormatSettings } from '../../src-engine/report/format';
import { rCode } from '../../src-engine/report/rCode';
import { tableToCsv } from '../../src-engine/report/render/csv';
import { tableToHtml } from '../../src-engine/report/render/html';
import { tableToLatex } from '../../src-engine/report/render/latex';
import { tableToMarkdown } from '../../src-engine/report/render/markdown';
import { type ReportTable } from '../../src-engine/report/tableModel';
import { anovaTable } from '../../src-engine/report/tables/anova';
import { countPartTable } from '../../src-engine/report/tables/countModel';
import { fixedEffectsTable } from '../../src-engine/report/tables/fixedEffects';
import { modelComparisonTable } from '../../src-engine/report/tables/modelComparison';
import { randomEffectsTable } from '../../src-engine/report/tables/randomEffects';
import { confintTable } from '../../src-engine/report/tables/confint';
import { contestTable } from '../../src-engine/report/tables/contest';
import { contrastsTable, emmeansTable } from '../../src-engine/report/tables/emmeans';
import { ranovaTable } from '../../src-engine/report/tables/ranova';
import { factorLevelsOf, withReadableTerms } from '../../src-engine/report/readableTerms';
import { bayesSummaryTable } from '../../src-engine/report/tables/bayesSummary';
import { predictionsTable } from '../../src-engine/report/tables/predictions';
import { stepFixedTable, stepRandomTable } from '../../src-engine/report/tables/step';
import { DDF_NAME } from '../../src-engine/report/context';
import { type Params } from '../api/contract';
import { type AppContext, requireProject } from '../api/context';
import { fitData } from '../api/fitData';
import { type FileExportResult } from '../api/exportShapes';
import { APP_VERSION } from '../api/version';
import { type FigureBrowser, launchChromium } from './figure';
import { FigureSession } from './figureSession';
import { REPORT_MIME, renderReport } from './report';
import { writeFileAtomic } from './writeFile';

type Destination = Params<'export.table'>['destination'];

/** A name usable as a file name on every OS. */
export function safeFileName(s: string): string {
  const cleaned = [...s].map((ch) => ('\\/:*?"<>|'.includes(ch) || ch.charCodeAt(0) < 32 ? '_' : ch)).join('');
  return cleaned.trim() || 'export';
}

export async function deliverFile(ctx: AppContext, destination: Destination, fileName: string, mimeType: string, content: string | Uint8Array): Promise<FileExportResult> {
  const encoding = typeof content === 'string' ? 'utf8' : 'base64';
  if (destination.kind === 'inline') return { path: null, fileName, mimeType, encoding, content: typeof content === 'string' ? content : Buffer.from(content).toString('base64') };
  let path: string | null;
  if (destination.kind === 'path') path = destination.path;
  else {
    if (!ctx.dialogs) throw new QuadratError('input', 'There is no save dialog in the browser; export inline (as a download) instead.');
    path = await ctx.dialogs.pickPath('export', fileName);
    if (path === null) return { path: null, fileName, mimeType, encoding, content: null };
  }
  writeFileAtomic(path, content);
  return { path, fileName, mimeType, encoding, content: null };
}

interface StoredFit {
  ctx: ReportContext;
  name: string;
  datasetName: string;
  spec: Params<'fit.start'>['spec'];
  table: Table | undefined;
  dataChanged: boolean;
}

function storedFit(ctx: AppContext, fitId: number): StoredFit {
  const project = requireProject(ctx);
  const { summary, report } = project.fits.get(fitId);
  let table: Table | undefined;
  if (summary.datasetId !== null) {
    try {
      table = fitData(project, summary.datasetId, summary.spec).table;
    } catch {
      table = undefined; // the dataset was deleted: report without the data-derived details
    }
  }
  const spec = summary.spec;
  return {
    // nlme's anova() is sequential (Type I)
    ctx: reportContext(report, { ddf: spec.ddf, anovaType: spec.nlme ? 1 : spec.anovaType, table: summary.dataChanged ? undefined : table, ...(spec.filter ? { filter: spec.filter } : {}) }),
    name: summary.name,
    datasetName: summary.datasetName,
    spec,
    table,
    dataChanged: summary.dataChanged,
  };
}

function settingsOf(p: { settings: Partial<FormatSettings> }): FormatSettings {
  return formatSettings(p.settings);
}

const TABLE_MIME = { csv: 'text/csv', md: 'text/markdown', html: 'text/html', tex: 'application/x-tex' } as const;

function renderTable(t: ReportTable, format: keyof typeof TABLE_MIME, s: FormatSettings): string {
  switch (format) {
    case 'csv':
      // CSV is for machines: every number at full precision, p as a number (rounding is for display)
      return tableToCsv(t, s, true);
    case 'md':
      return tableToMarkdown(t, s);
    case 'html':
      return tableToHtml(t, s);
    case 'tex':
      return tableToLatex(t, s);
  }
}

export async function exportTable(p: Params<'export.table'>, ctx: AppContext): Promise<FileExportResult> {
  const s = settingsOf(p);
  let table: ReportTable;
  let base: string;
  if (p.source.kind === 'fit') {
    const fit = storedFit(ctx, p.source.fitId);
    const which = p.source.table;
    const t =
      which === 'fixed' ? fixedEffectsTable(fit.ctx) : which === 'random' ? randomEffectsTable(fit.ctx) : which === 'anova' ? anovaTable(fit.ctx) : countPartTable(fit.ctx, which);
    if (!t && which === 'anova') throw new QuadratError('input', `Model "${fit.name}" has no ANOVA table (it was fitted without df for the tests, or has no fixed-effect terms).`);
    if (!t) throw new QuadratError('input', `Model "${fit.name}" has no ${which === 'zi' ? 'zero-inflation' : 'dispersion'} table (it is not a count model with such a formula).`);
    table = s.readableTerms ? withReadableTerms(t, factorLevelsOf(fit.ctx.table)) : t;
    base = `${fit.name} ${p.source.table}`;
  } else if (p.source.kind === 'emmeans') {
    const { emmeans, response, ddf } = p.source;
    const input = { ...emmeans, dfMethod: ddf ? DDF_NAME[ddf] : undefined };
    table = p.source.table === 'means' ? emmeansTable(input, response) : contrastsTable(input, response);
    base = `${emmeans.factor} ${p.source.table === 'means' ? 'marginal means' : 'contrasts'}`;
  } else if (p.source.kind === 'bayes') {
    const { summary, report } = requireProject(ctx).bayes.get(p.source.bayesId);
    table = bayesSummaryTable(report, summary.name);
    base = `${summary.name} posterior summary`;
  } else if (p.source.kind === 'ranova') {
    table = ranovaTable(p.source.ranova);
    base = 'random-effect tests';
  } else if (p.source.kind === 'confint') {
    table = confintTable(p.source.confint);
    base = `${p.source.confint.method} confidence intervals`;
  } else if (p.source.kind === 'step') {
    const input = { ...p.source.step, dfMethod: DDF_NAME[p.source.step.ddf], reml: p.source.reml };
    table = p.source.table === 'random' ? stepRandomTable(input, s) : stepFixedTable(input, s);
    base = `step ${p.source.table} effects`;
  } else if (p.source.kind === 'predictions') {
    const { predictions, response, columns, values } = p.source;
    if (values.length !== predictions.rows.length) throw new QuadratError('input', 'The predictions table needs one row of values per prediction.');
    table = predictionsTable({ ...predictions, response, columns, values });
    base = `predicted ${response}`;
  } else if (p.source.kind === 'contest') {
    const { contest, labels } = p.source;
    table = contestTable({ ...contest, labels, dfMethod: DDF_NAME[contest.ddf] }, s);
    base = 'contrasts';
  } else {
    const { comparison, formulas } = p.source;
    table = modelComparisonTable({ refitted: comparison.refitted, rows: comparison.rows.map((r, k) => ({ ...r, formula: formulas?.[k] })) });
    base = 'model comparison';
  }
  // A BOM so Excel reads the UTF-8 CSV (χ², ü, −) as UTF-8 rather than the ANSI code page.
  const text = (p.format === 'csv' ? '\uFEFF' : '') + renderTable(table, p.format, s);
  return deliverFile(ctx, p.destination, `${safeFileName(base)}.${p.format}`, TABLE_MIME[p.format], text);
}

function fitRCode(fit: StoredFit): string {
  if (!fit.table) throw new QuadratError('input', `The dataset of model "${fit.name}" was deleted, so its R code cannot set the factor levels.`);
  const code = rCode({
    formula: fit.spec.formula,
    reml: fit.spec.reml,
    ddf: fit.spec.ddf,
    anovaType: fit.spec.anovaType,
    ...(fit.spec.weights ? { weights: fit.spec.weights } : {}),
    family: fit.spec.family,
    link: fit.spec.link,
    nAGQ: fit.spec.nAGQ,
    ...(fit.spec.subset ? { subset: fit.spec.subset } : {}),
    ...(fit.spec.filter ? { filter: fit.spec.filter } : {}),
    ...(fit.spec.nlme ? { nlme: fit.spec.nlme } : {}),
    ...(fit.spec.tmb ? { tmb: fit.spec.tmb } : {}),
    table: fit.table,
    // The dataset as export.datasetCsv writes it (R's write.csv format).
    source: { kind: 'delimited', path: `${safeFileName(fit.datasetName)}.csv`, sep: ',', decimal: '.', encoding: 'utf-8', naStrings: ['NA'] },
    origin: `model "${fit.name}" in Quadrat ${APP_VERSION}; export the dataset "${fit.datasetName}" as CSV beside this script`,
  });
  return fit.dataChanged ? `# Note: the dataset changed after this model was fitted; the code reads the current data.\n${code}` : code;
}

export async function exportReport(p: Params<'export.report'>, ctx: AppContext): Promise<FileExportResult> {
  const fit = storedFit(ctx, p.fitId);
  const content = await renderReport(fit.ctx, p.format, {
    software: { name: 'Quadrat', version: APP_VERSION },
    format: settingsOf(p),
    rCode: p.includeRCode && fit.table ? fitRCode(fit) : undefined,
  });
  return deliverFile(ctx, p.destination, `${safeFileName(fit.name)}.${p.format}`, REPORT_MIME[p.format], content);
}

export async function exportRCode(p: Params<'export.rCode'>, ctx: AppContext): Promise<FileExportResult> {
  const fit = storedFit(ctx, p.fitId);
  return deliverFile(ctx, p.destination, `${safeFileName(fit.name)}.R`, 'text/x-r', fitRCode(fit));
}

/** Figure export keeps one warm browser (figureSession.ts); the Electron app installs its own (see docs/export.md). */
let figures = new FigureSession(launchChromium);
export function setFigureBrowserFactory(f: () => Promise<FigureBrowser>): void {
  void figures.close();
  figures = new FigureSession(f);
}

/** Close the figure browser (app shutdown). */
export function closeFigureExports(): Promise<void> {
  return figures.close();
}

export async function exportFigureHandler(p: Params<'export.figure'>, ctx: AppContext): Promise<FileExportResult> {
  const o = figureOptions(p.options);
  const file = await figures.render(p.figure, o);
  return deliverFile(ctx, p.destination, `${safeFileName(p.name)}.${file.extension}`, file.mimeType, file.content);
}

