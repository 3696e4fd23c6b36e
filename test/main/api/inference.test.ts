/**
 * The lmerTest extras on stored fits (model.confint, ranova, step, emmeans, r2) through the real
 * handlers and worker threads, against the R fixtures of test/reference/inference.R.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseModelSpec } from '../../../src-engine/inference/modelSpec';
import { bootChunks } from '../../../src-main/api/handlers/inference';
import { type InferenceFixture, type TableRow, loadInferenceFixture } from '../../engine/reference/fixtures';
import { type Harness, createHarness, removeWorkerBundle } from '../helpers/apiHarness';

const sleep = loadInferenceFixture('sleepstudy');
const oats = loadInferenceFixture('oats');

/** |got − want| ≤ tol·max(1, |want|), with null matching null. */
function near(got: number | null | undefined, want: number | string | null | undefined, tol: number): boolean {
  if (want === null || want === undefined) return got === null || got === undefined;
  if (typeof want === 'string' || got === null || got === undefined) return false;
  return Math.abs(got - want) <= tol * Math.max(1, Math.abs(want));
}

async function openCase(h: Harness, fx: InferenceFixture): Promise<{ datasetId: number; fitId: number }> {
  const text = readFileSync(join(__dirname, '../../data', fx.data), 'utf8');
  const { dataset } = await h.call('dataset.import', { source: { kind: 'text', fileName: fx.data, text }, name: fx.case });
  const datasetId = dataset.id;
  for (const column of fx.factors)
    if (dataset.columns.find((c) => c.name === column)?.type !== 'factor') await h.call('dataset.setColumnType', { datasetId, column, type: 'factor' });
  const { jobId } = await h.call('fit.start', { datasetId, spec: { formula: fx.formula, reml: fx.REML } });
  const status = await h.call('job.wait', { jobId, timeoutMs: 60_000 });
  expect(status.state).toBe('done');
  return { datasetId, fitId: status.fitId! };
}

async function ranova(h: Harness, fitId: number) {
  const { jobId } = await h.call('model.ranova', { fitId });
  return { jobId, result: await h.call('model.ranovaResult', { jobId }) };
}

const progressOf = (jobId: string) =>
  h.events.filter((e) => e.event === 'job.progress' && (e.payload as { jobId: string }).jobId === jobId).map((e) => e.payload as { evaluations: number; total?: number });

async function confint(h: Harness, params: Parameters<Harness['call']>[1] & object) {
  const { jobId } = await h.call('model.confint', params as never);
  return { jobId, result: await h.call('model.confintResult', { jobId }) };
}

let h: Harness;
let sleepFit: number;
let sleepData: number;
let oatsFit: number;

beforeAll(async () => {
  h = await createHarness({ workers: 2 });
  await h.call('project.new', { path: join(h.dir, 'inference.quadrat') });
  ({ fitId: sleepFit, datasetId: sleepData } = await openCase(h, sleep));
  ({ fitId: oatsFit } = await openCase(h, oats));
}, 60_000);
afterAll(async () => {
  await h.close();
  await removeWorkerBundle();
});

describe('model.confint', () => {
  it('profile intervals for sleepstudy as lme4 confint(m), with progress per parameter', async () => {
    const { jobId, result } = await confint(h, { fitId: sleepFit, method: 'profile' });
    expect(result.method).toBe('profile');
    expect(result.rows.map((r) => r.term)).toEqual(sleep.expected.confint.profile.map((r) => r.term));
    result.rows.forEach((r, k) => {
      const want = sleep.expected.confint.profile[k];
      expect(near(r.lower, want.lower, 1e-3), `${r.term} lower ${r.lower} vs ${want.lower}`).toBe(true);
      expect(near(r.upper, want.upper, 1e-3), `${r.term} upper ${r.upper} vs ${want.upper}`).toBe(true);
    });
    expect(result.messages.join(' ')).toMatch(/maximum-likelihood/);
    const progress = h.events.filter((e) => e.event === 'job.progress' && (e.payload as { jobId: string }).jobId === jobId);
    expect(progress.length).toBeGreaterThan(0);
    expect((progress[0].payload as { total?: number }).total).toBe(6);
    const status = await h.call('job.get', { jobId });
    expect(status.kind).toBe('confint');
    expect(status.state).toBe('done');
  }, 60_000);

  it('Wald intervals: fixed effects only, as lme4', async () => {
    const { result } = await confint(h, { fitId: sleepFit, method: 'wald', level: 0.95 });
    result.rows.forEach((r, k) => {
      const want = sleep.expected.confint.wald[k];
      expect(r.term).toBe(want.term);
      expect(near(r.lower, want.lower, 1e-6)).toBe(true);
      expect(near(r.upper, want.upper, 1e-6)).toBe(true);
    });
  });

  it('bootstrap chunks cover the simulations once, in order', () => {
    expect(bootChunks(11, 2)).toEqual([{ start: 0, count: 6 }, { start: 6, count: 5 }]);
    expect(bootChunks(3, 8)).toEqual([{ start: 0, count: 1 }, { start: 1, count: 1 }, { start: 2, count: 1 }]);
    expect(bootChunks(40, 1)).toEqual([{ start: 0, count: 40 }]);
  });

  it('a seeded bootstrap gives the same intervals on 1 and 2 workers, near the profile intervals', async () => {
    const two = (await confint(h, { fitId: sleepFit, method: 'boot', nsim: 41, seed: 7 })).result;
    const h1 = await createHarness({ workers: 1 });
    try {
      await h1.call('project.new', { path: join(h1.dir, 'one.quadrat') });
      const { fitId } = await openCase(h1, sleep);
      const one = (await confint(h1, { fitId, method: 'boot', nsim: 41, seed: 7 })).result;
      expect(one.rows).toEqual(two.rows);
      expect(one.failed).toBe(two.failed);
    } finally {
      await h1.close();
    }
    expect(two).toMatchObject({ method: 'boot', nsim: 41, seed: 7 });
    const days = two.rows.find((r) => r.term === 'Days')!;
    const profile = sleep.expected.confint.profile.find((r) => r.term === 'Days')!;
    expect(days.lower!).toBeGreaterThan(profile.lower! - 2);
    expect(days.upper!).toBeLessThan(profile.upper! + 2);
    const other = (await confint(h, { fitId: sleepFit, method: 'boot', nsim: 41, seed: 8 })).result;
    expect(other.rows).not.toEqual(two.rows);
  }, 120_000);

  it('a bootstrap reports progress and stops on cancel', async () => {
    const { jobId } = await h.call('model.confint', { fitId: sleepFit, method: 'boot', nsim: 100_000, seed: 1 });
    const result = h.call('model.confintResult', { jobId });
    result.catch(() => undefined);
    const t0 = Date.now();
    while (!h.events.some((e) => e.event === 'job.progress' && (e.payload as { jobId: string }).jobId === jobId) && Date.now() - t0 < 20_000)
      await new Promise((r) => setTimeout(r, 20));
    const progress = h.events.filter((e) => e.event === 'job.progress' && (e.payload as { jobId: string }).jobId === jobId);
    expect(progress.length).toBeGreaterThan(0);
    expect((progress[0].payload as { total?: number }).total).toBe(100_000);
    expect((await h.call('job.cancel', { jobId })).cancelled).toBe(true);
    await expect(result).rejects.toMatchObject({ kind: 'cancelled' });
    expect((await h.call('job.get', { jobId })).state).toBe('cancelled');
    // the workers are free again
    const { result: wald } = await confint(h, { fitId: sleepFit, method: 'wald' });
    expect(wald.rows.length).toBe(6);
  }, 60_000);

  it('refuses bad parameters', async () => {
    expect((await h.raw('model.confint', { fitId: sleepFit, method: 'boot', nsim: 3 })).ok).toBe(false);
    expect((await h.raw('model.confint', { fitId: sleepFit, method: 'bayes' })).ok).toBe(false);
  });
});

/** Terms as sets: R's update() writes the final formula in its own order, the engine in lme4's expanded form. */
function modelKey(formula: string): string {
  const s = parseModelSpec(formula);
  return JSON.stringify({ y: s.response, i: s.intercept, f: [...s.fixed].sort(), z: s.random.map((x) => `${x.intercept}|${x.lhs.join('+')}|${x.group}`).sort() });
}

function expectRanova(rows: { term: string; npar: number; logLik: number | null; lrt: number | null; df: number | null; pValue: number | null }[], want: TableRow[]) {
  expect(rows.map((r) => r.term)).toEqual(want.map((r) => r.term));
  rows.forEach((r, k) => {
    expect(r.npar).toBe(want[k].npar);
    expect(near(r.logLik, want[k].logLik, 1e-6)).toBe(true);
    expect(near(r.lrt, want[k].lrt, 1e-4)).toBe(true);
    expect(r.df).toBe(want[k].df);
    expect(near(r.pValue, want[k].pValue, 1e-4)).toBe(true);
  });
}

describe('model.ranova and model.step', () => {
  // The worker sends progress at most every 50 ms, so a quick job may report only its first model.
  it('ranova for sleepstudy as lmerTest, reducing the slope term, with progress of 2 models', async () => {
    const { jobId, result: r } = await ranova(h, sleepFit);
    expectRanova(r.rows, sleep.expected.ranova);
    expect(r.rows[1].term).toBe('Days in (Days | Subject)');
    expect(r.formulas).toHaveLength(1);
    expect(r.reml).toBe(true);
    const progress = progressOf(jobId);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p, i) => p.total === 2 && p.evaluations >= 1 && p.evaluations <= 2 && (i === 0 || p.evaluations > progress[i - 1].evaluations))).toBe(true);
    expect(await h.call('job.get', { jobId })).toMatchObject({ kind: 'ranova', state: 'done' });
  }, 60_000);

  it('step for Oats: Variety eliminated, final model as lmerTest', async () => {
    const { jobId } = await h.call('model.step', { fitId: oatsFit });
    const r = await h.call('model.stepResult', { jobId });
    const progress = progressOf(jobId);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p, i) => p.total === undefined && (i === 0 ? p.evaluations === 1 : p.evaluations > progress[i - 1].evaluations))).toBe(true);
    expect(modelKey(r.finalFormula)).toBe(modelKey(oats.expected.step.finalFormula));
    expect(r.ddf).toBe('satterthwaite');
    expectRanova(r.random, oats.expected.step.random);
    expect(r.fixed.map((f) => [f.term, f.eliminated])).toEqual(oats.expected.step.fixed.map((f) => [f.term, f.eliminated]));
    r.fixed.forEach((f, k) => {
      expect(near(f.fValue, oats.expected.step.fixed[k].fValue, 1e-4)).toBe(true);
      expect(near(f.denDf, oats.expected.step.fixed[k].denDf, 1e-3)).toBe(true);
    });
  }, 60_000);
});

describe('cancelling ranova and step', () => {
  it('a queued step is cancelled, and its result request fails as cancelled', async () => {
    // two long bootstraps take both workers, so the step waits in the queue
    const busy = await Promise.all([1, 2].map((seed) => h.call('model.confint', { fitId: sleepFit, method: 'boot', nsim: 100_000, seed })));
    const { jobId } = await h.call('model.step', { fitId: oatsFit });
    expect((await h.call('job.get', { jobId })).state).toBe('queued');
    expect(await h.call('job.cancel', { jobId })).toEqual({ cancelled: true });
    await expect(h.call('model.stepResult', { jobId })).rejects.toMatchObject({ kind: 'cancelled' });
    for (const b of busy) await h.call('job.cancel', { jobId: b.jobId });
    await expect(h.call('model.ranovaResult', { jobId })).rejects.toMatchObject({ kind: 'input' }); // a step job is not a ranova job
  }, 60_000);
});

describe('model.emmeans and model.r2', () => {
  it('Oats: Variety means and Tukey-adjusted pairwise contrasts as emmeans', async () => {
    const want = oats.expected.emmeans!.satterthwaite;
    const r = await h.call('model.emmeans', { fitId: oatsFit, factor: 'Variety', adjust: 'tukey' });
    expect(r).toMatchObject({ factor: 'Variety', adjust: 'tukey', ddf: 'satterthwaite' });
    r.emmeans.forEach((e, k) => {
      expect(e.level).toBe(want.emmeans[k].level);
      expect(near(e.emmean, want.emmeans[k].emmean, 1e-6)).toBe(true);
      expect(near(e.df, want.emmeans[k].df, 1e-3)).toBe(true);
      expect(near(e.lowerCL, want.emmeans[k].lowerCL, 1e-4)).toBe(true);
    });
    r.contrasts.forEach((c, k) => {
      expect(c.contrast).toBe(want.contrasts[k].contrast);
      expect(near(c.tRatio, want.contrasts[k].tRatio, 1e-4)).toBe(true);
      expect(near(c.pValue, want.contrasts[k].pValue, 1e-4)).toBe(true);
    });
  }, 60_000);

  it('emmeans of a non-factor, or within a non-factor, is the user’s error', async () => {
    await expect(h.call('model.emmeans', { fitId: oatsFit, factor: 'nitro' })).rejects.toMatchObject({ kind: 'model' });
    await expect(h.call('model.emmeans', { fitId: oatsFit, factor: 'Variety', by: 'nitro' })).rejects.toMatchObject({ kind: 'model', message: expect.stringMatching(/nitro is not a factor/) });
    expect((await h.call('model.emmeans', { fitId: oatsFit, factor: 'Variety' })).by).toBeNull();
  });

  it('Oats: ICC per grouping factor as the fixture, Nakagawa R² as R', async () => {
    const r = await h.call('model.r2', { fitId: oatsFit });
    const icc = Object.fromEntries((r.icc ?? []).map((g) => [g.group, g.icc]));
    for (const [g, v] of Object.entries(oats.expected.icc!.values)) expect(near(icc[g], v, 1e-4)).toBe(true);
    // R 4.2.2 / lme4 1.1-31, var(Xβ̂) and mean(diag(Z Σ Zᵀ)) as in test/engine/inference/r2AndAdjust.test.ts
    expect(near(r.marginal, 0.380490099922719, 1e-4)).toBe(true);
    expect(near(r.conditional, 0.79024640067472, 1e-4)).toBe(true);
  }, 60_000);

  it('sleepstudy has a random slope: no ICC, but R²', async () => {
    const r = await h.call('model.r2', { fitId: sleepFit });
    expect(r.icc).toBeNull();
    expect(near(r.marginal, 0.278651058161875, 1e-4)).toBe(true);
  }, 60_000);
});

describe('a fit whose data changed', () => {
  it('is refused with a model error, for every extra', async () => {
    await h.call('dataset.setCells', { datasetId: sleepData, cells: [{ row: 0, column: 'Reaction', value: 250 }] });
    for (const [method, params] of [
      ['model.ranova', { fitId: sleepFit }],
      ['model.step', { fitId: sleepFit }],
      ['model.r2', { fitId: sleepFit }],
      ['model.confint', { fitId: sleepFit, method: 'wald' }],
    ] as const) {
      const out = await h.raw(method, params);
      expect(out.ok).toBe(false);
      if (!out.ok) {
        expect(out.error.kind).toBe('model');
        expect(out.error.message).toMatch(/changed/);
      }
    }
    await h.call('dataset.undo', { datasetId: sleepData });
    expect((await ranova(h, sleepFit)).result.rows).toHaveLength(2);
  }, 60_000);
});
