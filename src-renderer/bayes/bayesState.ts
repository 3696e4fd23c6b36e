/** The Bayesian side of the workbench: what to fit (family, priors, sampler settings), what runs, what is open. */
import type {
  BayesFamily,
  BayesFitSummary,
  BayesReportWire,
  JobProgress,
  PriorRowWire,
  StoredFitReport,
  UserPriorWire,
} from '../../src-main/api/contract';

export interface SamplerSettings {
  chains: number;
  iter: number;
  /** null: iter / 2, as brms. */
  warmup: number | null;
  seed: number;
  adaptDelta: number;
  maxTreedepth: number;
}

export const DEFAULT_SAMPLER: SamplerSettings = { chains: 4, iter: 2000, warmup: null, seed: 1, adaptDelta: 0.8, maxTreedepth: 10 };

export interface BayesJob {
  jobId: string;
  label: string;
  startedAt: number;
  progress: JobProgress | null;
  cancelling: boolean;
  settings: SamplerSettings;
}

export interface BayesState {
  /** "Bayesian" is chosen in the model builder: Fit samples with NUTS. */
  enabled: boolean;
  family: BayesFamily;
  sampler: SamplerSettings;
  priors: UserPriorWire[];
  /** get_prior()'s table for the builder's model with the user priors, or why there is none. */
  priorTable: { rows: PriorRowWire[]; improper: { message: string; suggestion: UserPriorWire } | null } | null;
  priorError: string | null;
  priorLoading: boolean;
  job: BayesJob | null;
  outcome: { state: 'failed' | 'cancelled'; message: string; formula: string } | null;
  fits: BayesFitSummary[];
  openId: number | null;
  open: { summary: BayesFitSummary; report: BayesReportWire } | null;
  /** The GLMM the open fit was refitted from, shown beside it. */
  compared: { fitId: number; name: string; report: StoredFitReport } | null;
}

export function initialBayesState(): BayesState {
  return {
    enabled: false,
    family: 'gaussian',
    sampler: { ...DEFAULT_SAMPLER },
    priors: [],
    priorTable: null,
    priorError: null,
    priorLoading: false,
    job: null,
    outcome: null,
    fits: [],
    openId: null,
    open: null,
    compared: null,
  };
}

/** brms's family for the builder's response: binomial needs trials (cbind or | trials()), else it is bernoulli. */
export function effectiveFamily(family: BayesFamily, formula: string): BayesFamily {
  if (family !== 'bernoulli' && family !== 'binomial') return family;
  const lhs = formula.split('~')[0] ?? '';
  return /^\s*cbind\s*\(|\|\s*trials\s*\(/.test(lhs) ? 'binomial' : 'bernoulli';
}

/** The Bayesian choices of one dataset's model builder (each dataset keeps its own, as its formula). */
export interface BayesChoices {
  enabled: boolean;
  family: BayesFamily;
  sampler: SamplerSettings;
  priors: UserPriorWire[];
}

/** A dataset's choices before any were made: brms's defaults, Bayesian estimation off. */
export function defaultChoices(): BayesChoices {
  return { enabled: false, family: 'gaussian', sampler: { ...DEFAULT_SAMPLER }, priors: [] };
}

/** What of the Bayesian state is kept in the project's UI state (project.setUiState). */
export interface SavedBayesUi {
  enabled: boolean;
  family: BayesFamily;
  sampler: SamplerSettings;
  priors: UserPriorWire[];
  openId: number | null;
}
