/**
 * Bayesian fits through the real API and engine workers: get_prior()'s table (brms's fixture) with
 * user priors and the improper-posterior warning, a fit whose chains run on the workers and equals
 * fitBayes in one thread bit for bit, progress per chain, cancel, the draws, the refit of a
 * separated GLMM, clear refusals — and the fit read back from the project file after reopening.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitBayes } from '../../../src-engine/bayes/fitBayes';
import { importDelimited } from '../../../src-engine/data/importDelimited';
import { type Harness, createHarness, removeWorkerBundle } from '../helpers/apiHarness';

const FORMULA = 'methylated | trials(methylated + unmethylated) ~ treatment * population + (1 | tank)';
const lines = readFileSync('test/data/oyster_methylation.csv', 'utf8').trim().split('\n');
// loci L0001–L0006: L0006 is separated (exposed × Wild at 0 %)
const text = [lines[0], ...lines.slice(1).filter((l) => /^"L000[1-6]"/.test(l))].join('\n') + '\n';
const locus6 = [lines[0], ...lines.slice(1).filter((l) => l.startsWith('"L0006"'))].join('\n') + '\n';
const fixture = JSON.parse(readFileSync('test/reference/fixtures/brms/oyster_locus_separated.json', 'utf8')) as { getPrior: unknown[] };
const subset = { column: 'locus', value: 'L0006' };
const spec = { formula: FORMULA, family: 'binomial' as const, subset };
const B = { prior: 'normal(0, 2.5)', class: 'b' };
const settings = { chains: 3, iter: 400, warmup: 200, seed: 7 };

let h: Harness;
let datasetId: number;
let path: string;
beforeAll(async () => {
  h = await createHarness({ workers: 2 });
  path = join(h.dir, 'bayes.quadrat');
  await h.call('project.new', { path });
  datasetId = (await h.call('dataset.import', { source: { kind: 'text', fileName: 'loci.csv', text } })).dataset.id;
}, 60_000);
afterAll(async () => {
  await h.close();
  await removeWorkerBundle();
});

const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as Error & { kind: string; status: number };
  }
  throw new Error('expected a refusal');
};

describe('bayes.priors', () => {
  it("gives brms's get_prior() table and flags the improper posterior of a separated locus", async () => {
    const t = await h.call('bayes.priors', { datasetId, spec });
    expect(t.rows).toEqual(fixture.getPrior);
    expect(t.improper?.message).toMatch(/improper.*exposed/s);
    expect(t.improper?.suggestion).toEqual(B);
  });

  it('applies user priors (marked user) and then has no improper posterior', async () => {
    const t = await h.call('bayes.priors', { datasetId, spec: { ...spec, priors: [B, { prior: 'exponential(1)', class: 'sd', group: 'tank' }] } });
    expect(t.improper).toBeNull();
    expect(t.rows.find((r) => r.class === 'b' && r.coef === '')).toMatchObject({ prior: 'normal(0, 2.5)', source: 'user' });
    expect(t.rows.find((r) => r.class === 'sd' && r.group === 'tank' && r.coef === '')).toMatchObject({ prior: 'exponential(1)', source: 'user' });
  });

  it('refuses a prior on a class the model lacks, naming the classes it has', async () => {
    const e = await failure(h.call('bayes.priors', { datasetId, spec: { ...spec, priors: [{ prior: 'normal(0, 1)', class: 'sigma' }] } }));
    expect(e.status).toBe(422);
    expect(e.message).toMatch(/sigma/);
  });

  it('refuses a malformed payload with the field named (400)', async () => {
    const out = await h.raw('bayes.priors', { datasetId, spec: { formula: FORMULA, family: 'weibull' } });
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.status).toBe(400);
      expect(out.error.message).toMatch(/spec\.family/);
    }
  });
});

describe('bayes.start', () => {
  let bayesId = 0;
  it('runs the chains on the workers, reports progress per chain, and equals fitBayes in one thread', async () => {
    const { jobId } = await h.call('bayes.start', { datasetId, spec: { ...spec, priors: [B] }, settings });
    const st = await h.call('job.wait', { jobId, timeoutMs: 300_000 });
    expect(st.state, JSON.stringify(st.error)).toBe('done');
    expect(st.kind).toBe('bayes');
    expect(st.bayesId).toEqual(expect.any(Number));
    bayesId = st.bayesId!;
    const progress = h.events.filter((e) => e.event === 'job.progress' && (e.payload as { jobId: string }).jobId === jobId).map((e) => e.payload as { chains?: { chain: number; iteration: number; total: number }[] });
    expect(progress.length).toBeGreaterThan(0);
    const last = progress[progress.length - 1].chains!;
    expect(last).toEqual([0, 1, 2].map((chain) => ({ chain, iteration: 400, total: 400 })));

    const { summary, report } = await h.call('bayes.get', { bayesId });
    expect(summary).toMatchObject({ name: 'Bayesian model 1', datasetId, nobs: 48, comparedFitId: null, dataChanged: false });
    const table = importDelimited(new Uint8Array(Buffer.from(locus6)), {}).table;
    const want = fitBayes(table, { formula: FORMULA, family: 'binomial', priors: [B], ...settings });
    expect(report.fixed.map((r) => [r.parameter, r.Estimate, r['Est.Error'], r.Rhat, r.Bulk_ESS])).toEqual(want.fixed.map((r) => [r.parameter, r.Estimate, r['Est.Error'], r.Rhat, r.Bulk_ESS]));
    expect(report.random).toEqual(want.random);
    expect(report.fixed[0].parameter).toBe('b_Intercept');
    expect(report.priors.find((r) => r.class === 'b' && r.coef === '')?.source).toBe('user');
    expect(report.sampler.divergent).toBe(want.sampler.divergent);
  }, 300_000);

  it('returns the post-warm-up draws per chain; their mean is the Estimate', async () => {
    const d = await h.call('bayes.draws', { bayesId, parameters: ['b_Intercept', 'sd_tank__Intercept'] });
    expect(d.names).toContain('b_treatmentexposed');
    expect(d.chains).toHaveLength(3);
    expect(d.chains[0].values[0]).toHaveLength(200);
    expect(d.chains[0].divergent).toHaveLength(200);
    const all = d.chains.flatMap((c) => c.values[0] as number[]);
    const { report } = await h.call('bayes.get', { bayesId });
    expect(all.reduce((a, b) => a + b, 0) / all.length).toBeCloseTo(report.fixed[0].Estimate, 12);
    const e = await failure(h.call('bayes.draws', { bayesId, parameters: ['b_nothing'] }));
    expect(e.message).toMatch(/no draws of b_nothing; it has b_Intercept/);
  });

  it('cancels every chain with one job.cancel', async () => {
    const { jobId } = await h.call('bayes.start', { datasetId, spec: { ...spec, priors: [B] }, settings: { chains: 2, iter: 1_000_000, seed: 1 } });
    for (;;) {
      const st = await h.call('job.get', { jobId });
      if (st.progress?.chains?.some((c) => c.iteration > 0)) break;
      await h.call('job.wait', { jobId, timeoutMs: 50 });
    }
    expect((await h.call('job.cancel', { jobId })).cancelled).toBe(true);
    const st = await h.call('job.wait', { jobId, timeoutMs: 60_000 });
    expect(st.state).toBe('cancelled');
    expect(st.bayesId ?? null).toBeNull();
  }, 120_000);

  it('refuses bad sampler settings before starting anything', async () => {
    const e = await failure(h.call('bayes.start', { datasetId, spec, settings: { iter: 100, warmup: 100 } }));
    expect(e.kind).toBe('model');
    expect(e.message).toMatch(/warmup \(100\) must be smaller than iter \(100\)/);
  });

  it('fails the job with the formula error when a column does not exist', async () => {
    const { jobId } = await h.call('bayes.start', { datasetId, spec: { ...spec, formula: 'methylated | trials(nope) ~ treatment + (1 | tank)' }, settings: { chains: 2, iter: 100 } });
    const st = await h.call('job.wait', { jobId, timeoutMs: 60_000 });
    expect(st.state).toBe('failed');
    expect(st.error?.message).toMatch(/nope/);
  });
});

describe('bayes.refitGlmm', () => {
  it('refits a separated glmer fit with normal(0, 2.5) on b, linked to it for the side-by-side view', async () => {
    const glmm = { formula: 'cbind(methylated, unmethylated) ~ treatment * population + (1 | tank)', family: 'binomial' as const, subset };
    const { jobId } = await h.call('fit.start', { datasetId, spec: glmm });
    const fitted = await h.call('job.wait', { jobId, timeoutMs: 60_000 });
    expect(fitted.state).toBe('done');
    const { report } = await h.call('model.get', { fitId: fitted.fitId! });
    const cells = report.glmm?.separation?.cells ?? [];
    expect(cells).toHaveLength(1);
    expect(cells[0]).toMatch(/exposed.*Wild/);
    const r = await h.call('bayes.refitGlmm', { fitId: fitted.fitId!, settings: { chains: 2, iter: 300, seed: 3 } });
    const st = await h.call('job.wait', { jobId: r.jobId, timeoutMs: 300_000 });
    expect(st.state, JSON.stringify(st.error)).toBe('done');
    const b = await h.call('bayes.get', { bayesId: st.bayesId! });
    expect(b.summary.comparedFitId).toBe(fitted.fitId);
    expect(b.summary.spec).toMatchObject({ formula: glmm.formula, family: 'binomial', priors: [B], subset });
    expect(b.report.warnings.join(' ')).not.toMatch(/improper/);
    // the separated coefficient stays finite under the prior (glmer's runs off towards -30)
    const sep = b.report.fixed.find((x) => x.parameter === 'b_treatmentexposed:populationWild')!;
    expect(Math.abs(sep.Estimate)).toBeLessThan(10);
  }, 300_000);

  it('refuses a Gaussian fit', async () => {
    const { jobId } = await h.call('fit.start', { datasetId, spec: { formula: 'methylated ~ treatment + (1 | tank)' } });
    const st = await h.call('job.wait', { jobId, timeoutMs: 60_000 });
    const e = await failure(h.call('bayes.refitGlmm', { fitId: st.fitId! }));
    expect(e.message).toMatch(/Only binomial and Poisson GLMMs/);
  });
});

describe('checks and tests from the stored draws (pp_check, loo, hypothesis, R code)', () => {
  const ok = { formula: FORMULA, family: 'binomial' as const, subset: { column: 'locus', value: 'L0001' } };
  const fast = { chains: 2, iter: 300, seed: 3 };
  const ids: number[] = [];
  beforeAll(async () => {
    for (const formula of [FORMULA, 'methylated | trials(methylated + unmethylated) ~ treatment + population + (1 | tank)']) {
      const { jobId } = await h.call('bayes.start', { datasetId, spec: { ...ok, formula }, settings: fast });
      const st = await h.call('job.wait', { jobId, timeoutMs: 300_000 });
      expect(st.state, JSON.stringify(st.error)).toBe('done');
      ids.push(st.bayesId!);
    }
  }, 300_000);

  it('pp_check: the density overlay of y and 10 y_rep, and the proportion by treatment, reproducibly', async () => {
    const pc = await h.call('bayes.ppCheck', { bayesId: ids[0], group: 'treatment' });
    expect(pc.response).toBe('methylated');
    expect(pc.ndraws).toBe(10);
    expect(pc.density.replicated).toHaveLength(10);
    expect(pc.density.x).toHaveLength(512);
    expect(pc.grouped!.levels.map((l) => l.level)).toEqual(['control', 'exposed']);
    expect(pc.grouped!.levels.every((l) => l.observed > 0.5 && l.observed < 1)).toBe(true);
    expect(await h.call('bayes.ppCheck', { bayesId: ids[0], group: 'treatment' })).toEqual(pc);
    const e = await failure(h.call('bayes.ppCheck', { bayesId: ids[0], ndraws: 0 }));
    expect(e.message).toMatch(/ndraws must be a whole number from 1 to 100/);
  }, 120_000);

  it('loo for one model, and loo_compare for two on the same data', async () => {
    const one = await h.call('bayes.loo', { bayesIds: [ids[0]] });
    expect(one.compare).toBeNull();
    expect(one.models[0]).toMatchObject({ bayesId: ids[0], nobs: 48, draws: 300 });
    expect(one.models[0].looic.estimate).toBeCloseTo(-2 * one.models[0].elpd_loo.estimate, 9);
    const k = one.models[0].paretoK;
    expect(k.good + k.ok + k.bad + k.veryBad).toBe(48);
    const two = await h.call('bayes.loo', { bayesIds: ids });
    expect(two.models.map((m) => m.elpd_loo)).toEqual([one.models[0].elpd_loo, expect.anything()]);
    expect(two.compare).toHaveLength(2);
    expect(two.compare![0].elpd_diff).toBe(0);
    expect(two.compare![1].elpd_diff).toBeLessThan(0);
    // refused before any draws are read: the same model twice, or models of different data
    const twice = await failure(h.call('bayes.loo', { bayesIds: [ids[0], ids[0]] }));
    expect(twice.message).toBe('Each model can be compared only once.');
    const copy = (await h.call('dataset.import', { source: { kind: 'text', fileName: 'loci copy.csv', text } })).dataset.id;
    const { jobId } = await h.call('bayes.start', { datasetId: copy, spec: ok, settings: fast });
    const st = await h.call('job.wait', { jobId, timeoutMs: 300_000 });
    expect(st.state, JSON.stringify(st.error)).toBe('done');
    const across = await failure(h.call('bayes.loo', { bayesIds: [ids[0], st.bayesId!] }));
    expect(across.message).toBe('loo_compare compares models of the same data: these models were fitted to different datasets.');
  }, 300_000);

  it('hypothesis: the posterior of a contrast, and the Savage–Dickey ratio under a proper prior, as brms', async () => {
    const { report } = await h.call('bayes.get', { bayesId: ids[0] });
    const r = await h.call('bayes.hypothesis', { bayesId: ids[0], hypotheses: ['treatmentexposed > 0', 'treatmentexposed = 0'] });
    expect(r.rows.map((x) => x.Hypothesis)).toEqual(['(treatmentexposed) > 0', '(treatmentexposed) = 0']);
    expect(r.rows[0].Estimate).toBeCloseTo(report.fixed.find((f) => f.parameter === 'b_treatmentexposed')!.Estimate, 12);
    // brms's default flat prior on b: no prior draws, no evidence ratio for a point hypothesis (NA)
    expect(r.rows[1]['Evid.Ratio']).toBeNull();
    // with normal(0, 2.5) on b the prior is sampled and the Savage–Dickey ratio is given
    const { jobId } = await h.call('bayes.start', { datasetId, spec: { ...ok, priors: [B] }, settings: fast });
    const st = await h.call('job.wait', { jobId, timeoutMs: 300_000 });
    const sd = await h.call('bayes.hypothesis', { bayesId: st.bayesId!, hypotheses: ['treatmentexposed = 0'] });
    expect(sd.rows[0]['Evid.Ratio']).toBeGreaterThan(0);
    expect(sd.rows[0]['Post.Prob']).toBeCloseTo(sd.rows[0]['Evid.Ratio']! / (1 + sd.rows[0]['Evid.Ratio']!), 12);
    const e = await failure(h.call('bayes.hypothesis', { bayesId: ids[0], hypotheses: ['nothing > 0'] }));
    expect(e.message).toMatch(/nothing/);
  });

  it('R code: brm() on the dataset exported as CSV, with the subset and factors, and a methods paragraph', async () => {
    const r = await h.call('bayes.rCode', { bayesId: ids[0] });
    expect(r.code).toContain('library(brms)');
    expect(r.code).toContain('d <- read.csv("loci.csv")');
    expect(r.code).toContain('d <- d[d[["locus"]] %in% "L0001", , drop = FALSE]');
    expect(r.code).toContain('family = binomial()');
    expect(r.code).toContain('chains = 2, iter = 300, warmup = 150, seed = 3');
    expect(r.methods).toMatch(/Bürkner 2017/);
  });

  it('exports the posterior summary as a table for papers (Markdown, CSV at full precision)', async () => {
    const { report } = await h.call('bayes.get', { bayesId: ids[0] });
    const md = await h.call('export.table', { source: { kind: 'bayes', bayesId: ids[0] }, format: 'md', destination: { kind: 'inline' } });
    expect(md.content).toContain('Posterior Summary for Bayesian model');
    expect(md.content).toContain('sd(Intercept)');
    expect(md.content).toContain('treatmentexposed:populationWild');
    const csv = await h.call('export.table', { source: { kind: 'bayes', bayesId: ids[0] }, format: 'csv', destination: { kind: 'inline' } });
    expect(csv.content).toContain(String(report.fixed[0].Estimate));
  });
});

describe('stored in the project', () => {
  it('reopens with the same summary table and draws, without sampling again', async () => {
    const before = await h.call('bayes.list', {});
    const first = await h.call('bayes.get', { bayesId: before[0].id });
    const draws = await h.call('bayes.draws', { bayesId: before[0].id, parameters: ['b_treatmentexposed'] });
    await h.call('project.close');
    await h.call('project.open', { path });
    const jobsBefore = (await h.call('job.list')).length;
    expect(await h.call('bayes.list', {})).toEqual(before);
    expect(await h.call('bayes.get', { bayesId: before[0].id })).toEqual(first);
    expect(await h.call('bayes.draws', { bayesId: before[0].id, parameters: ['b_treatmentexposed'] })).toEqual(draws);
    expect((await h.call('job.list')).length).toBe(jobsBefore);
  });

  it('renames and deletes', async () => {
    const [f] = await h.call('bayes.list', {});
    expect((await h.call('bayes.rename', { bayesId: f.id, name: 'locus 6' })).name).toBe('locus 6');
    await h.call('bayes.delete', { bayesId: f.id });
    expect((await h.call('bayes.list', {})).some((x) => x.id === f.id)).toBe(false);
    const e = await failure(h.call('bayes.get', { bayesId: f.id }));
    expect(e.message).toMatch(/no Bayesian model with id/);
  });
});
