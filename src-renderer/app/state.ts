/** The workbench's state: what is open, what is running, and what the user is looking at. */
import type {
  AppInfo,
  Comparison,
  DatasetInfo,
  Example,
  FitSummary,
  JobProgress,
  ProjectInfo,
  RecentFile,
  Settings,
} from '../../src-main/api/contract';
import type { CountFamily, StoredFitReport } from '../../src-main/api/contract';
import { emptyModel, type BuilderModel } from '../model/formulaTerms';
import type { BayesChoices, SavedBayesUi } from '../bayes/bayesState';

export type Tab = 'data' | 'results' | 'plots' | 'compare' | 'checks' | 'batch' | 'bayes';

export interface Notice {
  id: number;
  kind: 'error' | 'warning' | 'info';
  text: string;
  /** How many times this message came (shown as ×n from 2 on). */
  count: number;
}

export interface RunningJob {
  jobId: string;
  label: string;
  startedAt: number;
  progress: JobProgress | null;
  cancelling: boolean;
}

/** How the last fit attempt ended when it produced no result (shown where the result would be). */
export interface FitOutcome {
  state: 'failed' | 'cancelled';
  message: string;
  formula: string;
}

export interface FitOptions {
  reml: boolean;
  ddf: 'satterthwaite' | 'kenward-roger' | 'none';
  anovaType: 1 | 2 | 3;
  /** glmer's family (gaussian = lmer) and link (the family's default when absent), and nAGQ. */
  family: 'gaussian' | 'binomial' | 'poisson' | 'Gamma' | 'inverse.gaussian';
  link?: 'logit' | 'probit' | 'cloglog' | 'cauchit' | 'log' | 'sqrt' | 'identity' | 'inverse' | '1/mu^2';
  nAGQ: number;
  /** Keep only the rows where this is TRUE (R's subset()); absent: every row. */
  filter?: string;
  /** Set when the engine is nlme (gls/lme): its random part, variance function and correlation, each absent when not used. */
  nlme?: NlmeOptions;
  /**
   * Set for a count model as glmmTMB (a negative binomial or truncated family, or poisson with a
   * zero-inflation or dispersion formula); `family` is then poisson. Absent: glmer/lmer.
   */
  tmb?: CountOptions;
}

export interface CountOptions {
  family: CountFamily;
  ziformula?: string;
  dispformula?: string;
}

export interface NlmeOptions {
  random?: string;
  weights?: string;
  correlation?: string;
}

export const DEFAULT_FIT_OPTIONS: FitOptions = { reml: true, ddf: 'satterthwaite', anovaType: 3, family: 'gaussian', nAGQ: 1 };

export interface CompareState {
  fitIds: number[];
  result: Comparison | null;
  error: string | null;
  loading: boolean;
}

export interface WorkbenchState {
  /** Learn mode: results explain themselves in place (src-renderer/learn). */
  learn: boolean;
  /** False from a change of the view until the project has stored it (tests wait on it, not on time). */
  viewSaved: boolean;
  connection: 'connecting' | 'ready' | 'offline';
  connectionError: string | null;
  appInfo: AppInfo | null;
  settings: Settings | null;
  examples: Example[];
  recent: RecentFile[];
  project: ProjectInfo | null;
  /** A project action (open, import, example) is under way: the start screen shows a spinner. */
  busy: string | null;
  datasets: DatasetInfo[];
  activeDatasetId: number | null;
  /** Bumped after every data change so the grid re-reads its rows. */
  dataVersion: number;
  fits: FitSummary[];
  openFitId: number | null;
  openReport: StoredFitReport | null;
  openReportLoading: boolean;
  job: RunningJob | null;
  lastOutcome: FitOutcome | null;
  tab: Tab;
  /** A data row picked in a plot; the grid scrolls to it and highlights it. */
  selectedRow: number | null;
  builder: BuilderModel;
  /** The formula text box: the builder's formula, or what the user is typing. */
  formulaText: string;
  options: FitOptions;
  compare: CompareState;
  notices: Notice[];
}

export function initialState(): WorkbenchState {
  return {
    learn: false,
    viewSaved: true,
    connection: 'connecting',
    connectionError: null,
    appInfo: null,
    settings: null,
    examples: [],
    recent: [],
    project: null,
    busy: null,
    datasets: [],
    activeDatasetId: null,
    dataVersion: 0,
    fits: [],
    openFitId: null,
    openReport: null,
    openReportLoading: false,
    job: null,
    lastOutcome: null,
    tab: 'data',
    selectedRow: null,
    builder: emptyModel(),
    formulaText: '',
    options: { ...DEFAULT_FIT_OPTIONS },
    compare: { fitIds: [], result: null, error: null, loading: false },
    notices: [],
  };
}

/** What we keep in the project (project.setUiState) so reopening lands where the user left. */
export interface SavedUi {
  v: 1;
  activeDatasetId: number | null;
  openFitId: number | null;
  tab: Tab;
  formulaText: string;
  options: FitOptions;
  /** The Bayesian choices of the builder and the Bayesian fit last open (absent before Bayesian fits). */
  bayes?: SavedBayesUi;
  /** The builder of every other dataset, by dataset id (absent in projects saved before it was kept). */
  builders?: Record<string, DatasetBuilder>;
}

/** What the builder holds for one dataset: its formula and fit options (issue 17: no leaks between datasets). */
export interface DatasetBuilder {
  formulaText: string;
  options: FitOptions;
  /** Its Bayesian choices (absent: never set, the defaults). */
  bayes?: BayesChoices;
}

export function activeDataset(s: WorkbenchState): DatasetInfo | null {
  return s.datasets.find((d) => d.id === s.activeDatasetId) ?? null;
}
