/** model.*: the model history of the open project, and likelihood-ratio comparisons of its fits. */
import { QuadratError } from '../../../src-engine/errors/quadratError';
import { type FitReport } from '../../../src-engine/lmm/fitReport';
import { joinReport, vectorBytes } from '../../store/fitVectors';
import { ranefPage, withInlineRanef } from '../../store/ranefPages';
import { type ComparedFit, compareFits } from '../compareFits';
import { type ComparedNlmeFit, compareNlmeFits } from '../compareNlme';
import { type ComparedCountFit, compareCountFits } from '../compareCounts';
import { type AppContext, requireProject } from '../context';
import { fitData, lme4Refit } from '../fitData';
import { adviseJob } from '../adviseJob';
import { type FitAdvice } from '../advisorShapes';
import { type DomainHandlers } from '../dispatch';
import { type INFERENCE_METHODS } from './inference';

/** anova() refits REML fits with ML; the refit uses the dataset as it is now, which must be the data of the fit. */
async function mlVersions(ctx: AppContext, fitIds: readonly number[]): Promise<{ fits: ComparedFit[]; refitted: boolean }> {
  const project = requireProject(ctx);
  const stored = fitIds.map((id) => ({ id, ...project.fits.get(id) }));
  const hashes = new Set(stored.map((f) => f.summary.dataHash));
  if (hashes.size > 1)
    throw new QuadratError('model', 'These models were fitted to different data (another dataset, or the data changed in between), so they cannot be compared.');
  let refitted = false;
  const fits = await Promise.all(
    stored.map(async (f): Promise<ComparedFit> => {
      let report: FitReport = f.report;
      if (report.method === 'REML') {
        if (f.summary.dataChanged || f.summary.datasetId === null)
          throw new QuadratError('model', `"${f.summary.name}" must be refitted with ML, but its data has changed since it was fitted. Fit it again first.`);
        refitted = true;
        const { table } = fitData(project, f.summary.datasetId, f.summary.spec);
        const ml = await ctx.host.run({ kind: 'fit-lmm', table, request: { ...f.summary.spec, reml: false } }).result;
        report = joinReport(ml.head, (name) => ml.vectors.get(name) ?? new Float64Array(0));
      }
      return { fitId: f.id, name: f.summary.name, report };
    }),
  );
  return { fits, refitted };
}

/** The fits as stored when any of them is an nlme fit (compared as nlme does, without refitting); else null. */
function nlmeFits(ctx: AppContext, fitIds: readonly number[]): ComparedNlmeFit[] | null {
  const project = requireProject(ctx);
  const stored = fitIds.map((id) => ({ id, ...project.fits.outline(id) }));
  if (!stored.some((f) => f.report.nlme)) return null;
  if (new Set(stored.map((f) => f.summary.dataHash)).size > 1)
    throw new QuadratError('model', 'These models were fitted to different data (another dataset, or the data changed in between), so they cannot be compared.');
  return stored.map((f) => ({ fitId: f.id, name: f.summary.name, report: f.report }));
}

/** The fits as stored when any of them is a count model (glmmTMB; compared by AIC, compareCounts.ts); else null. */
function countFits(ctx: AppContext, fitIds: readonly number[]): ComparedCountFit[] | null {
  const project = requireProject(ctx);
  const stored = fitIds.map((id) => ({ id, ...project.fits.outline(id) }));
  if (!stored.some((f) => f.report.tmb)) return null;
  if (new Set(stored.map((f) => f.summary.dataHash)).size > 1)
    throw new QuadratError('model', 'These models were fitted to different data (another dataset, or the data changed in between), so they cannot be compared.');
  return stored.map((f) => ({ fitId: f.id, name: f.summary.name, report: f.report }));
}

export const modelHandlers = {
  'model.list': (p, ctx) => (ctx.project ? ctx.project.fits.list(p.datasetId) : []),
  'model.get': (p, ctx) => {
    const { summary, report } = requireProject(ctx).fits.outline(p.fitId);
    return { summary, report: withInlineRanef(report) };
  },
  'model.vectors': (p, ctx) => {
    const { length, values } = requireProject(ctx).fits.vector(p.fitId, p.name, p.offset, p.limit);
    return { name: p.name, length, offset: Math.min(p.offset, length), count: values.length, float64Base64: vectorBytes(values).toString('base64') };
  },
  'model.rename': (p, ctx) => requireProject(ctx).fits.rename(p.fitId, p.name),
  'model.annotate': (p, ctx) => requireProject(ctx).fits.annotate(p.fitId, p.note),
  'model.delete': (p, ctx) => {
    requireProject(ctx).fits.delete(p.fitId);
    return { ok: true as const };
  },
  'model.compare': async (p, ctx) => {
    if (new Set(p.fitIds).size !== p.fitIds.length) throw new QuadratError('input', 'A model is listed twice.');
    const counts = countFits(ctx, p.fitIds);
    if (counts) return compareCountFits(counts);
    const nlme = nlmeFits(ctx, p.fitIds);
    if (nlme) return compareNlmeFits(nlme);
    const { fits, refitted } = await mlVersions(ctx, p.fitIds);
    return compareFits(fits, refitted);
  },
  /** Several fits: runs in a worker like a fit. */
  'model.checkCandidates': async (p, ctx) => {
    const { table } = fitData(requireProject(ctx), p.datasetId, p);
    const family = p.family && p.family !== 'gaussian' ? { family: p.family, link: p.link } : undefined;
    return ctx.host.run({ kind: 'check-candidates', table, fixedFormula: p.fixedFormula, candidates: p.candidates, family }).result;
  },
  'model.ranef': (p, ctx) => {
    const { summary, report } = requireProject(ctx).fits.outlineCached(p.fitId);
    return ranefPage(report, summary.name, p.group, p.offset, p.limit);
  },
  /** A job on the workers (adviseJob.ts): allFit-style runs for a fit that warned, the simpler models for a singular one. */
  'model.advise': (p, ctx) => {
    const project = requireProject(ctx);
    const { summary: stored, table } = lme4Refit(project, p.fitId, 'The advisor');
    let id = '';
    // the stored spec is the fit's request, as fit.start sends it
    const handle = adviseJob(ctx.host, table, stored.spec, { onStart: ctx.jobs.startFor(() => id), onProgress: ctx.jobs.progressFor(() => id), timeLimitMs: ctx.userData.settings().fitTimeLimitSec * 1000 });
    id = handle.id;
    ctx.jobs.track('advise', `The advisor on ${stored.name}`, handle, project, () => ({ fitId: null }));
    return { jobId: id };
  },
  'model.adviseResult': async (p, ctx) => (await ctx.jobs.output(p.jobId, 'advise')) as FitAdvice,
  /** Rebuilds the design (no fit) in a worker: a large dataset never stalls the main process. */
  'model.designMatrices': async (p, ctx) => {
    const { summary, table } = lme4Refit(requireProject(ctx), p.fitId, 'X and Z');
    return ctx.host.run({ kind: 'design-preview', table, request: summary.spec }).result;
  },
  /** Refits in a worker and predicts over the covariate's range. */
  'model.effects': async (p, ctx) => {
    const { summary, table } = lme4Refit(requireProject(ctx), p.fitId, 'Effect plots');
    return ctx.host.run({ kind: 'effects', table, request: summary.spec, x: p.x, by: p.by, level: p.level }).result;
  },
  /** Refits in a worker (as every inference does) and predicts the new rows. */
  'model.predict': async (p, ctx) => {
    const { summary, table } = lme4Refit(requireProject(ctx), p.fitId, 'Predictions');
    const { fitId: _fitId, rows, ...options } = p;
    return ctx.host.run({ kind: 'predict', table, request: summary.spec, rows, options }).result;
  },
  'model.designCheck': async (p, ctx) => {
    const { table } = fitData(requireProject(ctx), p.datasetId, p);
    return { findings: await ctx.host.run({ kind: 'design-check', table, formula: p.formula, family: p.family }).result };
  },
} satisfies Omit<DomainHandlers<'model'>, (typeof INFERENCE_METHODS)[number]>;
