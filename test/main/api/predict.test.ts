/**
 * model.predict on stored fits (issue 20), through the real handlers and a worker: sleepstudy's
 * predictions and delta-method prediction intervals match lme4's numbers (test/reference/predict.R),
 * a new subject is named in the note, a level the fit never saw in a fixed effect is the user's error,
 * a row with a missing value is dropped with its reason, and a GLMM's response-scale means match
 * predict(type = "response"); an nlme fit and a fit whose data changed since are refused.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, createHarness, removeWorkerBundle } from '../helpers/apiHarness';

interface Fixture {
  newdata: Record<string, string | number>[];
  etaGroup: number[];
  varFixed: number[];
  varGroup: number[];
  sigma2: number;
  muPopulation?: number[];
}
const fixture = (name: string) => JSON.parse(readFileSync(`test/reference/fixtures/predict/${name}.json`, 'utf8')) as Fixture;

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await h.call('project.new', { path: join(h.dir, 'predict.quadrat') });
}, 60_000);
afterAll(async () => {
  await h.close();
  await removeWorkerBundle();
});

async function importWithFactors(file: string, factors: string[]): Promise<number> {
  const datasetId = (await h.call('dataset.import', { source: { kind: 'text', fileName: file, text: readFileSync(`test/data/${file}`, 'utf8') } })).dataset.id;
  const d = await h.call('dataset.get', { datasetId });
  for (const column of factors) if (d.columns.find((c) => c.name === column)!.type !== 'factor') await h.call('dataset.setColumnType', { datasetId, column, type: 'factor' });
  return datasetId;
}

async function fit(datasetId: number, spec: { formula: string; family?: 'binomial' }): Promise<number> {
  const { jobId } = await h.call('fit.start', { datasetId, spec });
  const status = await h.call('job.wait', { jobId, timeoutMs: 120_000 });
  expect(status.state, JSON.stringify(status.error)).toBe('done');
  return status.fitId!;
}

describe('model.predict', () => {
  it('sleepstudy: each subject’s prediction interval as lme4’s pieces give it; the new subject is named', async () => {
    const fx = fixture('sleepstudy');
    const fitId = await fit(await importWithFactors('sleepstudy.csv', ['Subject']), { formula: 'Reaction ~ Days + (Days | Subject)' });
    const p = await h.call('model.predict', { fitId, rows: fx.newdata, re: 'group', interval: 'prediction' });
    expect(p.rows.map((r) => r.row)).toEqual([0, 1, 2, 3]);
    p.rows.forEach((r, i) => {
      const sd = Math.sqrt(fx.varFixed[i] + fx.varGroup[i] + fx.sigma2);
      expect(Math.abs(r.estimate - fx.etaGroup[i])).toBeLessThan(1e-6 * Math.abs(fx.etaGroup[i]));
      expect(Math.abs(r.upper! - r.lower! - 2 * 1.959964 * sd)).toBeLessThan(1e-3 * sd);
    });
    expect(p.rows[3].newGroups).toEqual(['Subject = 999']);
    expect(p.notes.join(' ')).toMatch(/Subject = 999.*new group/);

    // a row without Days is left out with its reason, the rest predicted
    const q = await h.call('model.predict', { fitId, rows: [{ Days: null, Subject: '308' }, { Days: 2, Subject: '308' }] });
    expect(q.dropped).toEqual([{ row: 0, reason: 'no value for Days' }]);
    expect(q.rows.map((r) => r.row)).toEqual([1]);
    // text where Days is numeric is the user's error, said plainly
    const bad = await h.raw('model.predict', { fitId, rows: [{ Days: 'three', Subject: '308' }] });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'input' } });
    expect(JSON.stringify(bad)).toMatch(/not a number/);
  });

  it('a fixed-effect level the fit never saw is refused with the levels it has', async () => {
    const fitId = await fit(await importWithFactors('Orthodont.csv', ['Subject', 'Sex']), { formula: 'distance ~ age * Sex + (1 | Subject)' });
    const r = await h.raw('model.predict', { fitId, rows: [{ age: 10, Sex: 'Other', Subject: 'M01' }] });
    expect(r).toMatchObject({ ok: false, error: { kind: 'input' } });
    expect(JSON.stringify(r)).toMatch(/Sex = \\"Other\\" was not in the data.*Female, Male/);
  });

  it('cbpp (binomial): the typical herd’s incidence as predict(type = "response"), with the bias-adjusted mean', async () => {
    const fx = fixture('cbpp');
    const fitId = await fit(await importWithFactors('cbpp.csv', ['herd', 'period']), { formula: 'cbind(incidence, size - incidence) ~ period + (1 | herd)', family: 'binomial' });
    const p = await h.call('model.predict', { fitId, rows: fx.newdata });
    p.rows.forEach((r, i) => {
      expect(Math.abs(r.estimate - fx.muPopulation![i])).toBeLessThan(2e-3 * fx.muPopulation![i]);
      expect(r.biasAdjusted!).toBeGreaterThan(r.estimate);
    });
    expect(p).toMatchObject({ family: 'binomial', link: 'logit', options: { re: 'population', interval: 'confidence', method: 'delta' } });
  });

  it('refuses what a refit cannot answer: an nlme fit, and a fit whose data changed since', async () => {
    const datasetId = await importWithFactors('Orthodont.csv', ['Subject', 'Sex']);
    const { jobId } = await h.call('fit.start', { datasetId, spec: { formula: 'distance ~ age', nlme: { random: '~ 1 | Subject' } } });
    const nlmeFit = (await h.call('job.wait', { jobId, timeoutMs: 120_000 })).fitId!;
    await expect(h.call('model.predict', { fitId: nlmeFit, rows: [{ age: 10, Subject: 'M01' }] })).rejects.toThrow(/nlme fit/);
    await expect(h.call('model.effects', { fitId: nlmeFit, x: 'age' })).rejects.toThrow(/nlme fit/);
    await expect(h.call('model.designMatrices', { fitId: nlmeFit })).rejects.toThrow(/nlme fit/);

    const fitId = await fit(datasetId, { formula: 'distance ~ age + (1 | Subject)' });
    expect((await h.call('model.designMatrices', { fitId })).q).toBe(27);
    await h.call('dataset.setCells', { datasetId, cells: [{ row: 0, column: 'distance', value: 30 }] });
    for (const r of [
      await h.raw('model.predict', { fitId, rows: [{ age: 10, Subject: 'M01' }] }),
      await h.raw('model.effects', { fitId, x: 'age' }),
      await h.raw('model.designMatrices', { fitId }),
      await h.raw('model.advise', { fitId }),
    ]) {
      expect(r).toMatchObject({ ok: false, error: { kind: 'model' } });
      expect(JSON.stringify(r)).toMatch(/has changed since/);
    }
  });
});

