/**
 * The lmerTest extras on a stored fit: confidence intervals (a job; the bootstrap split over the
 * workers), ranova, step, marginal means, R² and contrast tests (contest). Each refits the stored spec on the dataset as it is
 * now in a worker, so a fit whose data has changed since is refused rather than silently redone.
 */
import { refuseNlme } from '../nlmeSpec';
import { refuseCountModel } from '../tmbSpec';
import { randomUUID } from 'node:crypto';
import { type Table } from '../../../src-engine/data/table';
import { QuadratError } from '../../../src-engine/errors/quadratError';
import { percentileIntervals } from '../../../src-engine/inference/bootstrap';
import { type JobHandle } from '../../host/engineHost';
import { type JobInput, type OutputOf } from '../../host/protocol';
import { type BootChunkOutput, type RefitRequest } from '../../host/inferenceJobs';
import { type AppContext, requireProject } from '../context';
import { fitData } from '../fitData';
import { type Handler } from '../dispatch';
import { type ConfintResult, type RanovaResult, type StepResultWire } from '../inferenceShapes';
import { type FitSummary } from '../shapes';
import { isGlmmSpec } from '../../../src-engine/lmm/fitLmm';

export const INFERENCE_METHODS = ['model.confint', 'model.confintResult', 'model.ranova', 'model.ranovaResult', 'model.step', 'model.stepResult', 'model.emmeans', 'model.r2', 'model.contest'] as const;
type InferenceMethod = (typeof INFERENCE_METHODS)[number];

interface StoredFit {
  summary: FitSummary;
  table: Table;
  request: RefitRequest;
}

/** The stored fit's spec and today's data, which must be the data it was fitted to. */
function storedFit(ctx: AppContext, fitId: number): StoredFit {
  const project = requireProject(ctx);
  const { summary } = project.fits.get(fitId);
  refuseNlme(summary.spec, 'This procedure (lmerTest/emmeans on a refit)');
  refuseCountModel(summary.spec, 'This procedure (lmerTest/emmeans on a refit)');
  if (summary.dataChanged || summary.datasetId === null)
    throw new QuadratError(
      'model',
      `"${summary.name}" was fitted to data that has changed (or was deleted) since, so it cannot be refitted for this. Fit the model again first.`,
    );
  const { formula, reml, weights, family, link, nAGQ } = summary.spec;
  const glmm = isGlmmSpec(summary.spec) ? { family, link, nAGQ } : {};
  return { summary, table: fitData(project, summary.datasetId, summary.spec).table, request: { formula, reml, ...(weights ? { weights } : {}), ...glmm } };
}

/** Each row of L has one weight per fixed-effect coefficient (in the fit's order) and is not all zero. */
function checkContrasts(L: number[][], terms: string[]): void {
  L.forEach((row, k) => {
    const which = L.length > 1 ? `Contrast row ${k + 1}` : 'The contrast';
    if (row.length !== terms.length)
      throw new QuadratError('input', `${which} has ${row.length} weights, but the model has ${terms.length} fixed-effect coefficients (${terms.join(', ')}): give one weight per coefficient.`);
    if (row.every((w) => w === 0)) throw new QuadratError('input', `${which} is all zeros, so it tests nothing: give at least one coefficient a non-zero weight.`);
  });
}

const timeLimitMs = (ctx: AppContext) => ctx.userData.settings().fitTimeLimitSec * 1000;

/** Simulations split into one chunk per worker with consecutive starts, so the result equals one run of nsim. */
export function bootChunks(nsim: number, workers: number): { start: number; count: number }[] {
  const k = Math.max(1, Math.min(workers, nsim));
  const base = Math.floor(nsim / k);
  let start = 0;
  return Array.from({ length: k }, (_, i) => {
    const count = base + (i < nsim % k ? 1 : 0);
    const chunk = { start, count };
    start += count;
    return chunk;
  });
}

/** The chunks' samples in simulation order, read around the estimates the first chunk reports. */
function mergeChunks(chunks: BootChunkOutput[], level: number, nsim: number, seed: number): ConfintResult {
  const samples = { names: chunks[0].names, values: chunks.flatMap((c) => c.values), failed: chunks.reduce((s, c) => s + c.failed, 0) };
  const failed = samples.failed;
  const messages = [`Parametric bootstrap: ${nsim} simulations, seed ${seed}${failed ? `; ${failed} refits failed and were left out` : ''}.`];
  return { method: 'boot', level, nsim, seed, failed, rows: percentileIntervals(chunks[0].estimates, samples, level).map(finiteRow), messages };
}

/** One job handle over the bootstrap's chunk jobs: progress is their sum, cancel stops them all. */
function bootJob(ctx: AppContext, fit: StoredFit, level: number, nsim: number, seed: number, onProgress: (p: { evaluations: number; objective: null; total: number }) => void, onStart: () => void): JobHandle<ConfintResult> {
  const done: number[] = [];
  const handles = bootChunks(nsim, ctx.host.size).map((c, i) => {
    done[i] = 0;
    return ctx.host.run(
      { kind: 'boot-chunk', table: fit.table, request: fit.request, seed, start: c.start, count: c.count },
      {
        timeLimitMs: timeLimitMs(ctx),
        onStart,
        onProgress: (p) => {
          done[i] = p.evaluations;
          onProgress({ evaluations: done.reduce((s, d) => s + d, 0), objective: null, total: nsim });
        },
      },
    );
  });
  const cancel = () => handles.forEach((h) => h.cancel());
  const result = Promise.all(handles.map((h) => h.result)).then(
    (chunks) => mergeChunks(chunks, level, nsim, seed),
    (e: unknown) => {
      cancel(); // one chunk failed: the others are of no use
      throw e;
    },
  );
  result.catch(() => undefined);
  return {
    id: randomUUID(),
    result,
    cancel,
    get started() {
      return handles.some((h) => h.started);
    },
  };
}

const methodLabel = { wald: 'Wald', profile: 'profile', boot: 'bootstrap' } as const;

/** A worker job's handle with its output turned into wire form. */
function mapHandle<T, W>(inner: JobHandle<T>, toWire: (output: T) => W): JobHandle<W> {
  const handle: JobHandle<W> = {
    id: inner.id,
    cancel: inner.cancel,
    result: inner.result.then(toWire),
    get started() {
      return inner.started;
    },
  };
  handle.result.catch(() => undefined);
  return handle;
}

/** Runs a refitting procedure (ranova, step) as a tracked job: progress, job.cancel, and its output in wire form. */
function trackRefitJob<J extends Extract<JobInput, { kind: 'ranova' | 'step' }>, W>(ctx: AppContext, label: string, job: J, toWire: (output: OutputOf<J>) => W): string {
  let id = '';
  const inner = ctx.host.run(job, { onProgress: ctx.jobs.progressFor(() => id), onStart: ctx.jobs.startFor(() => id), timeLimitMs: timeLimitMs(ctx) });
  id = inner.id;
  ctx.jobs.track(job.kind, label, mapHandle(inner, toWire), requireProject(ctx), () => ({ fitId: null }));
  return id;
}

export const inferenceHandlers: { [M in InferenceMethod]: Handler<M> } = {
  'model.confint': (p, ctx) => {
    const fit = storedFit(ctx, p.fitId);
    const project = requireProject(ctx);
    let id = '';
    const onProgress = ctx.jobs.progressFor(() => id);
    const onStart = ctx.jobs.startFor(() => id);
    let handle: JobHandle<ConfintResult>;
    if (p.method === 'boot') handle = bootJob(ctx, fit, p.level, p.nsim, p.seed, onProgress, onStart);
    else {
      const { method, level } = p;
      const inner = ctx.host.run({ kind: 'confint', table: fit.table, request: fit.request, method, level }, { onProgress, onStart, timeLimitMs: timeLimitMs(ctx) });
      handle = mapHandle(inner, (o) => ({ method, level, nsim: null, seed: null, failed: null, rows: o.rows.map(finiteRow), messages: o.messages }));
    }
    id = handle.id;
    ctx.jobs.track('confint', `${methodLabel[p.method]} confidence intervals for ${fit.summary.name}`, handle, project, () => ({ fitId: null }));
    return { jobId: id };
  },
  'model.confintResult': async (p, ctx) => (await ctx.jobs.output(p.jobId, 'confint')) as ConfintResult,
  'model.ranova': (p, ctx) => {
    const fit = storedFit(ctx, p.fitId);
    const jobId = trackRefitJob(ctx, `Random-effect tests for ${fit.summary.name}`, { kind: 'ranova', table: fit.table, request: fit.request }, (r) => ({
      rows: r.rows.map(finiteRow),
      formulas: r.formulas,
      reml: fit.request.reml,
    }));
    return { jobId };
  },
  'model.ranovaResult': async (p, ctx) => (await ctx.jobs.output(p.jobId, 'ranova')) as RanovaResult,
  'model.step': (p, ctx) => {
    const fit = storedFit(ctx, p.fitId);
    const ddf = p.ddf ?? (fit.summary.spec.ddf === 'kenward-roger' ? 'kenward-roger' : 'satterthwaite');
    const jobId = trackRefitJob(ctx, `Model selection (step) for ${fit.summary.name}`, { kind: 'step', table: fit.table, request: fit.request, ddf }, (r) => ({
      random: r.random.map(finiteRow),
      fixed: r.fixed.map(finiteRow),
      finalFormula: r.finalFormula,
      ddf,
    }));
    return { jobId };
  },
  'model.stepResult': async (p, ctx) => (await ctx.jobs.output(p.jobId, 'step')) as StepResultWire,
  'model.emmeans': async (p, ctx) => {
    const fit = storedFit(ctx, p.fitId);
    const job = { kind: 'emmeans' as const, table: fit.table, request: fit.request, factor: p.factor, by: p.by, adjust: p.adjust, ddf: p.ddf, level: p.level, type: p.type, biasAdjust: p.biasAdjust };
    const r = await ctx.host.run(job, { timeLimitMs: timeLimitMs(ctx) }).result;
    const glmm = r.type ? { type: r.type, ratio: r.ratio ?? null, sigma: r.sigma ?? null } : {};
    return { factor: r.factor, by: r.by, adjust: r.adjust, ddf: p.ddf, level: p.level, ...glmm, emmeans: r.emmeans.map(finiteRow), contrasts: r.contrasts.map(finiteRow), notes: r.notes };
  },
  'model.r2': async (p, ctx) => {
    const fit = storedFit(ctx, p.fitId);
    const r = await ctx.host.run({ kind: 'r2', table: fit.table, request: fit.request }, { timeLimitMs: timeLimitMs(ctx) }).result;
    return { icc: r.icc === null ? null : Object.entries(r.icc).map(([group, icc]) => ({ group, icc })), marginal: r.marginal, conditional: r.conditional };
  },
  'model.contest': async (p, ctx) => {
    const fit = storedFit(ctx, p.fitId);
    checkContrasts(p.L, requireProject(ctx).fits.get(p.fitId).report.fixed.map((f) => f.term));
    const job = { kind: 'contest' as const, table: fit.table, request: fit.request, L: p.L, ddf: p.ddf, level: p.level };
    const r = await ctx.host.run(job, { timeLimitMs: timeLimitMs(ctx) }).result;
    return { ddf: p.ddf, level: p.level, rows: r.rows.map(finiteRow), joint: r.joint && finiteRow(r.joint), messages: r.messages };
  },
};

/** NaN / ±Infinity → null, as JSON would carry them (the direct transport does not serialise). */
function finiteRow<T extends object>(row: T): T {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'number' && !Number.isFinite(v) ? null : v])) as T;
}
