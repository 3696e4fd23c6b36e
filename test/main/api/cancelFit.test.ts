/**
 * Cancelling a long fit (InstEval: 73 421 ratings, three crossed random effects) must stop it
 * within 200 ms, while the engine computes synchronously in its worker.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JobStatus } from '../../../src-main/api/shapes';
import { type Harness, createHarness, removeWorkerBundle } from '../helpers/apiHarness';

let h: Harness;
let datasetId: number;

beforeAll(async () => {
  h = await createHarness();
  await h.call('project.new', { path: join(h.dir, 'insteval.quadrat') });
  const text = readFileSync(join(__dirname, '../../data/InstEval.csv'), 'utf8');
  datasetId = (await h.call('dataset.import', { source: { kind: 'text', fileName: 'InstEval.csv', text } })).dataset.id;
  for (const column of ['s', 'd', 'dept', 'service'])
    await h.call('dataset.setColumnType', { datasetId, column, type: 'factor' });
});
afterAll(async () => {
  await h.close();
  await removeWorkerBundle();
});

function finished(jobId: string): Promise<JobStatus> {
  return new Promise((resolve) => {
    const off = h.app.subscribe((event, payload) => {
      if (event === 'job.finished' && (payload as JobStatus).id === jobId) {
        off();
        resolve(payload as JobStatus);
      }
    });
  });
}

function firstProgress(jobId: string): Promise<void> {
  return new Promise((resolve) => {
    const off = h.app.subscribe((event, payload) => {
      if (event === 'job.progress' && (payload as { jobId: string }).jobId === jobId) {
        off();
        resolve();
      }
    });
  });
}

describe('cancelling a fit', () => {
  it('stops a long InstEval fit on job.cancel, and the next fit runs normally', async () => {
    const { jobId } = await h.call('fit.start', {
      datasetId,
      spec: { formula: 'y ~ service + (1 | s) + (1 | d) + (1 | dept:service)', reml: false },
    });
    const done = finished(jobId);
    await firstProgress(jobId); // the optimizer is running
    await new Promise((r) => setTimeout(r, 300));
    expect((await h.call('job.get', { jobId })).state).toBe('running');
    expect(await h.call('job.cancel', { jobId })).toEqual({ cancelled: true });
    const status = await done;
    expect(status).toMatchObject({ state: 'cancelled', fitId: null, error: { kind: 'cancelled' } });
    expect(await h.call('model.list')).toEqual([]);
    expect(await h.call('job.cancel', { jobId })).toEqual({ cancelled: false });

    const next = await h.call('fit.start', { datasetId, spec: { formula: 'y ~ service + (1 | dept)', reml: true } });
    const status2 = await h.call('job.wait', { jobId: next.jobId, timeoutMs: 60_000 });
    expect(status2.state).toBe('done');
  });
});
