import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PoolEngineHost } from '../../../src-main/host/pool';
import { type JobInput } from '../../../src-main/host/protocol';
import { createWorkerThreadHost } from '../../../src-main/host/workerThreadHost';
import { buildWorker } from '../helpers/buildWorker';
import { tempDir } from '../helpers/tmp';

const { dir, cleanup } = tempDir();
let host: PoolEngineHost;
let workerPath: string;
// Test-only job kinds understood by fixtures/testWorker.ts.
const testJob = (j: object) => j as unknown as JobInput;

beforeAll(async () => {
  workerPath = await buildWorker('test/main/host/fixtures/testWorker.ts', 'testWorker');
  host = createWorkerThreadHost({ workerPath, size: 2 });
});
afterAll(async () => {
  await host.close();
  rmSync(workerPath, { force: true });
  cleanup();
});

describe('worker-thread engine host', () => {
  it('imports a CSV file in a worker', async () => {
    const path = join(dir, 'plots.csv');
    writeFileSync(path, 'y,site\n1.5,A\n2,B\nNA,B\n');
    const out = await host.run({ kind: 'import', source: { kind: 'path', path } }).result;
    expect(out.table.nrow).toBe(3);
    expect(out.table.columns.map((c) => [c.name, c.type])).toEqual([
      ['y', 'numeric'],
      ['site', 'factor'],
    ]);
    expect(out.table.columns[0].type === 'numeric' && Number.isNaN(out.table.columns[0].values[2])).toBe(true);
  });

  it('passes on the engine\'s QuadratError unchanged', async () => {
    await expect(host.run({ kind: 'import', source: { kind: 'path', path: join(dir, 'nope.csv') } }).result).rejects.toMatchObject({
      name: 'QuadratError',
      kind: 'data',
    });
  });

  it('survives a worker crash: the job fails with a clear message and the next job gets a fresh worker', async () => {
    const crash = host.run(testJob({ kind: 'test-crash' }));
    await expect(crash.result).rejects.toThrow(/engine stopped unexpectedly while running this job \(exit code 7\)/);
    const path = join(dir, 'after.csv');
    writeFileSync(path, 'a\n1\n2\n');
    const out = await host.run({ kind: 'import', source: { kind: 'path', path } }).result;
    expect(out.table.nrow).toBe(2);
  });

  it('cancels a job that polls its flag, and forwards its progress', async () => {
    const progress: number[] = [];
    const job = host.run(testJob({ kind: 'test-poll', reportEvery: 5 }), { onProgress: (p) => progress.push(p.evaluations) });
    await new Promise((r) => setTimeout(r, 300));
    job.cancel();
    await expect(job.result).rejects.toMatchObject({ kind: 'cancelled', message: 'The job was cancelled.' });
    expect(progress.length).toBeGreaterThan(2);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('kills a job that ignores its flag, and keeps working', async () => {
    const job = host.run(testJob({ kind: 'test-spin' }));
    await new Promise((r) => setTimeout(r, 200));
    job.cancel(); // the job spins forever: only a kill ends it
    await expect(job.result).rejects.toMatchObject({ kind: 'cancelled' });
    const path = join(dir, 'k.csv');
    writeFileSync(path, 'a\n1\n');
    expect((await host.run({ kind: 'import', source: { kind: 'path', path } }).result).table.nrow).toBe(1);
  });

  it('stops a job at its time limit with a message that says so', async () => {
    const job = host.run(testJob({ kind: 'test-spin' }), { timeLimitMs: 300 });
    await expect(job.result).rejects.toThrow('The job was stopped: it ran longer than the time limit (300 ms).');
  });

  it('runs two jobs at once and queues the third; a queued job can be cancelled at once', async () => {
    const a = host.run(testJob({ kind: 'test-poll', reportEvery: 5 }));
    const b = host.run(testJob({ kind: 'test-poll', reportEvery: 5 }));
    const c = host.run(testJob({ kind: 'test-poll', reportEvery: 5 }));
    expect(host.pending).toBe(3);
    expect([a.started, b.started, c.started]).toEqual([true, true, false]);
    c.cancel();
    await expect(c.result).rejects.toMatchObject({ kind: 'cancelled' });
    a.cancel();
    b.cancel();
    await Promise.allSettled([a.result, b.result]);
    expect(host.pending).toBe(0);
  });
});
