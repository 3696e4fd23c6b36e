/** fit.* and job.*: fits run as jobs in the engine host; a finished fit is stored in the model history. */
import { QuadratError } from '../../../src-engine/errors/quadratError';
import { requireProject } from '../context';
import { fitData } from '../fitData';
import { subsetRows } from '../../../src-engine/data/table';
import { type DomainHandlers } from '../dispatch';
import { ENGINE_VERSION } from '../version';
import { isNlmeSpec, nlmeSpecOf } from '../nlmeSpec';
import { nlmeRCall } from '../../../src-engine/nlme/rCall';
import { tmbRCall } from '../../../src-engine/tmb/report/rCall';
import { resolveCountSpec } from '../tmbSpec';
import { countCandidates } from '../../../src-engine/tmb/countChooser';
import { notCountsReason } from '../../../src-engine/tmb/countResponse';

/** "Model k" with k one more than the largest number already used. */
function nextModelName(names: readonly string[]): string {
  let k = 0;
  for (const n of names) {
    const m = /^Model (\d+)$/.exec(n);
    if (m) k = Math.max(k, Number(m[1]));
  }
  return `Model ${k + 1}`;
}

const startFit = (p: Parameters<DomainHandlers<'fit'>['fit.start']>[0], ctx: Parameters<DomainHandlers<'fit'>['fit.start']>[1]): { jobId: string } => {
  const project = requireProject(ctx);
  if (project.readOnly) throw new QuadratError('project', project.info().readOnlyReason ?? 'This project is open read-only.');
  const dataset = project.datasets.info(p.datasetId);
  // the spec as fitted: a plain poisson count model is glmer's (resolveCountSpec)
  const { spec, tmb } = resolveCountSpec(p.spec);
  const { table, rows } = fitData(project, p.datasetId, spec);
  const { fitTimeLimitSec } = ctx.userData.settings();
  let id = '';
  const nlme = isNlmeSpec(spec) ? nlmeSpecOf(spec) : null;
  const options = { onProgress: ctx.jobs.progressFor(() => id), onStart: ctx.jobs.startFor(() => id), timeLimitMs: fitTimeLimitSec * 1000 };
  const handle = tmb
    ? ctx.host.run({ kind: 'fit-tmb', table, call: tmb }, options)
    : nlme
      ? ctx.host.run({ kind: 'fit-nlme', table, spec: nlme }, options)
      : ctx.host.run({ kind: 'fit-lmm', table, request: spec }, options);
  id = handle.id;
  const label = tmb ? `Fit ${tmbRCall(tmb)}` : nlme ? `Fit ${nlmeRCall(nlme)}` : `Fit ${spec.formula}`;
  ctx.jobs.track('fit-lmm', label, handle, project, async (report) => {
    if (ctx.project !== project) throw new QuadratError('project', 'The project was closed before the fit finished; the result was not saved.');
    // a subset's diagnostics name rows of the subset: point them back at the dataset's rows
    const fitRows = report.vectors.get('rows');
    if (rows && fitRows) report.vectors.set('rows', Float64Array.from(fitRows, (r) => rows[r]));
    // Saved piece by piece, so a million-row fit does not hold the main thread for the whole write.
    const fitId = await project.fits.save({
      datasetId: dataset.id,
      datasetName: dataset.name,
      name: p.name ?? nextModelName,
      spec,
      report,
      engineVersion: ENGINE_VERSION,
      dataHash: dataset.dataHash,
    });
    return { fitId };
  });
  return { jobId: id };
};

export const fitHandlers = {
  'fit.start': startFit,
  'fit.chooseCount': (p, ctx) => {
    if (p.spec.nlme) throw new QuadratError('input', 'The count-model chooser fits count models; this spec is an nlme model.');
    if (p.spec.weights) throw new QuadratError('input', 'Prior weights are not available for count models yet; remove the weights column.');
    // the candidates are count models: a response that is not counts is refused before seven fits fail
    const { table, rows } = fitData(requireProject(ctx), p.datasetId, p.spec);
    const notCounts = notCountsReason(rows ? subsetRows(table, rows) : table, p.spec.formula);
    if (notCounts) throw new QuadratError('data', `The count-model chooser fits count models: ${notCounts}`);
    // the formula and data options of the spec; family, link and the zero part are the candidates', the
    // dispersion formula the user's (for the negative binomials: a Poisson has no dispersion parameter)
    const { tmb, link: _link, ...base } = p.spec;
    const candidates = countCandidates(p.zero ?? '~1', tmb?.dispformula?.trim() || '~1').map((c) => {
      const spec = { ...base, family: 'poisson' as const, nAGQ: 1, tmb: { family: c.family, ziformula: c.ziformula, ...(c.dispformula !== '~1' ? { dispformula: c.dispformula } : {}) } };
      // each is an ordinary fit, validated and queued as fit.start's: the pool runs them in parallel
      const { jobId } = startFit({ datasetId: p.datasetId, spec, name: `${c.label} (chooser)` }, ctx);
      return { ...c, jobId };
    });
    return { candidates };
  },
} satisfies DomainHandlers<'fit'>;

export const jobHandlers = {
  'job.get': (p, ctx) => ctx.jobs.get(p.jobId),
  'job.list': (_p, ctx) => ctx.jobs.list(),
  'job.cancel': (p, ctx) => ({ cancelled: ctx.jobs.cancel(p.jobId) }),
  'job.wait': (p, ctx) => ctx.jobs.wait(p.jobId, p.timeoutMs),
} satisfies DomainHandlers<'job'>;
