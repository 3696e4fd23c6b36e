/**
 * bayes.*: Bayesian GLMMs as brms fits them (docs/bayes.md). The prior table and the summary are
 * small worker jobs; a fit is one `bayes-chain` job per chain on the engine workers (in parallel,
 * each from its own seeded stream, so the draws do not depend on the number of workers), tracked
 * as one job: progress per chain, one cancel for all. The report and the compressed draws are
 * stored in the project when the fit ends.
 */
import { randomUUID } from 'node:crypto';
import { type BayesChainOutput } from '../../../src-engine/bayes/fit/bayesChain';
import { type BayesRequest, bayesSettings } from '../../../src-engine/bayes/fit/bayesRequest';
import { type BayesReport } from '../../../src-engine/bayes/fit/bayesReport';
import { QuadratError } from '../../../src-engine/errors/quadratError';
import { type JobHandle } from '../../host/engineHost';
import { type Project } from '../../store/project';
import { bayesSpecFromGlmm } from '../bayesFromGlmm';
import { type BayesSettingsWire, type BayesSpec } from '../bayesShapes';
import { type AppContext, requireProject } from '../context';
import { type DomainHandlers } from '../dispatch';
import { fitData } from '../fitData';
import { ENGINE_VERSION } from '../version';

function requestOf(spec: BayesSpec, settings?: BayesSettingsWire): BayesRequest {
  return { formula: spec.formula, family: spec.family, priors: spec.priors, ...(settings ?? {}) };
}

function writable(ctx: AppContext): Project {
  const project = requireProject(ctx);
  if (project.readOnly) throw new QuadratError('project', project.info().readOnlyReason ?? 'This project is open read-only.');
  return project;
}

function nextName(names: readonly string[]): string {
  let k = 0;
  for (const n of names) {
    const m = /^Bayesian model (\d+)$/.exec(n);
    if (m) k = Math.max(k, Number(m[1]));
  }
  return `Bayesian model ${k + 1}`;
}

interface BayesOutput {
  report: BayesReport;
  chains: BayesChainOutput[];
}

/** Starts the chains, then the summary, as one tracked job that stores the fit when it ends. */
function startBayes(ctx: AppContext, p: { datasetId: number; spec: BayesSpec; settings: BayesSettingsWire; name?: string; compareFitId?: number }): string {
  const project = writable(ctx);
  const dataset = project.datasets.info(p.datasetId);
  if (p.compareFitId !== undefined) project.fits.outline(p.compareFitId); // refuses an unknown fit now
  const { table } = fitData(project, p.datasetId, p.spec);
  const request = requestOf(p.spec, p.settings);
  const s = bayesSettings(request); // bad settings: a clear message now, not four failed chains
  const { fitTimeLimitSec } = ctx.userData.settings();
  let id = '';
  const progress = ctx.jobs.progressFor(() => id);
  const done = new Array<number>(s.chains).fill(0);
  const report = () =>
    progress({ evaluations: done.reduce((a, b) => a + b, 0), objective: null, total: s.chains * s.iter, chains: done.map((iteration, chain) => ({ chain, iteration, total: s.iter })) });
  const t0 = performance.now();
  const chains = Array.from({ length: s.chains }, (_, k) =>
    ctx.host.run(
      { kind: 'bayes-chain', table, request, chain: k },
      {
        onStart: ctx.jobs.startFor(() => id),
        timeLimitMs: fitTimeLimitSec * 1000,
        onProgress: (e) => {
          done[k] = e.evaluations;
          report();
        },
      },
    ),
  );
  let summary: JobHandle<BayesReport> | null = null;
  let cancelled = false;
  const cancel = () => {
    cancelled = true;
    chains.forEach((h) => h.cancel());
    summary?.cancel();
  };
  const result: Promise<BayesOutput> = Promise.all(chains.map((h) => h.result)).then(
    async (outs) => {
      done.fill(s.iter);
      report();
      if (cancelled) throw new QuadratError('cancelled', 'The fit was cancelled.');
      summary = ctx.host.run({ kind: 'bayes-summary', table, request, chains: outs, wallMs: performance.now() - t0 });
      return { report: await summary.result, chains: outs };
    },
    (e: unknown) => {
      cancel(); // one chain failed or was cancelled: stop the others
      throw e;
    },
  );
  result.catch(() => undefined);
  const handle: JobHandle<BayesOutput> = {
    id: randomUUID(),
    result,
    cancel,
    get started() {
      return chains.some((h) => h.started);
    },
  };
  id = handle.id;
  ctx.jobs.track('bayes', `Bayesian fit ${p.spec.formula}`, handle, project, (out) => {
    if (ctx.project !== project) throw new QuadratError('project', 'The project was closed before the fit finished; the result was not saved.');
    const bayesId = project.bayes.add({
      datasetId: dataset.id,
      datasetName: dataset.name,
      name: p.name ?? nextName,
      spec: p.spec,
      settings: p.settings,
      report: out.report,
      draws: { names: out.chains[0].names, chains: out.chains },
      comparedFitId: p.compareFitId ?? null,
      engineVersion: ENGINE_VERSION,
      dataHash: dataset.dataHash,
    });
    return { fitId: null, bayesId };
  });
  return id;
}

export const bayesHandlers = {
  'bayes.priors': async (p, ctx) => {
    const project = requireProject(ctx);
    const { table } = fitData(project, p.datasetId, p.spec);
    const out = await ctx.host.run({ kind: 'bayes-priors', table, request: requestOf(p.spec) }).result;
    return { rows: out.rows, improper: out.improper ? { message: out.improper.message, suggestion: { ...out.improper.suggestion } } : null };
  },
  'bayes.start': (p, ctx) => ({ jobId: startBayes(ctx, p) }),
  'bayes.refitGlmm': (p, ctx) => {
    const project = writable(ctx);
    const { summary } = project.fits.outline(p.fitId);
    if (summary.datasetId === null || summary.dataChanged)
      throw new QuadratError('model', `The data of "${summary.name}" have changed (or were deleted) since it was fitted; a Bayesian refit would describe other data. Fit the GLMM again first.`);
    const spec = bayesSpecFromGlmm(summary.spec);
    return { jobId: startBayes(ctx, { datasetId: summary.datasetId, spec, settings: p.settings, name: `${summary.name} (Bayesian, normal(0, 2.5) on b)`, compareFitId: p.fitId }) };
  },
  'bayes.list': (p, ctx) => (ctx.project ? ctx.project.bayes.list(p.datasetId) : []),
  'bayes.get': (p, ctx) => requireProject(ctx).bayes.get(p.bayesId),
  /** The stored draws and the fit's data go to a worker, which evaluates the mean on the grid per draw. */
  'bayes.conditionalEffects': async (p, ctx) => {
    const project = requireProject(ctx);
    const { summary } = project.bayes.get(p.bayesId);
    if (summary.datasetId === null) throw new QuadratError('input', `The data of "${summary.name}" were deleted, so its conditional effects cannot be drawn.`);
    if (summary.dataChanged) throw new QuadratError('model', `"${summary.name}" was fitted to data that has changed since; its conditional effects would be drawn over other data. Fit the model again first.`);
    const { table } = fitData(project, summary.datasetId, summary.spec);
    const d = project.bayes.draws(p.bayesId);
    const count = d.chains.reduce((s, c) => s + c.numSamples, 0);
    const values = new Float64Array(count * d.names.length);
    let at = 0;
    for (const c of d.chains) {
      values.set(c.values.subarray(0, c.numSamples * d.names.length), at);
      at += c.numSamples * d.names.length;
    }
    const draws = { names: d.names, values, count };
    return ctx.host.run({ kind: 'bayes-effects', table, spec: { formula: summary.spec.formula, family: summary.spec.family }, draws, x: p.x, by: p.by }).result;
  },
  'bayes.draws': (p, ctx) => {
    const project = requireProject(ctx);
    const { summary } = project.bayes.get(p.bayesId);
    const d = project.bayes.draws(p.bayesId);
    const K = d.names.length;
    const at = p.parameters.map((name) => {
      const j = d.names.indexOf(name);
      if (j < 0) throw new QuadratError('input', `"${summary.name}" has no draws of ${name}; it has ${d.names.join(', ')}.`);
      return j;
    });
    const num = (v: number) => (Number.isFinite(v) ? v : null);
    return {
      names: d.names,
      parameters: p.parameters,
      warmup: summary.settings.warmup ?? Math.floor(summary.settings.iter / 2),
      chains: d.chains.map((c) => ({
        chain: c.chain,
        values: at.map((j) => Array.from({ length: c.numSamples }, (_, i) => num(c.values[i * K + j]))),
        divergent: Array.from(c.divergent),
      })),
    };
  },
  'bayes.rename': (p, ctx) => requireProject(ctx).bayes.rename(p.bayesId, p.name),
  'bayes.delete': (p, ctx) => {
    requireProject(ctx).bayes.delete(p.bayesId);
    return { ok: true as const };
  },
} satisfies DomainHandlers<'bayes'>;
