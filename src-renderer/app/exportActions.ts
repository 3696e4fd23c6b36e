/**
 * Saving what the user sees (docs/export.md): the current result or dataset, the paper exports and
 * a results table on the clipboard. In the browser a file is a download; in Electron the native
 * save dialog.
 */
import type { FileExportResult, ParamsIn } from '../../src-main/api/contract';
import { copyRich } from '../util/clipboard';
import { downloadResult, downloadText } from '../util/files';
import type { Workbench } from './workbench';

export type TableSource = ParamsIn<'export.table'>['source'];
export type ReportSettings = NonNullable<ParamsIn<'export.table'>['settings']>;

export class ExportActions {
  constructor(private readonly wb: Workbench) {}

  private get destination() {
    return this.wb.store.get().appInfo?.transport === 'electron' ? ({ kind: 'dialog' } as const) : ({ kind: 'inline' } as const);
  }

  /** Export what is in view: the open result as JSON, else the active dataset as CSV. */
  async exportCurrent(): Promise<void> {
    const { wb } = this;
    const { tab, openFitId, activeDatasetId } = wb.store.get();
    const destination = this.destination;
    const r =
      (tab === 'results' || tab === 'plots') && openFitId != null
        ? await wb.attempt('Export', () => wb.api.export.fitJson({ fitId: openFitId, destination }))
        : activeDatasetId != null
          ? await wb.attempt('Export', () => wb.api.export.datasetCsv({ datasetId: activeDatasetId, destination }))
          : null;
    if (!r) return;
    if (r.content != null) downloadText(r.fileName, r.mimeType, r.content);
    else if (r.path) wb.notify('info', `Saved ${r.path}`);
  }

  /** Runs an export and saves its result: a download in the browser, the native dialog in Electron. */
  async exportFile(what: string, fn: (destination: { kind: 'dialog' } | { kind: 'inline' }) => Promise<FileExportResult>): Promise<void> {
    const r = await this.wb.attempt(what, () => fn(this.destination));
    if (!r) return;
    if (r.content != null) downloadResult(r);
    else if (r.path) this.wb.notify('info', `Saved ${r.path}`);
  }

  /** A results table onto the clipboard: HTML for Word/LibreOffice, Markdown as the plain text. */
  async copyTable(source: TableSource, settings: ReportSettings = {}): Promise<void> {
    const { wb } = this;
    const inline = { kind: 'inline' } as const;
    const both = await wb.attempt('Copying the table', () =>
      Promise.all([
        wb.api.export.table({ source, format: 'html', settings, destination: inline }),
        wb.api.export.table({ source, format: 'md', settings, destination: inline }),
      ]),
    );
    if (!both) return;
    const [html, md] = both;
    if (copyRich(html.content ?? '', md.content ?? '')) wb.notify('info', 'Table copied: paste it into Word, LibreOffice or a Markdown file.');
    else wb.notify('error', 'The clipboard refused the table; use Download instead.');
  }
}
