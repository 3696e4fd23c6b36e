/**
 * The open project: start-up, new/open/save as/close, recent files, the native menu's commands, and
 * loading a project with the view it was last left in. Actions of ours are counted, so the server's
 * project.changed event reloads only for a change made elsewhere.
 */
import type { ProjectInfo } from '../../src-main/api/contract';
import { messageOf } from './notices';
import { DEFAULT_FIT_OPTIONS, initialState, type SavedUi } from './state';
import type { Workbench } from './workbench';

export class ProjectActions {
  /** Project actions of ours in flight (their project.changed events are expected). */
  private ownActions = 0;
  /** While a project's saved view is put back, changes are not saved again. */
  restoring = false;

  constructor(private readonly wb: Workbench) {}

  private get s() {
    return this.wb.store.get();
  }

  async init(): Promise<void> {
    const { wb } = this;
    try {
      const appInfo = await wb.api.app.info();
      wb.store.set({ appInfo, connection: 'ready' });
    } catch (e) {
      wb.store.set({ connection: 'offline', connectionError: messageOf(e) });
      return;
    }
    wb.jobs.listen();
    wb.api.on('project.changed', (p) => this.onChanged(p));
    wb.api.on('menu.command', ({ command }) => void this.menuCommand(command));
    wb.bayes.listen();
    const [settings, examples, recent, project] = await Promise.all([
      wb.attempt('Reading settings', () => wb.api.settings.get()),
      wb.attempt('Listing the examples', () => wb.api.examples.list()),
      wb.attempt('Listing recent projects', () => wb.api.recent.list()),
      wb.attempt('Reading the open project', () => wb.api.project.current()),
    ]);
    wb.store.set({ settings, examples: examples ?? [], recent: recent ?? [] });
    if (settings) wb.store.set({ options: { ...this.s.options, reml: settings.defaultReml, ddf: settings.defaultDdf } });
    if (project) await this.load(project);
  }

  /**
   * The server announces every change of open project, including the ones we asked for: those are
   * loaded by the action itself. Only a change from elsewhere (the menu, another window) reloads here.
   */
  private onChanged(p: ProjectInfo | null): void {
    if (this.ownActions > 0) return;
    if (p && this.s.project?.path === p.path) this.wb.store.set({ project: p });
    else if (p) void this.load(p);
    else this.clear();
  }

  private clear(): void {
    const keep = this.s;
    this.wb.builder.forgetAll();
    this.wb.store.set({
      ...initialState(),
      options: this.wb.builder.defaultOptions(),
      connection: keep.connection,
      appInfo: keep.appInfo,
      settings: keep.settings,
      examples: keep.examples,
      recent: keep.recent,
      notices: keep.notices,
      fitFormulaError: null,
    });
    this.wb.bayes.reset();
  }

  /** Shows a project: its datasets, its model history and whatever was open when it was last used. */
  async load(project: ProjectInfo): Promise<void> {
    const { wb } = this;
    this.restoring = true;
    try {
      this.clear();
      const [datasets, fits, ui] = await Promise.all([
        wb.api.dataset.list(),
        wb.api.model.list({}),
        wb.api.project.getUiState().catch(() => ({ state: null })),
      ]);
      const saved = ui.state as SavedUi | null;
      const activeDatasetId =
        saved && datasets.some((d) => d.id === saved.activeDatasetId) ? saved.activeDatasetId : (datasets[0]?.id ?? null);
      wb.store.set({ project, datasets, fits, activeDatasetId, tab: saved?.tab ?? 'data' });
      await wb.bayes.refresh();
      if (saved?.bayes) await wb.bayes.restore(saved.bayes);
      // a saved state from before GLMMs has no family: the defaults fill what it lacks
      if (saved?.options) wb.store.set({ options: { ...DEFAULT_FIT_OPTIONS, ...saved.options } });
      wb.builder.restore(saved?.builders, activeDatasetId, (id) => datasets.some((d) => d.id === id));
      if (saved?.formulaText) wb.builder.setFormulaText(saved.formulaText);
      if (saved?.openFitId != null && fits.some((f) => f.id === saved.openFitId)) await wb.fits.open(saved.openFitId, false);
      else if (this.s.tab !== 'data' && this.s.tab !== 'compare' && this.s.tab !== 'checks' && this.s.tab !== 'bayes') wb.store.set({ tab: 'data' });
      void this.refreshRecent();
    } catch (e) {
      wb.notify('error', `Opening the project: ${messageOf(e)}`);
    } finally {
      this.restoring = false;
    }
  }

  private async refreshRecent(): Promise<void> {
    const recent = await this.wb.api.recent.list().catch(() => null);
    if (recent) this.wb.store.set({ recent });
  }

  async busyWith(label: string, fn: () => Promise<void>): Promise<void> {
    this.wb.store.set({ busy: label });
    try {
      await this.own(fn);
    } finally {
      this.wb.store.set({ busy: null });
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

  async create(): Promise<void> {
    await this.busyWith('Creating a project…', async () => {
      const p = await this.wb.attempt('Creating a project', () => this.wb.api.project.new({ path: null }));
      if (p) await this.load(p);
    });
  }

  async open(path: string): Promise<void> {
    await this.busyWith('Opening the project…', async () => {
      const p = await this.wb.attempt('Opening the project', () => this.wb.api.project.open({ path }));
      if (p) await this.load(p);
    });
  }

  /** Electron: a native dialog. Returns false when there are no native dialogs (browser). */
  async pickAndOpen(): Promise<boolean> {
    if (!this.s.appInfo?.fileDialogs) return false;
    const r = await this.wb.attempt('Choosing a project', () => this.wb.api.app.pickPath({ purpose: 'open-project' }));
    if (r?.path) await this.open(r.path);
    return true;
  }

  async saveAs(path: string | null): Promise<void> {
    const { wb } = this;
    let target = path;
    if (!target) {
      const r = await wb.attempt('Choosing where to save', () =>
        wb.api.app.pickPath({ purpose: 'save-project', defaultName: `${this.s.project?.title ?? 'project'}.quadrat` }),
      );
      target = r?.path ?? null;
    }
    if (!target) return;
    const dest = target;
    const p = await this.own(() => wb.attempt('Saving the project', () => wb.api.project.saveAs({ path: dest })));
    if (p) {
      wb.store.set({ project: p });
      wb.notify('info', `Saved as ${p.path}`);
      void this.refreshRecent();
    }
  }

  async close(): Promise<void> {
    await this.wb.flushUi();
    const r = await this.own(() => this.wb.attempt('Closing the project', () => this.wb.api.project.close()));
    if (r) {
      this.clear();
      void this.refreshRecent();
    }
  }

  async forgetRecent(path: string): Promise<void> {
    await this.wb.attempt('Updating recent projects', () => this.wb.api.recent.remove({ path }));
    await this.refreshRecent();
  }

  /** A project to import into: the open one, or a new one made for it. */
  async ensure(): Promise<boolean> {
    if (this.s.project) return true;
    const p = await this.wb.attempt('Creating a project', () => this.wb.api.project.new({ path: null }));
    if (!p) return false;
    this.wb.store.set({ project: p });
    return true;
  }

  /** Commands from the native menu (Electron). */
  async menuCommand(command: string): Promise<void> {
    const { wb } = this;
    switch (command) {
      case 'undo':
        await wb.undo();
        return;
      case 'redo':
        await wb.redo();
        return;
      case 'import-data':
        await wb.datasets.importWithDialog();
        return;
      case 'export':
        await wb.exports.exportCurrent();
        return;
      case 'about': {
        const a = this.s.appInfo;
        wb.notify('info', a ? `Quadrat ${a.version} (engine ${a.engineVersion}) on ${a.platform}` : 'Quadrat');
        return;
      }
      default:
        wb.notify('info', `“${command}” is not available yet.`);
    }
  }
}
