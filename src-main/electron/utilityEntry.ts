/**
 * Entry of an engine utility process (bundled to dist/main/utility.cjs). Relays jobs to an engine
 * worker thread, holding the shared cancel flag that cannot cross the process boundary. If the
 * engine thread dies, this process exits, so the pool in main sees the crash and starts afresh.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { raiseFlag } from '../host/cancelSignal';
import { type FromWorker, type ToWorker } from '../host/protocol';

export interface ParentPortLike {
  on(event: 'message', listener: (e: { data: ToWorker }) => void): unknown;
  postMessage(message: FromWorker): void;
}

export function relay(parent: ParentPortLike, worker: Pick<Worker, 'on' | 'postMessage'>, exit: (code: number) => void): void {
  const flags = new Map<string, SharedArrayBuffer>();
  parent.on('message', ({ data }) => {
    if (data.type === 'run') {
      const flag = new SharedArrayBuffer(4);
      flags.set(data.jobId, flag);
      worker.postMessage({ ...data, cancelFlag: flag });
    } else if (data.type === 'cancel') {
      const flag = flags.get(data.jobId);
      if (flag) raiseFlag(flag);
    }
  });
  worker.on('message', (m: FromWorker) => {
    if (m.type !== 'progress') flags.delete(m.jobId);
    parent.postMessage(m);
  });
  worker.on('error', () => exit(1));
  worker.on('exit', (code: number) => exit(code === 0 ? 1 : code));
}

if (process.parentPort) {
  relay(process.parentPort as unknown as ParentPortLike, new Worker(join(__dirname, '../host/engineWorker.mjs'), { workerData: { warmUp: true } }), (code) => process.exit(code));
}
