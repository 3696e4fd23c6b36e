/**
 * The app's engine workers run niced (backgroundPriority.ts) to leave the UI thread room; the CLI's
 * (`quadrat batch`, `quadrat bayes`) keep the normal priority, since a niced worker there only gives
 * the cores away to other processes. Linux keeps the nice value per thread, so each thread of this
 * process is read from /proc after the worker has answered a job (it lowers itself before serving).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { ENGINE_NICE } from '../../../src-main/host/backgroundPriority';
import { type FromWorker } from '../../../src-main/host/protocol';
import { workerThreadProcess } from '../../../src-main/host/workerThreadHost';
import { engineWorkerPath, removeWorkerBundle } from '../helpers/apiHarness';
import { smallTable } from '../helpers/tables';

/** Nice values of this process's threads (field 19 of /proc/self/task/<tid>/stat). */
function threadNices(): number[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

/** Starts an engine worker, waits for its answer to one cheap job, and reads the threads' nice values. */
async function nicesWithWorker(foreground: boolean): Promise<number[]> {
  const path = await engineWorkerPath();
  let answered!: (m: FromWorker) => void;
  const answer = new Promise<FromWorker>((resolve) => (answered = resolve));
  const proc = workerThreadProcess(path, { message: (m) => m.type !== 'progress' && answered(m), exit: () => undefined }, false, foreground);
  proc.send({ type: 'run', jobId: 'j1', job: { kind: 'column-summary', column: smallTable().columns[0] } });
  try {
    expect((await answer).type).toBe('result');
    return threadNices();
  } finally {
    proc.kill();
  }
}

describe.runIf(process.platform === 'linux' && getPriority(0) < ENGINE_NICE)('engine worker priority', () => {
  afterAll(removeWorkerBundle);

  // the foreground case first: a terminated worker's thread may linger into the next read
  it('a CLI (foreground) worker keeps the normal priority', async () => {
    expect(await nicesWithWorker(true)).not.toContain(ENGINE_NICE);
  });

  it('an app worker lowers its thread to the engine nice value', async () => {
    expect(await nicesWithWorker(false)).toContain(ENGINE_NICE);
  });
});
