/**
 * The lmerTest extras as worker jobs: each refits the stored model (formula + REML/ML) on the table
 * it is sent and runs one inference. Outputs are plain data (no LmmFit crosses a thread).
 */
import { type Table } from '../../src-engine/data/table';
import { buildDesign } from '../../src-engine/design/buildDesign';
import {
  LmmInference,
  bootEstimates,
  bootstrapSamples,
  confintProfile,
  confintWald,
  contestJoint,
  contestRows,
  emmeans,
  icc,
  nakagawaR2,
  ranova,
  step,
  type ContrastRow,
  type DdfMethod,
  type Emmeans,
  type FTest,
  type IntervalRow,
  type PAdjust,
  type Ranova,
  type RefitControl,
  type StepResult,
} from '../../src-engine/inference/index';
import { fitDesign, type LmmFit } from '../../src-engine/lmm/fitDesign';
import { isGlmmSpec } from '../../src-engine/lmm/fitLmm';
import { fitGlmmTable } from '../../src-engine/glmm/fitGlmm';
import { confintWaldGlmm, glmmEmmeans, type GlmmEmmeans } from '../../src-engine/glmm/glmmInference';
import { glmmBootEstimates, glmmBootstrapSamples } from '../../src-engine/glmm/bootstrap';
import { confintProfileGlmm } from '../../src-engine/glmm/profile';
import { QuadratError } from '../../src-engine/errors/quadratError';
import { type JobControl } from './runJob';

/** What is refitted: the stored fit's formula and criterion, its prior weights, and its family for a GLMM. */
export interface RefitRequest {
  formula: string;
  reml: boolean;
  weights?: string;
  family?: string;
  link?: string;
  nAGQ?: number;
}

export type InferenceJob =
  | { kind: 'confint'; table: Table; request: RefitRequest; method: 'wald' | 'profile'; level: number }
  | { kind: 'boot-chunk'; table: Table; request: RefitRequest; seed: number; start: number; count: number }
  | { kind: 'ranova'; table: Table; request: RefitRequest }
  | { kind: 'step'; table: Table; request: RefitRequest; ddf: DdfMethod }
  | { kind: 'emmeans'; table: Table; request: RefitRequest; factor: string; by: string | null; adjust: PAdjust; ddf: DdfMethod; level: number; type?: 'link' | 'response'; biasAdjust?: boolean }
  | { kind: 'r2'; table: Table; request: RefitRequest }
  | { kind: 'contest'; table: Table; request: RefitRequest; L: number[][]; ddf: DdfMethod; level: number };

export interface ConfintOutput {
  rows: IntervalRow[];
  messages: string[];
}

/** One chunk of a bootstrap: simulations start … start+count−1, and the estimates they are read around. */
export interface BootChunkOutput {
  names: string[];
  estimates: number[];
  values: number[][];
  failed: number;
}

export type StepOutput = Omit<StepResult, 'model'>;

export interface R2Output {
  /** Per grouping factor; null unless every random term is a plain (1 | g). */
  icc: Record<string, number> | null;
  marginal: number;
  conditional: number;
}

export interface ContestOutput {
  rows: ContrastRow[];
  /** The joint F-test, only asked for when L has 2+ rows. */
  joint: FTest | null;
  messages: string[];
}

export interface InferenceOutputs {
  confint: ConfintOutput;
  'boot-chunk': BootChunkOutput;
  ranova: Ranova;
  step: StepOutput;
  /** GlmmEmmeans adds the scale, ratio and bias-adjustment σ for GLMMs. */
  emmeans: Emmeans & Partial<Pick<GlmmEmmeans, 'type' | 'ratio' | 'sigma'>>;
  r2: R2Output;
  contest: ContestOutput;
}

function refit(table: Table, request: RefitRequest, control: JobControl): LmmFit {
  return fitDesign(buildDesign(table, request.formula, request.weights ? { weights: request.weights } : {}), request.reml, { signal: control.signal });
}

/** The GLMM inference there is so far (Wald intervals, marginal means); the rest is refused with the reason. */
function runGlmmInference(job: InferenceJob, control: JobControl): InferenceOutputs[InferenceJob['kind']] {
  const { formula, family, link, nAGQ, weights } = job.request;
  const fit = () => fitGlmmTable(job.table, { formula, family: family!, link, nAGQ, weights }, { signal: control.signal });
  if (job.kind === 'confint' && job.method === 'wald') return { rows: confintWaldGlmm(fit(), job.level), messages: [] };
  if (job.kind === 'confint') {
    const onProgress = (done: number, total: number) => control.onProgress({ evaluations: done, objective: null, total });
    const f = fit();
    const vector = f.model.blocks.some((b) => b.S > 1);
    const messages = vector ? ['The SDs and correlations of random slopes are not profiled for GLMMs yet (their rows are empty).'] : [];
    return { rows: confintProfileGlmm(f, { level: job.level, onProgress, signal: control.signal }), messages };
  }
  if (job.kind === 'boot-chunk') {
    const f = fit();
    const onProgress = (done: number, total: number) => control.onProgress({ evaluations: done, objective: null, total });
    const samples = glmmBootstrapSamples(f, { seed: job.seed, start: job.start, count: job.count, onProgress, signal: control.signal });
    return { names: samples.names, estimates: glmmBootEstimates(f), values: samples.values, failed: samples.failed };
  }
  if (job.kind === 'emmeans') {
    return glmmEmmeans(fit(), job.factor, { adjust: job.adjust, level: job.level, by: job.by, type: job.type ?? 'response', biasAdjust: job.biasAdjust });
  }
  const what: Record<InferenceJob['kind'], string> = {
    confint: 'Confidence intervals',
    'boot-chunk': 'Bootstrap intervals',
    ranova: 'ranova',
    step: 'step',
    emmeans: 'Marginal means',
    r2: 'R² and ICC',
    contest: 'Contrast tests',
  };
  throw new QuadratError('model', `${what[job.kind]} are not available for GLMMs yet. Wald, profile and bootstrap intervals, marginal means, the Wald χ² table and likelihood-ratio comparisons are.`);
}

/** ranova's and step's progress is the count of models fitted (of the total, when known). */
function refitControl(control: JobControl): RefitControl {
  return {
    signal: control.signal,
    onFitted: (fitted, total) => control.onProgress({ evaluations: fitted, objective: null, ...(total === null ? {} : { total }) }),
  };
}

export function runInferenceJob(job: InferenceJob, control: JobControl): InferenceOutputs[InferenceJob['kind']] {
  if (isGlmmSpec(job.request)) return runGlmmInference(job, control);
  if (job.request.weights && (job.kind === 'ranova' || job.kind === 'step'))
    throw new QuadratError('model', `${job.kind} does not take prior weights yet; fit the model without weights to use it.`);
  switch (job.kind) {
    case 'confint': {
      const fit = refit(job.table, job.request, control);
      if (job.method === 'wald') return { rows: confintWald(fit, job.level), messages: [] };
      const messages = fit.reml ? ['Profiles use the maximum-likelihood fit (lme4 refits REML fits by ML to profile them).'] : [];
      const onProgress = (done: number, total: number) => control.onProgress({ evaluations: done, objective: null, total });
      return { rows: confintProfile(fit, { level: job.level, onProgress, signal: control.signal }), messages };
    }
    case 'boot-chunk': {
      const fit = refit(job.table, job.request, control);
      const onProgress = (done: number, total: number) => control.onProgress({ evaluations: done, objective: null, total });
      const s = bootstrapSamples(fit, { seed: job.seed, start: job.start, count: job.count, onProgress, signal: control.signal });
      return { names: s.names, estimates: bootEstimates(fit), values: s.values, failed: s.failed };
    }
    case 'ranova':
      return ranova(job.table, job.request.formula, job.request.reml, {}, refitControl(control));
    case 'step': {
      const { random, fixed, finalFormula } = step(job.table, job.request.formula, job.request.reml, { ddf: job.ddf, control: refitControl(control) });
      return { random, fixed, finalFormula };
    }
    case 'emmeans': {
      const fit = refit(job.table, job.request, control);
      return emmeans(new LmmInference(fit), job.factor, { ddf: job.ddf, adjust: job.adjust, level: job.level, by: job.by });
    }
    case 'r2': {
      const fit = refit(job.table, job.request, control);
      return { icc: icc(fit), ...nakagawaR2(fit) };
    }
    case 'contest': {
      const inf = new LmmInference(refit(job.table, job.request, control));
      const rows = contestRows(inf, job.L, job.ddf, job.level);
      const joint = job.L.length > 1 ? contestJoint(inf, job.L, job.ddf) : null;
      return { rows, joint, messages: inf.varparWarnings() };
    }
  }
}
