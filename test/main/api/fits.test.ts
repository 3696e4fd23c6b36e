import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, createHarness, removeWorkerBundle } from '../helpers/apiHarness';

let h: Harness;
let datasetId: number;
const data = (name: string) => readFileSync(join(__dirname, '../../data', name), 'utf8');

beforeAll(async () => {
  h = await createHarness();
  await h.call('project.new', { path: join(h.dir, 'sleep.quadrat') });
  datasetId = (await h.call('dataset.import', { source: { kind: 'text', fileName: 'sleepstudy.csv', text: data('sleepstudy.csv') } })).dataset.id;
  await h.call('dataset.setColumnType', { datasetId, column: 'Subject', type: 'factor' });
});
afterAll(async () => {
  await h.close();
  await removeWorkerBundle();
});

async function fit(formula: string, reml = true, name?: string) {
  const { jobId } = await h.call('fit.start', { datasetId, spec: { formula, reml }, name });
  const status = await h.call('job.wait', { jobId, timeoutMs: 60_000 });
  expect(status.error).toBeNull();
  expect(status.state).toBe('done');
  return status.fitId!;
}

describe('fits and model history', () => {
  it('fits in a worker, stores the full report with engine version and data hash', async () => {
    const fitId = await fit('Reaction ~ Days + (Days | Subject)');
    const { summary, report } = await h.call('model.get', { fitId });
    expect(summary).toMatchObject({ name: 'Model 1', datasetName: 'sleepstudy', nobs: 180, dataChanged: false, converged: true });
    expect(summary.spec).toEqual({ formula: 'Reaction ~ Days + (Days | Subject)', reml: true, ddf: 'satterthwaite', anovaType: 3, family: 'gaussian', nAGQ: 1 });
    expect(summary.engineVersion).toMatch(/^quadrat-engine /);
    expect(summary.dataHash).toBe((await h.call('dataset.get', { datasetId })).dataHash);
    // lme4: REML criterion at convergence 1743.6
    expect(report.remlCriterion).toBeCloseTo(1743.628, 2);
    const finished = h.events.filter((e) => e.event === 'job.finished').map((e) => e.payload as { fitId: number | null });
    expect(finished.at(-1)!.fitId).toBe(fitId);
  });

  it('renames, annotates, lists and deletes fits; marks fits whose data changed', async () => {
    const fitId = await fit('Reaction ~ 1 + (1 | Subject)', true, 'null model');
    expect((await h.call('model.rename', { fitId, name: 'intercept only' })).name).toBe('intercept only');
    expect((await h.call('model.annotate', { fitId, note: 'baseline' })).note).toBe('baseline');
    expect((await h.call('model.list', { datasetId })).map((f) => f.name)).toEqual(['Model 1', 'intercept only']);
    await h.call('dataset.setCells', { datasetId, cells: [{ row: 0, column: 'Reaction', value: 250 }] });
    expect((await h.call('model.list')).every((f) => f.dataChanged)).toBe(true);
    await h.call('dataset.undo', { datasetId });
    expect((await h.call('model.list')).every((f) => !f.dataChanged)).toBe(true);
    await h.call('model.delete', { fitId });
    expect(await h.call('model.list')).toHaveLength(1);
  });

  it('reports a formula error as a failed job with the engine\'s message', async () => {
    const { jobId } = await h.call('fit.start', { datasetId, spec: { formula: 'Reaction ~ Dayz + (1 | Subject)' } });
    const status = await h.call('job.wait', { jobId });
    expect(status.state).toBe('failed');
    expect(status.error!.kind).not.toBe('internal');
    expect(status.error!.message).toMatch(/Dayz/);
  });

  it('compares nested fits as lme4\'s anova(m_small, m_large) (R fixture), refitting REML fits with ML', async () => {
    const lrt = JSON.parse(readFileSync(join(__dirname, '../../reference/fixtures/inference/sleepstudy.json'), 'utf8')).expected.lrt as {
      models: { formula: string }[];
      rows: { npar: number; aic: number; bic: number; logLik: number; deviance: number; chisq: number | null; df: number | null; pValue: number | null }[];
    };
    const check = (cmp: Awaited<ReturnType<typeof h.call<'model.compare'>>>) => {
      expect(cmp.rows).toHaveLength(2);
      cmp.rows.forEach((row, k) => {
        const r = lrt.rows[k];
        expect(row.npar).toBe(r.npar);
        for (const key of ['aic', 'bic', 'logLik', 'deviance'] as const) expect(row[key]).toBeCloseTo(r[key], 3);
        if (r.chisq === null) expect(row.chisq).toBeNull();
        else expect(row.chisq!).toBeCloseTo(r.chisq, 3);
        expect(row.df).toBe(r.df);
        if (r.pValue === null) expect(row.pValue).toBeNull();
        else expect(Math.abs(row.pValue! - r.pValue) / r.pValue).toBeLessThan(1e-3);
      });
    };
    // ML fits, listed large first: rows come out ordered by npar, as R orders them.
    const large = await fit(lrt.models[1].formula, false);
    const small = await fit(lrt.models[0].formula, false);
    const ml = await h.call('model.compare', { fitIds: [large, small] });
    expect(ml.refitted).toBe(false);
    expect(ml.rows.map((r) => r.fitId)).toEqual([small, large]);
    check(ml);
    // REML fits: anova() refits them with ML first and says so.
    const smallReml = await fit(lrt.models[0].formula, true);
    const largeReml = await fit(lrt.models[1].formula, true);
    const refit = await h.call('model.compare', { fitIds: [smallReml, largeReml] });
    expect(refit.refitted).toBe(true);
    expect(refit.warnings).toEqual(['refitting model(s) with ML (instead of REML)']);
    check(refit);
  });

  it('refuses to compare fits of different data', async () => {
    const before = await fit('Reaction ~ 1 + (1 | Subject)', false);
    await h.call('dataset.setCells', { datasetId, cells: [{ row: 0, column: 'Reaction', value: 250 }] });
    const after = await fit('Reaction ~ Days + (1 | Subject)', false);
    await h.call('dataset.undo', { datasetId });
    const out = await h.raw('model.compare', { fitIds: [before, after] });
    expect(out).toMatchObject({ ok: false, status: 422, error: { kind: 'model' } });
    expect(out.ok === false && out.error.message).toMatch(/different data/);
  });

  it('exports a fit as quadrat.fit/1 JSON', async () => {
    const [first] = await h.call('model.list');
    const out = await h.call('export.fitJson', { fitId: first.id, destination: { kind: 'inline' } });
    expect(JSON.parse(out.content!)).toMatchObject({ schema: 'quadrat.fit/1', nobs: 180 });
  });
});
