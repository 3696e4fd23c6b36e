/**
 * The workbench's actions: every call to the API goes through here, so components stay views.
 * Errors become notices (or inline messages) in the user's words; nothing throws into React.
 * The state is one store; its actions are kept per concern, each in its own file and tested on its
 * own (test/renderer/app): the project (projectActions), the datasets (datasetActions), the builder
 * (builderState), the running fit (fitJobs), the model history (fitHistory), exports (exportActions),
 * notices, and the Bayesian fits (bayes/bayesBench). The methods below are what the views call.
 */
import type { QuadratApi } from '../../src-main/api/client';
import type { EditResult, FileExportResult, ParamsIn } from '../../src-main/api/contract';
import type { BuilderModel } from '../model/formulaTerms';
import { BayesBench } from '../bayes/bayesBench';
import { BuilderState } from './builderState';
import { DatasetActions } from './datasetActions';
import { ExportActions, type ReportSettings, type TableSource } from './exportActions';
import { FitHistory } from './fitHistory';
import { FitJobs } from './fitJobs';
import { Notices } from './notices';
import { ProjectActions } from './projectActions';
import { initialState, type FitOptions, type Notice, type SavedUi, type Tab, type WorkbenchState } from './state';
import { Store } from './store';

export type { ReportSettings, TableSource };

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

export class Workbench {
  readonly store = new Store<FullState>({ ...initialState(), fitFormulaError: null });
  readonly notices = new Notices(this.store);
  readonly projects: ProjectActions = new ProjectActions(this);
  readonly datasets: DatasetActions = new DatasetActions(this);
  readonly builder: BuilderState = new BuilderState(this);
  readonly jobs: FitJobs = new FitJobs(this);
  readonly fits: FitHistory = new FitHistory(this);
  readonly exports: ExportActions = new ExportActions(this);
  /** Bayesian fits (brms): their own state and actions. */
  readonly bayes: BayesBench = new BayesBench(this);
  private uiTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(readonly api: QuadratApi) {}

  private get s(): FullState {
    return this.store.get();
  }

  // -- notices
  notify = (kind: Notice['kind'], text: string): void => this.notices.notify(kind, text);
  dismiss = (id: number): void => this.notices.dismiss(id);
  dismissNewest = (): boolean => this.notices.dismissNewest();
  dismissAll = (): void => this.notices.dismissAll();
  attempt = <T>(what: string, fn: () => Promise<T>): Promise<T | null> => this.notices.attempt(what, fn);

  // -- the project
  init = (): Promise<void> => this.projects.init();
  loadProject = (p: Parameters<ProjectActions['load']>[0]): Promise<void> => this.projects.load(p);
  newProject = (): Promise<void> => this.projects.create();
  openProject = (path: string): Promise<void> => this.projects.open(path);
  pickAndOpenProject = (): Promise<boolean> => this.projects.pickAndOpen();
  saveProjectAs = (path: string | null): Promise<void> => this.projects.saveAs(path);
  closeProject = (): Promise<void> => this.projects.close();
  forgetRecent = (path: string): Promise<void> => this.projects.forgetRecent(path);
  menuCommand = (command: string): Promise<void> => this.projects.menuCommand(command);

  // -- exports
  exportCurrent = (): Promise<void> => this.exports.exportCurrent();
  exportFile = (what: string, fn: (d: { kind: 'dialog' } | { kind: 'inline' }) => Promise<FileExportResult>): Promise<void> => this.exports.exportFile(what, fn);
  copyTable = (source: TableSource, settings?: ReportSettings): Promise<void> => this.exports.copyTable(source, settings);

  // -- datasets
  openExample = (name: string): Promise<void> => this.datasets.openExample(name);
  importFiles = (files: File[]): Promise<void> => this.datasets.importFiles(files);
  importWithDialog = (): Promise<void> => this.datasets.importWithDialog();
  selectDataset = (id: number): void => this.datasets.select(id);
  renameDataset = (name: string): Promise<void> => this.datasets.rename(name);
  deleteDataset = (id: number): Promise<void> => this.datasets.delete(id);
  edit = (what: string, fn: (datasetId: number) => Promise<EditResult>): Promise<boolean> => this.datasets.edit(what, fn);
  editDone = (r: EditResult): void => this.datasets.editDone(r);
  undo = (): Promise<boolean> => this.edit('Undo', (datasetId) => this.api.dataset.undo({ datasetId }));
  redo = (): Promise<boolean> => this.edit('Redo', (datasetId) => this.api.dataset.redo({ datasetId }));
  selectRow = (row: number | null, show = false): void => this.datasets.selectRow(row, show);

  // -- the model builder
  setBuilder = (model: BuilderModel): void => this.builder.set(model);
  setFormulaText = (text: string): void => this.builder.setFormulaText(text);
  setOptions = (patch: Partial<FitOptions>): void => this.builder.setOptions(patch);

  // -- fitting and the model history
  fit = (given?: { datasetId: number; spec: ParamsIn<'fit.start'>['spec']; label: string }): Promise<void> => this.jobs.fit(given);
  cancelFit = (): Promise<void> => this.jobs.cancel();
  refreshFits = (): Promise<void> => this.fits.refresh();
  openFit = (fitId: number, switchTab = true): Promise<void> => this.fits.open(fitId, switchTab);
  editFitSpec = (fitId: number): void => this.fits.editSpec(fitId);
  addObservationLevelEffect = (fitId: number): Promise<void> => this.fits.addObservationLevelEffect(fitId);
  refitCount = (fitId: number, fix: Parameters<FitHistory['refitCount']>[1]): Promise<void> => this.fits.refitCount(fitId, fix);
  renameFit = (fitId: number, name: string): Promise<void> => this.fits.rename(fitId, name);
  annotateFit = (fitId: number, note: string): Promise<void> => this.fits.annotate(fitId, note);
  deleteFit = (fitId: number): Promise<void> => this.fits.delete(fitId);
  toggleCompare = (fitId: number): void => this.fits.toggleCompare(fitId);
  runCompare = (): Promise<void> => this.fits.runCompare();

  // -- view and settings

  setTab(tab: Tab): void {
    this.store.set({ tab });
    this.persistUi();
  }

  /** Saves app settings (the user data folder's settings.json); the store shows what was saved. */
  async updateSettings(patch: ParamsIn<'settings.update'>['patch']): Promise<void> {
    const r = await this.attempt('Saving the setting', () => this.api.settings.update({ patch }));
    if (r) this.store.set({ settings: r });
  }

  setDigits(digits: number): Promise<void> {
    return this.updateSettings({ digits });
  }

  private savedUi(): SavedUi {
    const s = this.s;
    return { v: 1, activeDatasetId: s.activeDatasetId, openFitId: s.openFitId, tab: s.tab, formulaText: s.formulaText, options: s.options, bayes: this.bayes.saved(), builders: this.builder.saved() };
  }

  /** Remembers the view in the project, a moment after the last change. */
  persistUi(): void {
    if (this.projects.restoring || !this.s.project || this.s.project.readOnly) return;
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
