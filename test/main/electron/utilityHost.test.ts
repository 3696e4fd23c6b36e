/**
 * The utility-process engine host with `electron` mocked: jobs go to a forked utility process,
 * cancel is a message then a kill, and a dead process fails only its job. The relay that runs inside
 * the utility process is tested with a real engine worker thread.
 */
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { type FromWorker, type ToWorker } from '../../../src-main/host/protocol';
import { fake } from './fakeElectron';
import { engineWorkerPath, removeWorkerBundle } from '../helpers/apiHarness';
import { tempDir } from '../helpers/tmp';

vi.mock('electron', async () => (await import('./fakeElectron')).fake.module);
const { createUtilityProcessHost } = await import('../../../src-main/electron/utilityProcessHost');
const { relay } = await import('../../../src-main/electron/utilityEntry');

const { dir, cleanup } = tempDir();
afterAll(async () => {
  cleanup();
  await removeWorkerBundle();
});

const importJob = { kind: 'import' as const, source: { kind: 'path' as const, path: '/x.csv' } };

describe('utility-process engine host', () => {
  it('forks the utility entry and passes a job and its result through', async () => {
    const host = createUtilityProcessHost({ modulePath: '/app/dist/main/utility.cjs', size: 2 });
    const job = host.run(importJob);
    const child = fake.children.at(-1)!;
    expect(child.modulePath).toBe('/app/dist/main/utility.cjs');
    expect(child.posted).toEqual([{ type: 'run', jobId: job.id, job: importJob }]);
    child.emit('message', { type: 'result', jobId: job.id, output: { table: { nrow: 0, columns: [] }, notes: [] } });
    await expect(job.result).resolves.toMatchObject({ table: { nrow: 0 } });
    await host.close();
    expect(child.killed).toBe(true);
  });

  it('fails the job of a process that dies, and forks a fresh one for the next job', async () => {
    const host = createUtilityProcessHost({ modulePath: '/u.cjs', size: 1 });
    const a = host.run(importJob);
    const first = fake.children.at(-1)!;
    first.emit('exit', 134);
    await expect(a.result).rejects.toThrow(/engine stopped unexpectedly while running this job \(exit code 134\)/);
    const b = host.run(importJob);
    const second = fake.children.at(-1)!;
    expect(second).not.toBe(first);
    second.emit('message', { type: 'error', jobId: b.id, error: { kind: 'data', message: 'bad file' } });
    await expect(b.result).rejects.toMatchObject({ kind: 'data', message: 'bad file' });
    await host.close();
  });

  it('cancels by message first and kills the process if the job does not stop in time', async () => {
    const host = createUtilityProcessHost({ modulePath: '/u.cjs', size: 1, cancelGraceMs: 50 });
    const job = host.run(importJob);
    const child = fake.children.at(-1)!;
    job.cancel();
    expect(child.posted.at(-1)).toEqual({ type: 'cancel', jobId: job.id });
    await expect(job.result).rejects.toMatchObject({ kind: 'cancelled' });
    expect(child.killed).toBe(true);
    await host.close();
  });
});

describe('utility-process relay', () => {
  it('runs jobs on an engine worker thread, relays results, and exits when the thread dies', async () => {
    const path = join(dir, 'a.csv');
    writeFileSync(path, 'x,g\n1,a\n2,b\n');
    const parent = new EventEmitter() as EventEmitter & { postMessage(m: FromWorker): void };
    const replies: FromWorker[] = [];
    const gotReply = new Promise<void>((r) => (parent.postMessage = (m) => (replies.push(m), r())));
    const worker = new Worker(await engineWorkerPath());
    const exit = vi.fn();
    relay(parent as never, worker, exit);
    const run: ToWorker = { type: 'run', jobId: 'j1', job: { kind: 'import', source: { kind: 'path', path } } };
    parent.emit('message', { data: run });
    await gotReply;
    expect(replies[0]).toMatchObject({ type: 'result', jobId: 'j1', output: { table: { nrow: 2 } } });
    await worker.terminate();
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(1));
    rmSync(path);
  });
});
