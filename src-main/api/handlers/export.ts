/** export.*: a dataset as CSV, a fit as quadrat.fit/1 JSON; to a path, a save dialog, or inline. */
import { writeFileSync, renameSync } from 'node:fs';
import { QuadratError } from '../../../src-engine/errors/quadratError';
import { type AppContext, requireProject } from '../context';
import { type DomainHandlers } from '../dispatch';
import { type ExportResult } from '../shapes';
import { tableToCsv } from '../tableToCsv';
import { type z } from 'zod';
import { type destinationSchema } from '../shapes';
import { exportFigureHandler, exportRCode, exportReport, exportTable } from '../../export/apiExports';

type Destination = z.infer<typeof destinationSchema>;

async function deliver(ctx: AppContext, destination: Destination, fileName: string, mimeType: string, content: string): Promise<ExportResult> {
  let path: string | null;
  if (destination.kind === 'inline') return { path: null, fileName, mimeType, content };
  if (destination.kind === 'path') path = destination.path;
  else {
    if (!ctx.dialogs) throw new QuadratError('input', 'There is no save dialog in the browser; export inline (as a download) instead.');
    path = await ctx.dialogs.pickPath('export', fileName);
    if (path === null) return { path: null, fileName, mimeType, content: null };
  }
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    throw new QuadratError('input', `Could not write "${path}": ${(e as Error).message}`, { file: path });
  }
  return { path, fileName, mimeType, content: null };
}

/** A name usable as a file name on every OS: no path separators, reserved or control characters. */
function safeName(s: string): string {
  const cleaned = [...s].map((ch) => ('\\/:*?"<>|'.includes(ch) || ch.charCodeAt(0) < 32 ? '_' : ch)).join('');
  return cleaned.trim() || 'export';
}

export const exportHandlers = {
  'export.datasetCsv': (p, ctx) => {
    const datasets = requireProject(ctx).datasets;
    const info = datasets.info(p.datasetId);
    return deliver(ctx, p.destination, `${safeName(info.name)}.csv`, 'text/csv', tableToCsv(datasets.table(p.datasetId)));
  },
  'export.fitJson': (p, ctx) => {
    const { summary, report } = requireProject(ctx).fits.get(p.fitId);
    return deliver(ctx, p.destination, `${safeName(summary.name)}.json`, 'application/json', JSON.stringify(report, null, 2) + '\n');
  },
  // Paper exports: tables, reports, R code, figures (src-main/export/apiExports.ts, docs/export.md).
  'export.table': exportTable,
  'export.report': exportReport,
  'export.rCode': exportRCode,
  'export.figure': exportFigureHandler,
} satisfies DomainHandlers<'export'>;
