/**
 * model.advise on stored fits (issue 20), through the real handlers and a worker: a singular fit gets
 * its degenerate terms and the simpler models with their log-likelihoods as lme4 gives them
 * (test/reference/fixtures/rePCA/oats_overfit.json, from test/reference/rePCA.R); a clean fit gets
 * neither a verdict nor a sensitivity table; an nlme fit is refused with the reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, createHarness, removeWorkerBundle } from '../helpers/apiHarness';

const fx = JSON.parse(readFileSync('test/reference/fixtures/rePCA/oats_overfit.json', 'utf8')) as {
  formula: string;
  alternatives: { formula: string; singular: boolean; logLik: number }[];
};

let h: Harness;
let datasetId: number;
beforeAll(async () => {
  h = await createHarness();
  await h.call('project.new', { path: join(h.dir, 'advise.quadrat') });
  datasetId = (await h.call('dataset.import', { source: { kind: 'text', fileName: 'Oats.csv', text: readFileSync('test/data/Oats.csv', 'utf8') } })).dataset.id;
  for (const column of ['Block', 'Variety']) {
    const d = await h.call('dataset.get', { datasetId });
    if (d.columns.find((c) => c.name === column)!.type !== 'factor') await h.call('dataset.setColumnType', { datasetId, column, type: 'factor' });
  }
}, 60_000);
afterAll(async () => {
  await h.close();
  await removeWorkerBundle();
});

/** model.advise starts a job; model.adviseResult waits for its advice. */
async function advise(fitId: number) {
  const { jobId } = await h.call('model.advise', { fitId });
  return h.call('model.adviseResult', { jobId });
}

async function fit(formula: string): Promise<number> {
  const { jobId } = await h.call('fit.start', { datasetId, spec: { formula } });
  const status = await h.call('job.wait', { jobId, timeoutMs: 120_000 });
  expect(status.state, JSON.stringify(status.error)).toBe('done');
  return status.fitId!;
}

describe('model.advise', () => {
  it("a singular fit: the degenerate term and the simpler models, at lme4's log-likelihoods", async () => {
    const advice = await advise(await fit(fx.formula));
    expect(advice.fit.singular).toBe(true);
    expect(advice.singular!.terms.length).toBeGreaterThan(0);
    expect(advice.singular!.alternatives.map((a) => a.formula)).toEqual(fx.alternatives.map((a) => a.formula));
    advice.singular!.alternatives.forEach((a, k) => {
      expect(a.singular).toBe(fx.alternatives[k].singular);
      expect(Math.abs(a.logLik - fx.alternatives[k].logLik)).toBeLessThan(1e-4 * Math.abs(fx.alternatives[k].logLik));
    });
  });

  it('a clean fit needs neither', async () => {
    const advice = await advise(await fit('yield ~ nitro + (1 | Block)'));
    expect(advice).toMatchObject({ fit: { singular: false }, convergence: null, singular: null });
  });

  it('says a fit whose data were deleted cannot be refitted', async () => {
    const other = (await h.call('dataset.import', { source: { kind: 'text', fileName: 'Oats2.csv', text: readFileSync('test/data/Oats.csv', 'utf8') } })).dataset.id;
    const { jobId } = await h.call('fit.start', { datasetId: other, spec: { formula: 'yield ~ nitro + (1 | Block)' } });
    const fitId = (await h.call('job.wait', { jobId, timeoutMs: 120_000 })).fitId!;
    await h.call('dataset.delete', { datasetId: other });
    const r = await h.raw('model.advise', { fitId });
    expect(r).toMatchObject({ ok: false, error: { kind: 'input' } });
    expect(JSON.stringify(r)).toMatch(/were deleted/);
  });

  it('refuses an nlme fit with the reason', async () => {
    const { jobId } = await h.call('fit.start', { datasetId, spec: { formula: 'yield ~ nitro', nlme: { random: '~ 1 | Block' } } });
    const status = await h.call('job.wait', { jobId, timeoutMs: 120_000 });
    const fitId = status.fitId!;
    await expect(h.call('model.advise', { fitId })).rejects.toThrow(/nlme fit/);
  });

  it('a fit that warns: the optimizer runs spread over the workers, counted, and classified as allFit', async () => {
    // test/reference/fixtures/allFit/sleepstudy_rescale.json: lme4 warns and stops short; the verdict is "failed"
    const sleep = (await h.call('dataset.import', { source: { kind: 'text', fileName: 'sleepstudy.csv', text: readFileSync('test/data/sleepstudy.csv', 'utf8') } })).dataset.id;
    await h.call('dataset.setColumnType', { datasetId: sleep, column: 'Subject', type: 'factor' });
    const { jobId: fitJob } = await h.call('fit.start', { datasetId: sleep, spec: { formula: 'Reaction ~ I(Days * 1000) + (I(Days * 1000) | Subject)', reml: false } });
    const fitId = (await h.call('job.wait', { jobId: fitJob, timeoutMs: 120_000 })).fitId!;
    const { jobId } = await h.call('model.advise', { fitId });
    const advice = await h.call('model.adviseResult', { jobId });
    expect(advice.convergence!.verdict).toBe('failed');
    expect(advice.convergence!.optimizers.map((o) => o.optimizer)).toEqual(['fit', 'bobyqa', 'nelder-mead', 'quasi-newton', 'restart', 'perturbed-1', 'perturbed-2']);
    const status = await h.call('job.get', { jobId });
    expect(status).toMatchObject({ kind: 'advise', state: 'done', progress: { evaluations: 7, total: 7 } });

    // and it stops on job.cancel
    const again = await h.call('model.advise', { fitId });
    await h.call('job.cancel', { jobId: again.jobId });
    await expect(h.call('model.adviseResult', { jobId: again.jobId })).rejects.toThrow(/cancel/i);
    expect((await h.call('job.wait', { jobId: again.jobId, timeoutMs: 60_000 })).state).toBe('cancelled');
  });
});
