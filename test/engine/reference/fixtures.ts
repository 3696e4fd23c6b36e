/**
 * Typed access to the R reference fixtures (test/reference/fixtures/**), written by
 * test/reference/lmm.R and inference.R. Engine tests load a case here and compare against
 * `expected`; the shapes mirror the comments at the top of those R scripts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURE_ROOT = join(process.cwd(), 'test', 'reference', 'fixtures');
export const DATA_DIR = join(process.cwd(), 'test', 'data');

export interface CaseSpec {
  case: string;
  data: string; // CSV file name in test/data
  factors: string[];
  formula: string;
  REML: boolean;
  subset: { description: string; rows: number[] } | null; // 1-based CSV rows kept
  weights?: string | null; // column of prior weights, when the fit used them
  generatedBy: Record<string, string>;
}

/** One table row; keys as in common.R's anova_rows() (term, sumSq, numDf, denDf, fValue, pValue, …). */
export type TableRow = { term: string } & Record<string, number | string | null>;

export interface FixedRow {
  term: string;
  estimate: number;
  stdError: number;
  statistic: number;
  df: number | null;
  pValue: number | null;
}

export interface RanefGroup {
  levels: string[];
  terms: string[];
  values: number[][];
  condSd: number[][];
}

export const ANOVA_KEYS = [
  'type1_satterthwaite', 'type2_satterthwaite', 'type3_satterthwaite', 'type1_kr', 'type2_kr', 'type3_kr',
] as const;
export type AnovaKey = (typeof ANOVA_KEYS)[number];

export interface LmmExpected {
  nobs: number;
  groups: Record<string, number>;
  fixed: FixedRow[];
  fixedKR: FixedRow[] | null;
  random: { group: string; term: string | null; variance: number; sd: number }[];
  correlations: { group: string; term1: string; term2: string; corr: number }[];
  sigma: number;
  logLik: number;
  aic: number;
  bic: number;
  deviance: number;
  remlCriterion: number | null;
  devianceAtREML: number | null;
  dfResid: number;
  npar: number;
  theta: number[];
  thetaNames: string[];
  beta: number[];
  betaNames: string[];
  singular: boolean;
  converged: boolean;
  optinfo: { optimizer: string; feval: number; convCode: number; convMessages: string[] };
  lme4Messages: string[];
  lmerTestMessages: string[];
  droppedFixed: string[];
  anova: Record<AnovaKey, TableRow[] | null> | null;
  anovaErrors: Record<string, string> | null;
  ranef: Record<string, RanefGroup> | null;
  fittedHead: number[];
  residualsHead: number[];
  fittedSum: number;
  residualsSS: number;
  rowsDropped: number[];
  vcov: number[];
  vcovTerms: string[];
}

export interface LmmFixture extends CaseSpec {
  timingMs: number;
  timingRunsMs: number[];
  expected: LmmExpected;
}

export interface ContestEntry {
  name: string;
  terms: string[];
  L: number[][];
  joint: boolean;
  ddf: 'Satterthwaite' | 'Kenward-Roger';
  rows: TableRow[];
}

export interface EmmeansSet {
  /** `by`: the level of the by factor (emmeansBy only). */
  emmeans: { level: string; by?: string; emmean: number; SE: number; df: number; lowerCL: number; upperCL: number }[];
  contrasts: { contrast: string; by?: string; estimate: number; SE: number; df: number; tRatio: number; pValue: number }[];
  adjust: string;
  messages: string[];
}

export interface InferenceExpected {
  contest: ContestEntry[];
  ranova: TableRow[];
  ranovaMessages: string[];
  step: { finalFormula: string; random: TableRow[]; fixed: TableRow[]; messages: string[] };
  confint: {
    profile: { term: string; lower: number | null; upper: number | null }[];
    wald: { term: string; lower: number | null; upper: number | null }[];
    profileMessages: string[];
  };
  lrt: { models: { name: string; formula: string; messages: string[] }[]; rows: TableRow[] };
  drop1: { satterthwaite: TableRow[]; kr: TableRow[] };
  icc: { definition: string; values: Record<string, number> } | null;
  emmeans?: { factor: string; satterthwaite: EmmeansSet; kr: EmmeansSet };
  /** emmeans(m, pairwise ~ factor | by). */
  emmeansBy?: { factor: string; by: string; satterthwaite: EmmeansSet; kr: EmmeansSet };
}

export interface InferenceFixture extends CaseSpec {
  expected: InferenceExpected;
}

function caseNames(kind: 'lmm' | 'inference'): string[] {
  return readdirSync(join(FIXTURE_ROOT, kind))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

export const lmmCaseNames = (): string[] => caseNames('lmm');
export const inferenceCaseNames = (): string[] => caseNames('inference');

export function loadLmmFixture(name: string): LmmFixture {
  return JSON.parse(readFileSync(join(FIXTURE_ROOT, 'lmm', `${name}.json`), 'utf8')) as LmmFixture;
}

export function loadInferenceFixture(name: string): InferenceFixture {
  return JSON.parse(readFileSync(join(FIXTURE_ROOT, 'inference', `${name}.json`), 'utf8')) as InferenceFixture;
}
