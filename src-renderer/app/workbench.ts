/**
 * The workbench's actions: every call to the API goes through here, so components stay views.
 * Errors become notices (or inline messages) in the user's words; nothing throws into React.
 */
import { ApiError, type QuadratApi } from '../../src-main/api/client';
import type { DatasetInfo, EditResult, FileExportResult, JobStatus, ParamsIn, ProjectInfo } from '../../src-main/api/contract';

export type TableSource = ParamsIn<'export.table'>['source'];
export type ReportSettings = NonNullable<ParamsIn<'export.table'>['settings']>;
import { builderToFormula, FormulaSyntaxError, parseFormulaTerms, type BuilderModel } from '../model/formulaTerms';
import { Store } from './store';
import { activeDataset, type DatasetBuilder, DEFAULT_FIT_OPTIONS, initialState, type FitOptions, type Notice, type SavedUi, type Tab, type WorkbenchState } from './state';
import { copyRich } from '../util/clipboard';
import { pushNotice } from './noticeQueue';
import { downloadResult, downloadText, formatBytes, uploadPercent } from '../util/files';
import { BayesBench } from '../bayes/bayesBench';

export interface InlineFormulaError {
  message: string;
  /** 0-based character range in the formula text, when the engine said where. */
  start: number | null;
  end: number | null;
}

export interface FullState extends WorkbenchState {
  /** An error the engine reported for the formula being fitted (shown under the formula box). */
  fitFormulaError: InlineFormulaError | null;
}

function messageOf(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

const TERMINAL = new Set(['done', 'failed', 'cancelled']);

/** A builder with nothing in it (its formula text is empty too: setBuilder writes none for it). */
const emptyBuilder = (): BuilderModel => ({ response: '', intercept: true, fixed: [], random: [] });

export class Workbench {
  readonly store = new Store<FullState>({ ...initialState(), fitFormulaError: null });
  /** Bayesian fits (brms): their own state and actions. */
  readonly bayes: BayesBench = new BayesBench(this);
  private noticeSeq = 0;
  private uiTimer: ReturnType<typeof setTimeout> | null = null;
  /** The builder of each dataset not shown now: switching back restores it; a new one starts empty. */
  private builders = new Map<number, DatasetBuilder>();
  private restoring = false;
  /** Project actions of ours in flight (their project.changed events are expected). */
  private ownActions = 0;

  constructor(readonly api: QuadratApi) {}

  private get s(): FullState {
    return this.store.get();
  }

  // -- notices --------------------------------------------------------------------------------------

  notify(kind: Notice['kind'], text: string): void {
    const id = ++this.noticeSeq;
    this.store.set((s) => ({ notices: pushNotice(s.notices, { id, kind, text }) }));
    setTimeout(() => this.dismiss(id), kind === 'error' ? 20_000 : 8000);
  }

  dismiss(id: number): void {
    this.store.set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
  }

  /** Escape closes the newest notice; true when there was one. */
  dismissNewest(): boolean {
    const list = this.store.get().notices;
    if (list.length === 0) return false;
    this.dismiss(list[list.length - 1].id);
    return true;
  }

  dismissAll(): void {
    this.store.set({ notices: [] });
  }

  /** Runs an API call; on failure shows its message and returns null. */
  async attempt<T>(what: string, fn: () => Promise<T>): Promise<T | null> {
    try {
      return await fn();
    } catch (e) {
      this.notify('error', `${what}: ${messageOf(e)}`);
      return null;
    }
  }

  // -- start-up and projects ------------------------------------------------------------------------

  async init(): Promise<void> {
    try {
      const appInfo = await this.api.app.info();
      this.store.set({ appInfo, connection: 'ready' });
    } catch (e) {
      this.store.set({ connection: 'offline', connectionError: messageOf(e) });
      return;
    }
    this.api.on('job.progress', (p) => {
      const job = this.s.job;
      if (job && job.jobId === p.jobId) this.store.set({ job: { ...job, progress: p } });
    });
    this.api.on('job.finished', (st) => void this.finishJob(st));
    this.api.on('project.changed', (p) => this.onProjectChanged(p));
    this.api.on('menu.command', ({ command }) => void this.menuCommand(command));
    this.bayes.listen();
    const [settings, examples, recent, project] = await Promise.all([
      this.attempt('Reading settings', () => this.api.settings.get()),
      this.attempt('Listing the examples', () => this.api.examples.list()),
      this.attempt('Listing recent projects', () => this.api.recent.list()),
      this.attempt('Reading the open project', () => this.api.project.current()),
    ]);
    this.store.set({ settings, examples: examples ?? [], recent: recent ?? [] });
    if (settings) this.store.set({ options: { ...this.s.options, reml: settings.defaultReml, ddf: settings.defaultDdf } });
    if (project) await this.loadProject(project);
  }

  /**
   * The server announces every change of open project, including the ones we asked for: those are
   * loaded by the action itself. Only a change from elsewhere (the menu, another window) reloads here.
   */
  private onProjectChanged(p: ProjectInfo | null): void {
    if (this.ownActions > 0) return;
    if (p && this.s.project?.path === p.path) this.store.set({ project: p });
    else if (p) void this.loadProject(p);
    else this.clearProject();
  }

  private clearProject(): void {
    const keep = this.s;
    this.builders.clear();
    this.store.set({
      ...initialState(),
      options: this.defaultOptions(),
      connection: keep.connection,
      appInfo: keep.appInfo,
      settings: keep.settings,
      examples: keep.examples,
      recent: keep.recent,
      notices: keep.notices,
      fitFormulaError: null,
    });
    this.bayes.reset();
  }

  /** Shows a project: its datasets, its model history and whatever was open when it was last used. */
  async loadProject(project: ProjectInfo): Promise<void> {
    this.restoring = true;
    try {
      this.clearProject();
      const [datasets, fits, ui] = await Promise.all([
        this.api.dataset.list(),
        this.api.model.list({}),
        this.api.project.getUiState().catch(() => ({ state: null })),
      ]);
      const saved = ui.state as SavedUi | null;
      const activeDatasetId =
        saved && datasets.some((d) => d.id === saved.activeDatasetId) ? saved.activeDatasetId : (datasets[0]?.id ?? null);
      this.store.set({ project, datasets, fits, activeDatasetId, tab: saved?.tab ?? 'data' });
      await this.bayes.refresh();
      if (saved?.bayes) await this.bayes.restore(saved.bayes);
      // a saved state from before GLMMs has no family: the defaults fill what it lacks
      if (saved?.options) this.store.set({ options: { ...DEFAULT_FIT_OPTIONS, ...saved.options } });
      for (const [id, b] of Object.entries(saved?.builders ?? {})) {
        if (Number(id) !== activeDatasetId && datasets.some((d) => d.id === Number(id))) this.builders.set(Number(id), { formulaText: b.formulaText, options: { ...DEFAULT_FIT_OPTIONS, ...b.options }, ...(b.bayes ? { bayes: b.bayes } : {}) });
      }
      if (saved?.formulaText) this.setFormulaText(saved.formulaText);
      if (saved?.openFitId != null && fits.some((f) => f.id === saved.openFitId)) await this.openFit(saved.openFitId, false);
      else if (this.s.tab !== 'data' && this.s.tab !== 'compare' && this.s.tab !== 'checks' && this.s.tab !== 'bayes') this.store.set({ tab: 'data' });
      void this.refreshRecent();
    } catch (e) {
      this.notify('error', `Opening the project: ${messageOf(e)}`);
    } finally {
      this.restoring = false;
    }
  }

  private async refreshRecent(): Promise<void> {
    const recent = await this.api.recent.list().catch(() => null);
    if (recent) this.store.set({ recent });
  }

  private async busyWith(label: string, fn: () => Promise<void>): Promise<void> {
    this.store.set({ busy: label });
    try {
      await this.own(fn);
    } finally {
      this.store.set({ busy: null });
    }
  }

  private async own<T>(fn: () => Promise<T>): Promise<T> {
    this.ownActions++;
    try {
      return await fn();
    } finally {
      this.ownActions--;
    }
  }

  async newProject(): Promise<void> {
    await this.busyWith('Creating a project…', async () => {
      const p = await this.attempt('Creating a project', () => this.api.project.new({ path: null }));
      if (p) await this.loadProject(p);
    });
  }

  async openProject(path: string): Promise<void> {
    await this.busyWith('Opening the project…', async () => {
      const p = await this.attempt('Opening the project', () => this.api.project.open({ path }));
      if (p) await this.loadProject(p);
    });
  }

  /** Electron: a native dialog. Returns false when there are no native dialogs (browser). */
  async pickAndOpenProject(): Promise<boolean> {
    if (!this.s.appInfo?.fileDialogs) return false;
    const r = await this.attempt('Choosing a project', () => this.api.app.pickPath({ purpose: 'open-project' }));
    if (r?.path) await this.openProject(r.path);
    return true;
  }

  async saveProjectAs(path: string | null): Promise<void> {
    let target = path;
    if (!target) {
      const r = await this.attempt('Choosing where to save', () =>
        this.api.app.pickPath({ purpose: 'save-project', defaultName: `${this.s.project?.title ?? 'project'}.quadrat` }),
      );
      target = r?.path ?? null;
    }
    if (!target) return;
    const dest = target;
    const p = await this.own(() => this.attempt('Saving the project', () => this.api.project.saveAs({ path: dest })));
    if (p) {
      this.store.set({ project: p });
      this.notify('info', `Saved as ${p.path}`);
      void this.refreshRecent();
    }
  }

  async closeProject(): Promise<void> {
    await this.flushUi();
    const r = await this.own(() => this.attempt('Closing the project', () => this.api.project.close()));
    if (r) {
      this.clearProject();
      void this.refreshRecent();
    }
  }

  async forgetRecent(path: string): Promise<void> {
    await this.attempt('Updating recent projects', () => this.api.recent.remove({ path }));
    await this.refreshRecent();
  }

  private async ensureProject(): Promise<boolean> {
    if (this.s.project) return true;
    const p = await this.attempt('Creating a project', () => this.api.project.new({ path: null }));
    if (!p) return false;
    this.store.set({ project: p });
    return true;
  }

  /** Commands from the native menu (Electron). */
  async menuCommand(command: string): Promise<void> {
    switch (command) {
      case 'undo':
        await this.undo();
        return;
      case 'redo':
        await this.redo();
        return;
      case 'import-data':
        await this.importWithDialog();
        return;
      case 'export':
        await this.exportCurrent();
        return;
      case 'about': {
        const a = this.s.appInfo;
        this.notify('info', a ? `Quadrat ${a.version} (engine ${a.engineVersion}) on ${a.platform}` : 'Quadrat');
        return;
      }
      default:
        this.notify('info', `“${command}” is not available yet.`);
    }
  }

  /** Import through the native file dialog; without one, the page's file input opens instead. */
  async importWithDialog(): Promise<void> {
    if (!this.s.appInfo?.fileDialogs) {
      document.querySelector<HTMLInputElement>('[data-testid="import-input"]')?.click();
      return;
    }
    const r = await this.attempt('Choosing a file', () => this.api.app.pickPath({ purpose: 'import-data' }));
    const path = r?.path;
    if (!path) return;
    await this.busyWith('Importing…', async () => {
      if (!(await this.ensureProject())) return;
      const imp = await this.attempt('Importing', () => this.api.dataset.import({ source: { kind: 'path', path } }));
      if (imp) this.addDataset(imp.dataset, imp.warnings);
    });
  }

  /** Export what is in view: the open result as JSON, else the active dataset as CSV. */
  async exportCurrent(): Promise<void> {
    const { tab, openFitId, activeDatasetId } = this.s;
    const dialog = this.s.appInfo?.transport === 'electron';
    const destination = dialog ? ({ kind: 'dialog' } as const) : ({ kind: 'inline' } as const);
    const r =
      (tab === 'results' || tab === 'plots') && openFitId != null
        ? await this.attempt('Export', () => this.api.export.fitJson({ fitId: openFitId, destination }))
        : activeDatasetId != null
          ? await this.attempt('Export', () => this.api.export.datasetCsv({ datasetId: activeDatasetId, destination }))
          : null;
    if (!r) return;
    if (r.content != null) downloadText(r.fileName, r.mimeType, r.content);
    else if (r.path) this.notify('info', `Saved ${r.path}`);
  }

  // -- paper exports (docs/export.md) ---------------------------------------------------------------

  private get destination() {
    return this.s.appInfo?.transport === 'electron' ? ({ kind: 'dialog' } as const) : ({ kind: 'inline' } as const);
  }

  /** Runs an export and saves its result: a download in the browser, the native dialog in Electron. */
  async exportFile(what: string, fn: (destination: { kind: 'dialog' } | { kind: 'inline' }) => Promise<FileExportResult>): Promise<void> {
    const r = await this.attempt(what, () => fn(this.destination));
    if (!r) return;
    if (r.content != null) downloadResult(r);
    else if (r.path) this.notify('info', `Saved ${r.path}`);
  }

  /** A results table onto the clipboard: HTML for Word/LibreOffice, Markdown as the plain text. */
  async copyTable(source: TableSource, settings: ReportSettings = {}): Promise<void> {
    const inline = { kind: 'inline' } as const;
    const both = await this.attempt('Copying the table', () =>
      Promise.all([
        this.api.export.table({ source, format: 'html', settings, destination: inline }),
        this.api.export.table({ source, format: 'md', settings, destination: inline }),
      ]),
    );
    if (!both) return;
    const [html, md] = both;
    if (copyRich(html.content ?? '', md.content ?? '')) this.notify('info', 'Table copied: paste it into Word, LibreOffice or a Markdown file.');
    else this.notify('error', 'The clipboard refused the table; use Download instead.');
  }

  // -- datasets -------------------------------------------------------------------------------------

  async openExample(name: string): Promise<void> {
    await this.busyWith('Opening the example…', async () => {
      if (!this.s.project) {
        const p = await this.attempt('Opening the example', () => this.api.project.openExample({ name }));
        if (p) await this.loadProject(p);
        return;
      }
      const r = await this.attempt('Opening the example', () => this.api.dataset.import({ source: { kind: 'example', name } }));
      if (r) this.addDataset(r.dataset, r.warnings);
    });
    this.presetExampleModel(name);
  }

  /** An example opens with its first model in the builder (formula and family), ready to fit. */
  private presetExampleModel(name: string): void {
    const model = this.s.examples.find((e) => e.name === name)?.model;
    if (!model || !activeDataset(this.s)) return;
    this.setFormulaText(model.formula);
    // examples' first models are lme4 formulas (random terms in the formula)
    this.setOptions({ family: model.family, link: model.link, nAGQ: 1, nlme: undefined, tmb: undefined });
    this.persistUi();
  }

  async importFiles(files: File[]): Promise<void> {
    if (files.length === 0) return;
    await this.busyWith(`Importing ${files.map((f) => f.name).join(', ')}…`, async () => {
      if (!(await this.ensureProject())) return;
      for (const file of files) {
        // streamed to the server (browser) or read from its path (Electron); the busy line shows the bytes sent
        const r = await this.attempt(`Importing ${file.name}`, () =>
          this.api.upload(file, { fileName: file.name }, ({ loaded, total }) =>
            this.store.set({ busy: loaded < total ? `Uploading ${file.name}… ${uploadPercent(loaded, total)}` : `Importing ${file.name} (${formatBytes(total)} sent)…` }),
          ),
        );
        if (r) this.addDataset(r.dataset, r.warnings);
      }
    });
  }

  private addDataset(d: DatasetInfo, warnings: string[]): void {
    this.store.set((s) => ({ datasets: [...s.datasets.filter((x) => x.id !== d.id), d], tab: 'data' }));
    this.switchDataset(d.id);
    for (const w of warnings) this.notify('warning', w);
    this.persistUi();
  }

  selectDataset(id: number): void {
    const d = this.s.datasets.find((x) => x.id === id);
    if (!d) return;
    this.store.set({ tab: 'data' });
    this.switchDataset(id);
    this.persistUi();
  }

  /** The fit options a new builder starts with: the settings' REML and df defaults. */
  private defaultOptions(): FitOptions {
    const st = this.s.settings;
    return st ? { ...DEFAULT_FIT_OPTIONS, reml: st.defaultReml, ddf: st.defaultDdf } : DEFAULT_FIT_OPTIONS;
  }

  /**
   * Shows another dataset with its own builder: the one left is kept for when the user comes back,
   * and a dataset never shown before starts empty, so no formula or option of one dataset is used on
   * another (issue 17).
   */
  private switchDataset(id: number): void {
    const from = this.s.activeDatasetId;
    if (from === id) return;
    if (from != null && this.s.datasets.some((d) => d.id === from)) this.builders.set(from, { formulaText: this.s.formulaText, options: this.s.options, bayes: this.bayes.choices() });
    const next = this.builders.get(id);
    this.builders.delete(id);
    this.store.set({ activeDatasetId: id, selectedRow: null, options: next?.options ?? this.defaultOptions() });
    if (next) this.setFormulaText(next.formulaText);
    else this.setBuilder(emptyBuilder());
    // after the formula: the prior table is asked for the dataset's own model
    this.bayes.useChoices(next?.bayes);
  }

  async renameDataset(name: string): Promise<void> {
    const id = this.s.activeDatasetId;
    if (id == null) return;
    const d = await this.attempt('Renaming the dataset', () => this.api.dataset.rename({ datasetId: id, name }));
    if (d) this.replaceDataset(d);
  }

  async deleteDataset(id: number): Promise<void> {
    const r = await this.attempt('Deleting the dataset', () => this.api.dataset.delete({ datasetId: id }));
    if (!r) return;
    this.builders.delete(id);
    const datasets = this.s.datasets.filter((d) => d.id !== id);
    if (this.s.activeDatasetId === id) {
      // the deleted dataset's builder goes with it: the next one shows its own
      this.store.set({ datasets, activeDatasetId: null });
      if (datasets[0]) this.switchDataset(datasets[0].id);
      else {
        this.store.set({ options: this.defaultOptions() });
        this.setBuilder(emptyBuilder());
      }
    } else this.store.set({ datasets });
    await this.refreshFits();
    this.persistUi();
  }

  private replaceDataset(d: DatasetInfo): void {
    this.store.set((s) => ({ datasets: s.datasets.map((x) => (x.id === d.id ? d : x)), dataVersion: s.dataVersion + 1 }));
  }

  /** Runs one data edit (one undo step) on the active dataset. */
  async edit(what: string, fn: (datasetId: number) => Promise<EditResult>): Promise<boolean> {
    const id = this.s.activeDatasetId;
    if (id == null) return false;
    const r = await this.attempt(what, () => fn(id));
    if (!r) {
      this.store.set((s) => ({ dataVersion: s.dataVersion + 1 })); // put the grid back as it was
      return false;
    }
    this.editDone(r);
    return true;
  }

  /** Shows an edit's outcome (also one made by a dialog that shows its own errors): the dataset, its warnings, the history. */
  editDone(r: EditResult): void {
    this.replaceDataset(r.dataset);
    for (const w of r.warnings) this.notify('warning', w);
    // Model history entries may now describe older data.
    if (this.s.fits.some((f) => f.datasetId === r.dataset.id)) void this.refreshFits();
  }

  undo(): Promise<boolean> {
    return this.edit('Undo', (datasetId) => this.api.dataset.undo({ datasetId }));
  }

  redo(): Promise<boolean> {
    return this.edit('Redo', (datasetId) => this.api.dataset.redo({ datasetId }));
  }

  selectRow(row: number | null, show = false): void {
    this.store.set(show && row != null ? { selectedRow: row, tab: 'data' } : { selectedRow: row });
  }

  // -- the model builder ----------------------------------------------------------------------------

  setBuilder(model: BuilderModel): void {
    this.store.set({ builder: model, formulaText: model.response || hasTerms(model) ? builderToFormula(model) : '', fitFormulaError: null });
    this.persistUi();
  }

  /** Typing in the formula box: the builder follows whenever the text reads as a formula. */
  setFormulaText(text: string): void {
    this.store.set({ formulaText: text, fitFormulaError: null });
    try {
      this.store.set({ builder: parseFormulaTerms(text).model });
    } catch (e) {
      if (!(e instanceof FormulaSyntaxError)) throw e;
    }
    this.persistUi();
  }

  setOptions(patch: Partial<FitOptions>): void {
    this.store.set((s) => ({ options: { ...s.options, ...patch } }));
    this.persistUi();
  }

  // -- fitting --------------------------------------------------------------------------------------

  /** Fits the builder's model — or a given spec, e.g. one unit of a batch (its subset) — and opens the result. */
  async fit(given?: { datasetId: number; spec: ParamsIn<'fit.start'>['spec']; label: string }): Promise<void> {
    if (!given && this.bayes.enabled) return this.bayes.fit();
    const { activeDatasetId, formulaText, options, job } = this.s;
    const datasetId = given?.datasetId ?? activeDatasetId;
    if (datasetId == null || job) return;
    const label = given?.label ?? formulaText;
    this.store.set({ fitFormulaError: null, lastOutcome: null });
    let jobId: string;
    try {
      ({ jobId } = await this.api.fit.start({ datasetId, spec: given?.spec ?? { formula: formulaText, ...options } }));
    } catch (e) {
      this.failFit(e, label);
      return;
    }
    this.store.set({ job: { jobId, label, startedAt: Date.now(), progress: null, cancelling: false } });
    // Events bring progress; waiting as well makes the end certain even if an event is missed.
    for (let failures = 0; ; ) {
      const st = await this.api.job.wait({ jobId, timeoutMs: 20_000 }).catch(() => null);
      if (this.s.job?.jobId !== jobId) return;
      if (st && TERMINAL.has(st.state)) return this.finishJob(st);
      if (st) failures = 0;
      else if (++failures >= 20) {
        this.store.set({ job: null, lastOutcome: { state: 'failed', message: 'Lost contact with the engine while fitting.', formula: label }, tab: 'results' });
        return;
      } else await new Promise((r) => setTimeout(r, 500));
    }
  }

  private failFit(e: unknown, formula: string): void {
    const message = messageOf(e);
    if (e instanceof ApiError && (e.kind === 'formula' || e.kind === 'model' || e.status === 400)) {
      const col = e.where?.column;
      const start = typeof col === 'number' ? Math.max(0, col - 1) : null;
      this.store.set({ fitFormulaError: { message, start, end: start == null ? null : start + 1 } });
      return;
    }
    this.store.set({ lastOutcome: { state: 'failed', message, formula }, tab: 'results' });
  }

  private async finishJob(st: JobStatus): Promise<void> {
    const job = this.s.job;
    if (!job || job.jobId !== st.id || !TERMINAL.has(st.state)) return;
    this.store.set({ job: null });
    if (st.state === 'done' && st.fitId != null) {
      await this.refreshFits();
      await this.openFit(st.fitId);
    } else if (st.state === 'cancelled') {
      this.store.set({ lastOutcome: { state: 'cancelled', message: 'The fit was cancelled.', formula: job.label }, tab: 'results' });
    } else {
      const err = st.error;
      if (err && (err.kind === 'formula' || err.kind === 'model')) {
        const col = err.where?.column;
        const start = typeof col === 'number' ? Math.max(0, col - 1) : null;
        this.store.set({ fitFormulaError: { message: err.message, start, end: start == null ? null : start + 1 } });
      }
      this.store.set({
        lastOutcome: { state: 'failed', message: err?.message ?? 'The fit failed.', formula: job.label },
        tab: 'results',
      });
    }
  }

  async cancelFit(): Promise<void> {
    const job = this.s.job;
    if (!job || job.cancelling) return;
    this.store.set({ job: { ...job, cancelling: true } });
    const r = await this.attempt('Cancelling', () => this.api.job.cancel({ jobId: job.jobId }));
    if (r && !r.cancelled) this.store.set((s) => (s.job ? { job: { ...s.job, cancelling: false } } : {}));
  }

  // -- history and comparison -----------------------------------------------------------------------

  async refreshFits(): Promise<void> {
    const fits = await this.attempt('Reading the model history', () => this.api.model.list({}));
    if (fits) this.store.set((s) => ({ fits, compare: { ...s.compare, fitIds: s.compare.fitIds.filter((id) => fits.some((f) => f.id === id)) } }));
  }

  async openFit(fitId: number, switchTab = true): Promise<void> {
    this.store.set({ openFitId: fitId, openReportLoading: true, lastOutcome: null, ...(switchTab ? { tab: 'results' as Tab } : {}) });
    const r = await this.attempt('Opening the result', () => this.api.model.get({ fitId }));
    if (this.s.openFitId !== fitId) return;
    this.store.set({ openReport: r?.report ?? null, openReportLoading: false });
    const ds = r?.summary.datasetId;
    if (ds != null && ds !== this.s.activeDatasetId && this.s.datasets.some((d) => d.id === ds)) this.switchDataset(ds);
    this.persistUi();
  }

  /** Puts a past model back into the builder (to change it and fit again). */
  editFitSpec(fitId: number): void {
    const f = this.s.fits.find((x) => x.id === fitId);
    if (!f) return;
    if (f.datasetId != null && f.datasetId !== this.s.activeDatasetId && this.s.datasets.some((d) => d.id === f.datasetId)) this.switchDataset(f.datasetId);
    this.setFormulaText(f.spec.formula);
    this.setOptions({ reml: f.spec.reml, ddf: f.spec.ddf, anovaType: f.spec.anovaType, family: f.spec.family, link: f.spec.link, nAGQ: f.spec.nAGQ, nlme: f.spec.nlme, tmb: f.spec.tmb, filter: f.spec.filter });
  }

  /**
   * Overdispersion's usual fix in one step: a factor numbering the rows (obs, an observation ID) and
   * (1 | obs) added to the model, fitted at once. The new column is one undo step in the data.
   */
  async addObservationLevelEffect(fitId: number): Promise<void> {
    const f = this.s.fits.find((x) => x.id === fitId);
    const d = f && this.s.datasets.find((x) => x.id === f.datasetId);
    if (!f || !d || this.s.job) return;
    this.editFitSpec(fitId);
    const taken = new Set(d.columns.map((c) => c.name));
    let name = 'obs';
    for (let k = 2; taken.has(name); k++) name = `obs${k}`;
    const added = await this.edit(`Add column ${name}`, (datasetId) => this.api.dataset.addColumn({ datasetId, name, type: 'factor', fill: 'rowNumber' }));
    if (!added) return;
    this.setFormulaText(`${f.spec.formula} + (1 | ${name})`);
    await this.fit();
  }

  async renameFit(fitId: number, name: string): Promise<void> {
    const r = await this.attempt('Renaming the model', () => this.api.model.rename({ fitId, name }));
    if (r) this.store.set((s) => ({ fits: s.fits.map((f) => (f.id === fitId ? r : f)) }));
  }

  async annotateFit(fitId: number, note: string): Promise<void> {
    const r = await this.attempt('Saving the note', () => this.api.model.annotate({ fitId, note }));
    if (r) this.store.set((s) => ({ fits: s.fits.map((f) => (f.id === fitId ? r : f)) }));
  }

  async deleteFit(fitId: number): Promise<void> {
    const r = await this.attempt('Deleting the model', () => this.api.model.delete({ fitId }));
    if (!r) return;
    if (this.s.openFitId === fitId) this.store.set({ openFitId: null, openReport: null });
    await this.refreshFits();
    this.persistUi();
  }

  toggleCompare(fitId: number): void {
    this.store.set((s) => {
      const ids = s.compare.fitIds.includes(fitId) ? s.compare.fitIds.filter((x) => x !== fitId) : [...s.compare.fitIds, fitId];
      return { compare: { ...s.compare, fitIds: ids } };
    });
  }

  async runCompare(): Promise<void> {
    const fitIds = this.s.compare.fitIds;
    if (fitIds.length < 2) return;
    this.store.set({ tab: 'compare', compare: { fitIds, result: null, error: null, loading: true } });
    try {
      const result = await this.api.model.compare({ fitIds });
      this.store.set((s) => ({ compare: { ...s.compare, result, loading: false } }));
    } catch (e) {
      this.store.set((s) => ({ compare: { ...s.compare, error: messageOf(e), loading: false } }));
    }
  }

  // -- view -----------------------------------------------------------------------------------------

  setTab(tab: Tab): void {
    this.store.set({ tab });
    this.persistUi();
  }

  /** Saves app settings (the user data folder's settings.json); the store shows what was saved. */
  async updateSettings(patch: ParamsIn<'settings.update'>['patch']): Promise<void> {
    const r = await this.attempt('Saving the setting', () => this.api.settings.update({ patch }));
    if (r) this.store.set({ settings: r });
  }

  async setDigits(digits: number): Promise<void> {
    const r = await this.attempt('Saving the setting', () => this.api.settings.update({ patch: { digits } }));
    if (r) this.store.set({ settings: r });
  }

  private savedUi(): SavedUi {
    const s = this.s;
    const builders = Object.fromEntries([...this.builders].map(([id, b]) => [String(id), b]));
    return { v: 1, activeDatasetId: s.activeDatasetId, openFitId: s.openFitId, tab: s.tab, formulaText: s.formulaText, options: s.options, bayes: this.bayes.saved(), builders };
  }

  /** Remembers the view in the project, a moment after the last change. */
  persistUi(): void {
    if (this.restoring || !this.s.project || this.s.project.readOnly) return;
    if (this.uiTimer) clearTimeout(this.uiTimer);
    this.uiTimer = setTimeout(() => void this.flushUi(), 400);
    if (this.s.viewSaved) this.store.set({ viewSaved: false });
  }

  async flushUi(): Promise<void> {
    if (this.uiTimer) clearTimeout(this.uiTimer);
    this.uiTimer = null;
    if (!this.s.project || this.s.project.readOnly) {
      if (!this.s.viewSaved) this.store.set({ viewSaved: true }); // nothing left to store
      return;
    }
    // SavedUi is plain JSON; the cast only bridges an interface to zod's JSON type.
    const state = this.savedUi() as unknown as Parameters<QuadratApi['project']['setUiState']>[0]['state'];
    await this.api.project.setUiState({ state }).catch(() => undefined);
    // a change made while the call was in flight has its own save pending
    if (!this.uiTimer) this.store.set({ viewSaved: true });
  }
}

function hasTerms(m: BuilderModel): boolean {
  return m.fixed.length > 0 || m.random.length > 0 || !m.intercept;
}
