/**
 * batch.start with bayesSeparated (issue 15): through the real API and engine workers the separated
 * locus (L0006) gets brms's refit beside glmer's result — the same draws as the engine gives for its
 * fixed seed, as `quadrat batch --bayes-separated` does — the setting is stored with the batch (a
 * resume keeps it), and a model brms cannot refit in one step is refused before any unit runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitUnit } from '../../../src-engine/batch/unitResult';
import { unitsByColumn } from '../../../src-engine/batch/units';
import { importDelimited } from '../../../src-engine/data/importDelimited';
import { type Harness, createHarness, removeWorkerBundle } from '../helpers/apiHarness';

const FORMULA = 'cbind(methylated, unmethylated) ~ treatment * population + (1 | tank)';
const LOCI = 8;
const text = readFileSync('test/data/oyster_methylation.csv', 'utf8').trim().split('\n').slice(0, 1 + LOCI * 48).join('\n') + '\n';
const spec = { formula: FORMULA, family: 'binomial' as const };

let h: Harness;
let datasetId: number;
beforeAll(async () => {
  h = await createHarness();
  await h.call('project.new', { path: join(h.dir, 'batch-bayes.quadrat') });
  datasetId = (await h.call('dataset.import', { source: { kind: 'text', fileName: 'loci.csv', text } })).dataset.id;
}, 60_000);
afterAll(async () => {
  await h.close();
  await removeWorkerBundle();
});

describe('batch.start with the Bayesian refit of separated units', () => {
  it('refits the separated locus as the engine does, and stores the setting with the batch', async () => {
    const { batchId, jobId } = await h.call('batch.start', { datasetId, spec, split: { by: 'locus' }, bayesSeparated: { iter: 400 } });
    const status = await h.call('job.wait', { jobId, timeoutMs: 600_000 });
    expect(status.state, JSON.stringify(status.error)).toBe('done');
    const { summary, units } = await h.call('batch.get', { batchId });
    expect(summary.bayesSeparated).toEqual({ iter: 400, seed: 20261203 });
    expect(units.filter((u) => u.bayes).map((u) => u.unit)).toEqual(['L0006']);

    const { table } = importDelimited(new Uint8Array(Buffer.from(text)), {});
    const unit = unitsByColumn(table, 'locus').find((u) => u.name === 'L0006')!;
    const bayesSeparated = { formula: FORMULA, family: 'binomial', priors: [{ prior: 'normal(0, 2.5)', class: 'b' }], chains: 4, iter: 400, seed: 20261203 };
    const reference = fitUnit(table, unit, { formula: FORMULA, reml: true, anovaType: 3, family: 'binomial', bayesSeparated });
    expect(units.find((u) => u.unit === 'L0006')!.bayes).toEqual(JSON.parse(JSON.stringify(reference.bayes)));
    expect((await h.call('batch.list', {})).find((b) => b.id === batchId)!.bayesSeparated).toEqual({ iter: 400, seed: 20261203 });
  });

  it('refuses a model brms cannot refit in one step, before fitting', async () => {
    const gaussian = await h.raw('batch.start', { datasetId, spec: { formula: 'methylated ~ treatment + (1 | tank)' }, split: { by: 'locus' }, bayesSeparated: {} });
    expect(gaussian).toMatchObject({ ok: false, error: { kind: 'model' } });
    expect(JSON.stringify(gaussian)).toMatch(/Only binomial and Poisson GLMMs/);
    const bad = await h.raw('batch.start', { datasetId, spec, split: { by: 'locus' }, bayesSeparated: { iter: 5 } });
    expect(bad).toMatchObject({ ok: false, status: 400 });
  });
});
