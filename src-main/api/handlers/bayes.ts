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
import { bayesMethods, brmsRCode } from '../../../src-engine/bayes/fit/brmsRCode';
import { drawsOfChains } from '../../../src-engine/bayes/fit/conditionalEffects';
import { paretoKCounts } from '../../../src-engine/bayes/loo/loo';
import { looCompare } from '../../../src-engine/bayes/loo/looCompare';
import { isGroupEffect } from '../../../src-engine/bayes/model/brmsDraws';
import { QuadratError } from '../../../src-engine/errors/quadratError';
import { safeFileName } from '../../export/apiExports';
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

/**
 * A stored fit with what a worker needs to recompute from its draws: the data it was fitted to (refused
 * when deleted or changed: the draws describe the data as they were), the request, and every draw
 * flattened (chains one after another).
 */
function storedFit(ctx: AppContext, bayesId: number, deletedWhat: string, changedWhat: string) {
  const project = requireProject(ctx);
  const { summary } = project.bayes.get(bayesId);
  if (summary.datasetId === null) throw new QuadratError('input', `The data of "${summary.name}" were deleted, so ${deletedWhat}.`);
  if (summary.dataChanged) throw new QuadratError('model', `"${summary.name}" was fitted to data that has changed since; ${changedWhat}. Fit the model again first.`);
  const { table } = fitData(project, summary.datasetId, summary.spec);
  const d = project.bayes.draws(bayesId);
  return { summary, table, request: requestOf(summary.spec, summary.settings), draws: drawsOfChains(d.names, d.chains), chainCount: d.chains.length };
}

/** brms R code for a stored fit: read.csv of the dataset exported as CSV, its factors, the subset, brm(). */
export function bayesRCode(project: Project, bayesId: number): { code: string; methods: string } {
  const { summary, report } = project.bayes.get(bayesId);
  const request = requestOf(summary.spec, summary.settings);
  const factors = summary.datasetId === null ? [] : project.datasets.info(summary.datasetId).columns.filter((c) => c.type === 'factor').map((c) => c.name);
  let code = brmsRCode(request, { file: `${safeFileName(summary.datasetName)}.csv`, factors, ...(summary.spec.subset ? { subset: summary.spec.subset } : {}), ...(summary.spec.filter ? { filter: summary.spec.filter } : {}) });
  if (summary.dataChanged) code = `# Note: the dataset changed after this model was fitted; the code reads the current data.\n${code}`;
  return { code: `# ${summary.name}, from Quadrat: export the dataset "${summary.datasetName}" as CSV beside this script\n${code}`, methods: bayesMethods(request, report.priors) };
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
    const s = storedFit(ctx, p.bayesId, 'its conditional effects cannot be drawn', 'its conditional effects would be drawn over other data');
    return ctx.host.run({ kind: 'bayes-effects', table: s.table, spec: { formula: s.summary.spec.formula, family: s.summary.spec.family }, draws: s.draws, x: p.x, by: p.by }).result;
  },
  'bayes.ppCheck': async (p, ctx) => {
    const s = storedFit(ctx, p.bayesId, 'its posterior predictive check cannot be drawn', 'its replicated data would be set against other data');
    return ctx.host.run({ kind: 'bayes-ppcheck', table: s.table, request: s.request, draws: s.draws, options: { ndraws: p.ndraws, group: p.group, seed: p.seed } }).result;
  },
  /** Each fit's LOO on the workers (in parallel), then loo_compare here from their pointwise elpd. */
  'bayes.loo': async (p, ctx) => {
    if (new Set(p.bayesIds).size !== p.bayesIds.length) throw new QuadratError('input', 'Each model can be compared only once.');
    const fits = p.bayesIds.map((bayesId) => ({ bayesId, ...storedFit(ctx, bayesId, 'its LOO cannot be computed', 'its LOO would score other data') }));
    if (fits.length > 1 && new Set(fits.map((f) => f.summary.datasetId)).size > 1) {
      throw new QuadratError('input', 'loo_compare compares models of the same data: these models were fitted to different datasets.');
    }
    const results = await Promise.all(fits.map((f) => ctx.host.run({ kind: 'bayes-loo', table: f.table, request: f.request, draws: f.draws, chains: f.chainCount }).result));
    const models = fits.map((f, k) => {
      const r = results[k];
      const k7 = r.pointwise.pareto_k.flatMap((v, i) => (v > 0.7 ? [i + 1] : []));
      return { bayesId: f.bayesId, name: f.summary.name, nobs: r.pointwise.elpd_loo.length, draws: r.draws, elpd_loo: r.elpd_loo, p_loo: r.p_loo, looic: r.looic, paretoK: paretoKCounts(r.pointwise.pareto_k), badObservations: k7 };
    });
    const compare = fits.length > 1 ? looCompare(fits.map((f, k) => ({ name: f.summary.name, loo: results[k] }))) : null;
    return { models, compare };
  },
  /** On a worker: the model is rebuilt for its priors, whose draws give point hypotheses their evidence ratio. */
  'bayes.hypothesis': async (p, ctx) => {
    const s = storedFit(ctx, p.bayesId, 'its hypotheses cannot be tested', 'its prior draws would be of another model');
    const rows = await ctx.host.run({ kind: 'bayes-hypothesis', table: s.table, request: s.request, draws: s.draws, hypotheses: p.hypotheses, alpha: p.alpha, seed: s.summary.settings.seed }).result;
    return { alpha: p.alpha, rows };
  },
  'bayes.rCode': (p, ctx) => bayesRCode(requireProject(ctx), p.bayesId),
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
      names: d.names.filter((n) => !isGroupEffect(n)),
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
