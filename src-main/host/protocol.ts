/**
 * What an engine host sends to its workers and hears back. Tables travel by structured clone
 * (typed arrays included); the cancel flag is a SharedArrayBuffer the worker's engine polls.
 */
import { type Advice } from '../../src-engine/advisor/advise';
import { type DesignPreview } from '../../src-engine/design/designPreview';
import { type OptimizerRun, type VerdictRunName } from '../../src-engine/advisor/convergenceVerdict';
import { type Predictions } from '../../src-engine/inference/predict/predict';
import { type Effects } from '../../src-engine/inference/predict/effects';
import { type ConditionalEffects, type Draws } from '../../src-engine/bayes/fit/conditionalEffects';
import { type PpCheck, type PpCheckOptions } from '../../src-engine/bayes/fit/ppCheck';
import { type LooResult } from '../../src-engine/bayes/loo/loo';
import { type HypothesisRow } from '../../src-engine/bayes/hypothesis/hypothesis';
import { type PredictOptions } from '../../src-engine/inference/predict/predictRows';
import { type NewRow } from '../../src-engine/inference/predict/newDataTable';
import { type DescriptiveRow } from '../../src-engine/data/describeBy';
import { type DesignFinding } from '../../src-engine/checks/designCheck';
import { type LmmRequest } from '../../src-engine/lmm/fitLmm';
import { type ImportResult } from '../../src-engine/data/importOptions';
import { type Column, type ColumnType, type Table } from '../../src-engine/data/table';
import { type CandidateFactorCheck } from '../../src-engine/checks/candidateFactors';
import { type BatchRequest, type UnitResult } from '../../src-engine/batch/unitResult';
import { type BatchUnit } from '../../src-engine/batch/units';
import { type SplitFitReport } from '../store/fitVectors';
import { type ColumnSummary, type WireError } from '../api/shapes';
import { type InferenceJob, type InferenceOutputs } from './inferenceJobs';
import { type BayesRequest } from '../../src-engine/bayes/fit/bayesRequest';
import { type BayesChainOutput } from '../../src-engine/bayes/fit/bayesChain';
import { type BayesPriorTable } from '../../src-engine/bayes/fit/bayesJobs';
import { type BayesReport } from '../../src-engine/bayes/fit/bayesReport';
import { type CountModelCall } from '../../src-engine/tmb/report/rCall';
import { type NlmeSpec } from '../../src-engine/nlme/spec/nlmeSpec';
import { type VarianceStep } from '../../src-engine/nlme/varianceStep';
import { type LevelOrder } from '../../src-engine/data/levels';

export interface LmmJobRequest {
  formula: string;
  reml: boolean;
  ddf?: 'satterthwaite' | 'kenward-roger' | 'none';
  anovaType?: 1 | 2 | 3;
}

export type ImportJobSource =
  /** columnTypes: a bundled example's types as R's copy of the data has them (herd is a factor). */
  | { kind: 'path'; path: string; columnTypes?: Readonly<Record<string, ColumnType>> }
  | { kind: 'bytes'; fileName: string; bytes: Uint8Array };

export type JobInput =
  | { kind: 'fit-lmm'; table: Table; request: LmmJobRequest }
  | { kind: 'import'; source: ImportJobSource; sheet?: string; levelOrder?: LevelOrder }
  /** A chunk of a batch: each unit fitted alone, its error kept (src-engine/batch). */
  | { kind: 'fit-units'; table: Table; request: BatchRequest; units: BatchUnit[] }
  | { kind: 'check-candidates'; table: Table; fixedFormula: string; candidates: string[]; family?: { family: string; link?: string } }
  /** R's summary() of one large column (a sort of every value: off the main thread). */
  | { kind: 'column-summary'; column: Column }
  /** Descriptives of numeric columns by group (src-engine/data/describeBy.ts). */
  | { kind: 'describe'; table: Table; columns: string[]; by: string | null }
  /** One chain of a Bayesian fit (its own seeded stream); the main thread combines the chains. */
  | { kind: 'bayes-chain'; table: Table; request: BayesRequest; chain: number }
  /** get_prior()'s table for a Bayesian spec (and the improper-posterior check). */
  | { kind: 'bayes-priors'; table: Table; request: BayesRequest }
  /** brms's summary of finished chains (wallMs: the whole fit's wall time, measured by the host). */
  | { kind: 'bayes-summary'; table: Table; request: BayesRequest; chains: BayesChainOutput[]; wallMs: number }
  /** nlme's gls()/lme() (src-engine/nlme), answered split like fit-lmm. */
  | { kind: 'fit-nlme'; table: Table; spec: NlmeSpec }
  /** Zuur's variance-structure step: the homogeneous model and each candidate variance function. */
  | { kind: 'nlme-variance-step'; table: Table; spec: NlmeSpec; candidates: string[] }
  /** A count model as glmmTMB (src-engine/tmb), answered split like fit-lmm. */
  | { kind: 'fit-tmb'; table: Table; call: CountModelCall }
  | InferenceJob
  /** The advisor's design check (src-engine/checks/designCheck.ts). */
  | { kind: 'design-check'; table: Table; formula: string; family?: string }
  /** The advisor on a fitted model: convergence verdict and singular-fit sensitivity (src-engine/advisor). */
  | { kind: 'advise'; table: Table; request: LmmRequest; verdict?: boolean }
  /** Some of the convergence verdict's optimizer runs (the app spreads them over the workers). */
  | { kind: 'verdict-runs'; table: Table; request: LmmRequest; names: VerdictRunName[] }
  /** X's and Z's first rows and Z's picture for Learn mode (src-engine/design/designPreview.ts). */
  | { kind: 'design-preview'; table: Table; request: LmmRequest }
  /** brms's conditional_effects from a Bayesian fit's stored draws (src-engine/bayes/fit/conditionalEffects.ts). */
  | { kind: 'bayes-effects'; table: Table; spec: { formula: string; family: string }; draws: Draws; x: string; by: string | null }
  /** brms's pp_check from a Bayesian fit's stored draws (src-engine/bayes/fit/ppCheck.ts). */
  | { kind: 'bayes-ppcheck'; table: Table; request: BayesRequest; draws: Draws; options: PpCheckOptions }
  /** brms's hypothesis() on a Bayesian fit's stored draws, with prior draws for point hypotheses (src-engine/bayes/hypothesis). */
  | { kind: 'bayes-hypothesis'; table: Table; request: BayesRequest; draws: Draws; hypotheses: string[]; alpha: number; seed: number }
  /** PSIS-LOO from a Bayesian fit's stored draws (src-engine/bayes/loo). */
  | { kind: 'bayes-loo'; table: Table; request: BayesRequest; draws: Draws; chains: number }
  /** An effect plot's curves (src-engine/inference/predict/effects.ts). */
  | { kind: 'effects'; table: Table; request: LmmRequest; x: string; by: string | null; level: number }
  /** predict() on new rows for a stored fit (src-engine/inference/predict). */
  | { kind: 'predict'; table: Table; request: LmmRequest; rows: NewRow[]; options: Partial<PredictOptions> };

export type JobKind = JobInput['kind'];

export interface JobOutputs extends InferenceOutputs {
  /** Split in the worker: the main thread copies the vectors as typed arrays and never walks them. */
  'fit-lmm': SplitFitReport;
  import: ImportResult;
  'check-candidates': CandidateFactorCheck;
  'fit-units': UnitResult[];
  'column-summary': ColumnSummary;
  describe: DescriptiveRow[];
  'bayes-chain': BayesChainOutput;
  'bayes-priors': BayesPriorTable;
  'bayes-summary': BayesReport;
  'fit-nlme': SplitFitReport;
  'fit-tmb': SplitFitReport;
  'nlme-variance-step': VarianceStep;
  'design-check': DesignFinding[];
  advise: Advice;
  'verdict-runs': OptimizerRun[];
  predict: Predictions;
  effects: Effects;
  'bayes-effects': ConditionalEffects;
  'bayes-ppcheck': PpCheck;
  'bayes-loo': LooResult;
  'bayes-hypothesis': HypothesisRow[];
  'design-preview': DesignPreview;
}
export type OutputOf<J extends JobInput> = JobOutputs[J['kind']];

export interface EngineProgress {
  evaluations: number;
  objective: number | null;
  /** Units of work in all when known (bootstrap simulations, profiled parameters); evaluations counts those done. */
  total?: number;
}

export type ToWorker =
  | { type: 'run'; jobId: string; job: JobInput; cancelFlag?: SharedArrayBuffer }
  /** For workers in another process, where the flag cannot be shared (Electron utility process). */
  | { type: 'cancel'; jobId: string };

export type FromWorker =
  | { type: 'progress'; jobId: string; progress: EngineProgress }
  | { type: 'result'; jobId: string; output: unknown }
  | { type: 'error'; jobId: string; error: WireError };
