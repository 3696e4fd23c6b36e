/**
 * The bundled examples open as R's copies of the data (grouping columns as factors) and their first
 * models fit as they are: each example is one click from a fitted model. The grouseticks and cbpp
 * numbers are glmer's, from test/reference/glmer.R.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, createHarness, removeWorkerBundle } from '../helpers/apiHarness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
}, 60_000);
afterAll(async () => {
  await h.close();
  await removeWorkerBundle();
});

const glmer = (name: string) => JSON.parse(readFileSync(join(__dirname, `../../reference/fixtures/glmer/${name}.json`), 'utf8'));

describe('bundled examples', () => {
  it('each has a first model and the column types its formula needs', async () => {
    const examples = await h.call('examples.list');
    expect(examples.map((e) => e.name)).toEqual(['sleepstudy', 'cbpp', 'grouseticks', 'oyster_methylation']);
    for (const e of examples) expect(e.model?.formula, e.name).toBeTruthy();
    expect(examples.find((e) => e.name === 'cbpp')?.model).toEqual({
      formula: 'cbind(incidence, size - incidence) ~ period + (1 | herd)',
      family: 'binomial',
    });
  });

  it('imports the grouping columns as factors, in numeric level order as R has them', async () => {
    await h.call('project.openExample', { name: 'cbpp' });
    const [ds] = await h.call('dataset.list');
    const herd = ds.columns.find((c) => c.name === 'herd')!;
    expect(herd.type).toBe('factor');
    expect(herd.type === 'factor' && herd.levels).toEqual(Array.from({ length: 15 }, (_, i) => String(i + 1)));
    expect(ds.columns.find((c) => c.name === 'period')?.type).toBe('factor');
    expect(ds.columns.find((c) => c.name === 'size')?.type).toBe('numeric');
  });

  for (const [name, fixture] of [
    ['cbpp', 'cbpp_laplace'],
    ['grouseticks', 'grouseticks'],
  ] as const) {
    it(`fits ${name}'s first model as glmer does`, async () => {
      const examples = await h.call('examples.list');
      const model = examples.find((e) => e.name === name)!.model!;
      await h.call('project.openExample', { name });
      const [ds] = await h.call('dataset.list');
      const { jobId } = await h.call('fit.start', { datasetId: ds.id, spec: { formula: model.formula, family: model.family } });
      const status = await h.call('job.wait', { jobId, timeoutMs: 120_000 });
      expect(status.error).toBeNull();
      const { report } = await h.call('model.get', { fitId: status.fitId! });
      const want = glmer(fixture);
      expect(want.formula.replace(/\s+/g, '')).toBe(model.formula.replace(/\s+/g, ''));
      expect(report.fixed.map((f) => f.term)).toEqual(want.expected.betaNames);
      expect(report.nobs).toBe(want.expected.nobs);
      expect(Math.abs(-2 * report.logLik - want.expected.minus2logLik)).toBeLessThan(2e-3);
    }, 120_000);
  }

  it('adds an example to an open project with the same column types', async () => {
    await h.call('project.openExample', { name: 'sleepstudy' });
    const { dataset } = await h.call('dataset.import', { source: { kind: 'example', name: 'grouseticks' } });
    for (const c of ['INDEX', 'BROOD', 'YEAR', 'LOCATION']) expect(dataset.columns.find((x) => x.name === c)?.type, c).toBe('factor');
  });
});
