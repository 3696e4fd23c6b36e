/**
 * The datasets of the open project: importing (file input, drop, native dialog, examples), choosing
 * the one shown (each with its own builder), renaming, deleting, and the data edits with undo/redo.
 */
import type { DatasetInfo, EditResult } from '../../src-main/api/contract';
import { formatBytes, uploadPercent } from '../util/files';
import { activeDataset } from './state';
import type { Workbench } from './workbench';

export class DatasetActions {
  constructor(private readonly wb: Workbench) {}

  private get s() {
    return this.wb.store.get();
  }

  async openExample(name: string): Promise<void> {
    const { wb } = this;
    await wb.projects.busyWith('Opening the example…', async () => {
      if (!this.s.project) {
        const p = await wb.attempt('Opening the example', () => wb.api.project.openExample({ name }));
        if (p) await wb.projects.load(p);
        return;
      }
      const r = await wb.attempt('Opening the example', () => wb.api.dataset.import({ source: { kind: 'example', name } }));
      if (r) this.add(r.dataset, r.warnings);
    });
    this.presetExampleModel(name);
  }

  /** An example opens with its first model in the builder (formula and family), ready to fit. */
  private presetExampleModel(name: string): void {
    const model = this.s.examples.find((e) => e.name === name)?.model;
    if (!model || !activeDataset(this.s)) return;
    this.wb.builder.setFormulaText(model.formula);
    // examples' first models are lme4 formulas (random terms in the formula)
    this.wb.builder.setOptions({ family: model.family, link: model.link, nAGQ: 1, nlme: undefined, tmb: undefined });
    this.wb.persistUi();
  }

  async importFiles(files: File[]): Promise<void> {
    const { wb } = this;
    if (files.length === 0) return;
    await wb.projects.busyWith(`Importing ${files.map((f) => f.name).join(', ')}…`, async () => {
      if (!(await wb.projects.ensure())) return;
      for (const file of files) {
        // streamed to the server (browser) or read from its path (Electron); the busy line shows the bytes sent
        const r = await wb.attempt(`Importing ${file.name}`, () =>
          wb.api.upload(file, { fileName: file.name }, ({ loaded, total }) =>
            wb.store.set({ busy: loaded < total ? `Uploading ${file.name}… ${uploadPercent(loaded, total)}` : `Importing ${file.name} (${formatBytes(total)} sent)…` }),
          ),
        );
        if (r) this.add(r.dataset, r.warnings);
      }
    });
  }

  /** Import through the native file dialog; without one, the page's file input opens instead. */
  async importWithDialog(): Promise<void> {
    const { wb } = this;
    if (!this.s.appInfo?.fileDialogs) {
      document.querySelector<HTMLInputElement>('[data-testid="import-input"]')?.click();
      return;
    }
    const r = await wb.attempt('Choosing a file', () => wb.api.app.pickPath({ purpose: 'import-data' }));
    const path = r?.path;
    if (!path) return;
    await wb.projects.busyWith('Importing…', async () => {
      if (!(await wb.projects.ensure())) return;
      const imp = await wb.attempt('Importing', () => wb.api.dataset.import({ source: { kind: 'path', path } }));
      if (imp) this.add(imp.dataset, imp.warnings);
    });
  }

  private add(d: DatasetInfo, warnings: string[]): void {
    this.wb.store.set((s) => ({ datasets: [...s.datasets.filter((x) => x.id !== d.id), d], tab: 'data' }));
    this.show(d.id);
    for (const w of warnings) this.wb.notify('warning', w);
    this.wb.persistUi();
  }

  select(id: number): void {
    if (!this.s.datasets.some((x) => x.id === id)) return;
    this.wb.store.set({ tab: 'data' });
    this.show(id);
    this.wb.persistUi();
  }

  /**
   * Shows another dataset with its own builder: the one left is kept for when the user comes back,
   * and a dataset never shown before starts empty (issue 17).
   */
  show(id: number): void {
    const { wb } = this;
    const from = this.s.activeDatasetId;
    if (from === id) return;
    if (from != null && this.s.datasets.some((d) => d.id === from)) wb.builder.keep(from, wb.bayes.choices());
    const bayes = wb.builder.show(id, { activeDatasetId: id, selectedRow: null });
    // after the formula: the prior table is asked for the dataset's own model
    wb.bayes.useChoices(bayes);
  }

  async rename(name: string): Promise<void> {
    const id = this.s.activeDatasetId;
    if (id == null) return;
    const d = await this.wb.attempt('Renaming the dataset', () => this.wb.api.dataset.rename({ datasetId: id, name }));
    if (d) this.replace(d);
  }

  async delete(id: number): Promise<void> {
    const { wb } = this;
    const r = await wb.attempt('Deleting the dataset', () => wb.api.dataset.delete({ datasetId: id }));
    if (!r) return;
    wb.builder.forget(id);
    const datasets = this.s.datasets.filter((d) => d.id !== id);
    if (this.s.activeDatasetId === id) {
      // the deleted dataset's builder goes with it: the next one shows its own
      wb.store.set({ datasets, activeDatasetId: null });
      if (datasets[0]) this.show(datasets[0].id);
      else wb.builder.clearShown();
    } else wb.store.set({ datasets });
    await wb.fits.refresh();
    wb.persistUi();
  }

  private replace(d: DatasetInfo): void {
    this.wb.store.set((s) => ({ datasets: s.datasets.map((x) => (x.id === d.id ? d : x)), dataVersion: s.dataVersion + 1 }));
  }

  /** Runs one data edit (one undo step) on the active dataset. */
  async edit(what: string, fn: (datasetId: number) => Promise<EditResult>): Promise<boolean> {
    const id = this.s.activeDatasetId;
    if (id == null) return false;
    const r = await this.wb.attempt(what, () => fn(id));
    if (!r) {
      this.wb.store.set((s) => ({ dataVersion: s.dataVersion + 1 })); // put the grid back as it was
      return false;
    }
    this.editDone(r);
    return true;
  }

  /** Shows an edit's outcome (also one made by a dialog that shows its own errors): the dataset, its warnings, the history. */
  editDone(r: EditResult): void {
    this.replace(r.dataset);
    for (const w of r.warnings) this.wb.notify('warning', w);
    // Model history entries may now describe older data.
    if (this.s.fits.some((f) => f.datasetId === r.dataset.id)) void this.wb.fits.refresh();
  }

  selectRow(row: number | null, show = false): void {
    this.wb.store.set(show && row != null ? { selectedRow: row, tab: 'data' } : { selectedRow: row });
  }
}
