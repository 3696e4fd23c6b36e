/**
 * batch.*: one model over every unit of a dataset, as a job whose chunks of units run on the engine
 * workers; each chunk's results are stored as it finishes, so a stopped batch resumes with
 * batch.resume. q-values are computed over the whole batch when it is read, never stored per unit.
 */
import { randomUUID } from 'node:crypto';
import { batchCsvLines } from '../../../src-engine/batch/batchCsv';
import { batchParquet } from '../../../src-engine/batch/batchParquet';
import { chunkInput, chunksOf } from '../../../src-engine/batch/chunks';
import { addQValues, countFlags } from '../../../src-engine/batch/summarize';
import { type UnitResult } from '../../../src-engine/batch/unitResult';
import { type BatchUnit, unitsByColumn, unitsByResponses } from '../../../src-engine/batch/units';
import { type Table } from '../../../src-engine/data/table';
import { QuadratError } from '../../../src-engine/errors/quadratError';
import { type LmmRequest } from '../../../src-engine/lmm/fitLmm';
import { type JobHandle } from '../../host/engineHost';
import { type Project } from '../../store/project';
import { batchBayesSettings } from '../batchBayes';
import { type BatchSplit } from '../batchShapes';
import { type AppContext, requireProject } from '../context';
import { type DomainHandlers } from '../dispatch';
import { type ModelSpec } from '../shapes';
import { deliverFile } from '../../export/apiExports';

/** The running job of each batch, per open project. */
const running = new WeakMap<Project, Map<number, string>>();

/** Whether a job is still queued or running (a job pruned from the registry long since finished). */
function active(ctx: AppContext, jobId: string | undefined): boolean {
  if (!jobId) return false;
  try {
    return ['queued', 'running'].includes(ctx.jobs.get(jobId).state);
  } catch {
    return false;
  }
}

function jobsOf(project: Project): Map<number, string> {
  let m = running.get(project);
  if (!m) running.set(project, (m = new Map()));
  return m;
}

function unitsOf(table: Table, split: BatchSplit): BatchUnit[] {
  return 'by' in split ? unitsByColumn(table, split.by) : unitsByResponses(table, split.responses);
}

function requestOf(spec: ModelSpec): LmmRequest {
  const { formula, reml, ddf, anovaType, weights, family, link, nAGQ } = spec;
  return { formula, reml, ddf, anovaType, ...(weights ? { weights } : {}), family, link, nAGQ };
}

/** Starts (or resumes) the batch's job: every unit not yet stored, in chunks on the workers. */
function runBatch(ctx: AppContext, project: Project, batchId: number): string {
  const summary = project.batches.summaryOf(batchId, null);
  if (summary.datasetId === null || summary.dataChanged)
    throw new QuadratError('model', `The data of batch "${summary.name}" have changed (or were deleted) since it started; resuming would mix results from different data. Start a new batch.`);
  const jobs = jobsOf(project);
  if (active(ctx, jobs.get(batchId))) throw new QuadratError('input', `Batch "${summary.name}" is already running.`);
  const table = project.datasets.table(summary.datasetId);
  const units = unitsOf(table, summary.split);
  const position = new Map(units.map((u, i) => [u.name, i]));
  const done = project.batches.doneUnits(batchId);
  const todo = units.filter((u) => !done.has(u.name));
  const request = summary.bayesSeparated ? { ...requestOf(summary.spec), bayesSeparated: batchBayesSettings(summary.spec, summary.bayesSeparated) } : requestOf(summary.spec);
  let id = '';
  const progress = ctx.jobs.progressFor(() => id);
  let finished = done.size;
  const handles: JobHandle<UnitResult[]>[] = [];
  for (const chunk of chunksOf(todo, ctx.host.size)) {
    handles.push(ctx.host.run({ kind: 'fit-units', request, ...chunkInput(table, chunk) }, { onStart: ctx.jobs.startFor(() => id) }));
  }
  const cancel = () => handles.forEach((h) => h.cancel());
  const result = Promise.all(
    handles.map((h) =>
      h.result.then((results) => {
        if (ctx.project !== project) throw new QuadratError('project', 'The project was closed; the batch stopped (resume it when the project is open again).');
        project.batches.addUnits(batchId, results.map((r) => ({ position: position.get(r.unit) ?? 0, result: r })));
        finished += results.length;
        progress({ evaluations: finished, objective: null, total: units.length });
      }),
    ),
  ).then(
    () => {
      project.batches.finish(batchId);
    },
    (e: unknown) => {
      cancel(); // a cancel or a closed project stops every chunk; stored units stay for a resume
      throw e;
    },
  );
  result.catch(() => undefined);
  const handle: JobHandle<void> = {
    id: randomUUID(),
    result,
    cancel,
    get started() {
      return handles.length === 0 || handles.some((h) => h.started);
    },
  };
  id = handle.id;
  const split = 'by' in summary.split ? `by ${summary.split.by}` : `over ${summary.split.responses}`;
  ctx.jobs.track('batch', `Batch ${summary.spec.formula} ${split}`, handle, project, () => ({ fitId: null }));
  jobs.set(batchId, id);
  return id;
}

function jobFor(ctx: AppContext, project: Project) {
  const jobs = jobsOf(project);
  return (batchId: number): string | null => {
    const jobId = jobs.get(batchId);
    return jobId && active(ctx, jobId) ? jobId : null;
  };
}

function read(ctx: AppContext, batchId: number) {
  const project = requireProject(ctx);
  const summary = project.batches.summaryOf(batchId, jobFor(ctx, project)(batchId));
  const units = project.batches.units(batchId);
  addQValues(units);
  return { summary, counts: countFlags(units), units };
}

export const batchHandlers = {
  'batch.start': (p, ctx) => {
    const project = requireProject(ctx);
    if (project.readOnly) throw new QuadratError('project', project.info().readOnlyReason ?? 'This project is open read-only.');
    if (p.spec.subset) throw new QuadratError('input', 'A batch fits every unit; leave out the subset.');
    if (p.spec.filter) throw new QuadratError('input', 'Row filters are not applied to batches yet; filter the rows in a copy of the dataset, or fit the units one at a time.');
    if (p.spec.tmb) throw new QuadratError('input', 'Batches fit lme4 models; count models (glmmTMB) are fitted one at a time.');
    if (p.spec.nlme) throw new QuadratError('input', 'Batches fit lme4 models; nlme models (gls/lme) are fitted one at a time.');
    // refused now, with brms's reason, rather than in every separated unit
    if (p.bayesSeparated) batchBayesSettings(p.spec, p.bayesSeparated);
    const dataset = project.datasets.info(p.datasetId);
    const units = unitsOf(project.datasets.table(p.datasetId), p.split);
    const split = 'by' in p.split ? `by ${p.split.by}` : p.split.responses;
    const batchId = project.batches.create({
      datasetId: dataset.id,
      datasetName: dataset.name,
      name: p.name ?? `Batch ${project.batches.list(() => null).length + 1} (${split})`,
      spec: p.spec,
      split: p.split,
      unitsTotal: units.length,
      dataHash: dataset.dataHash,
      bayesSeparated: p.bayesSeparated ?? null,
    });
    return { batchId, jobId: runBatch(ctx, project, batchId) };
  },
  'batch.resume': (p, ctx) => {
    const project = requireProject(ctx);
    if (project.readOnly) throw new QuadratError('project', project.info().readOnlyReason ?? 'This project is open read-only.');
    return { jobId: runBatch(ctx, project, p.batchId) };
  },
  'batch.list': (_p, ctx) => (ctx.project ? ctx.project.batches.list(jobFor(ctx, ctx.project)) : []),
  'batch.get': (p, ctx) => read(ctx, p.batchId),
  'batch.delete': (p, ctx) => {
    const project = requireProject(ctx);
    const jobId = jobFor(ctx, project)(p.batchId);
    if (jobId) ctx.jobs.cancel(jobId);
    project.batches.delete(p.batchId);
    return { ok: true as const };
  },
  'batch.export': (p, ctx) => {
    const { summary, units } = read(ctx, p.batchId);
    const name = summary.name.replace(/[^\w.-]+/g, '_').slice(0, 80) || 'batch';
    if (p.format === 'parquet') return deliverFile(ctx, p.destination, `${name}.parquet`, 'application/vnd.apache.parquet', new Uint8Array(batchParquet(units)));
    // a BOM so Excel reads the UTF-8 CSV as UTF-8
    return deliverFile(ctx, p.destination, `${name}.csv`, 'text/csv', '\uFEFF' + batchCsvLines(units).join('\n') + '\n');
  },
} satisfies DomainHandlers<'batch'>;
