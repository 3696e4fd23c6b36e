/** EngineHost on Node worker_threads: the browser build, the CLI's batch work and the tests. */
import { Worker } from 'node:worker_threads';
import { raiseFlag } from './cancelSignal';
import { type EngineProcess, PoolEngineHost, type PoolOptions, type ProcessEvents } from './pool';
import { withSharedData } from './sharedTables';
import { toWireError } from './toWireError';

export interface WorkerThreadHostOptions extends PoolOptions {
  /** The bundled worker (dist/host/engineWorker.mjs). */
  workerPath: string | URL;
  /** Warm the engine's JIT up in each worker while it is idle (src-main/host/warmUp.ts). */
  warmUp?: boolean;
  /** Keep the normal priority: a CLI has no UI thread for a niced worker to leave room for. */
  foreground?: boolean;
}

export function workerThreadProcess(
  workerPath: string | URL,
  events: ProcessEvents,
  warmUp = false,
  foreground = false,
): EngineProcess {
  const worker = new Worker(workerPath, { workerData: { warmUp, foreground } });
  const flags = new Map<string, SharedArrayBuffer>();
  let ended = false;
  const end = (reason: string) => {
    if (ended) return;
    ended = true;
    events.exit(reason);
  };
  worker.on('message', (m) => {
    if (m && typeof m === 'object' && 'jobId' in m && m.type !== 'progress') flags.delete(m.jobId as string);
    events.message(m);
  });
  worker.on('error', (e) => end(`error: ${e.message}`));
  worker.on('exit', (code) => end(`exit code ${code}`));
  return {
    send(msg) {
      const flag = new SharedArrayBuffer(4);
      flags.set(msg.jobId, flag);
      // the job's table is put on shared memory first, in turns, so the main thread stays free
      withSharedData(msg.job).then(
        (job) => {
          if (!ended) worker.postMessage({ ...msg, job, cancelFlag: flag });
        },
        (e: unknown) => events.message({ type: 'error', jobId: msg.jobId, error: toWireError(e) }),
      );
    },
    requestCancel(jobId) {
      const flag = flags.get(jobId);
      if (flag) raiseFlag(flag);
    },
    kill() {
      ended = true;
      void worker.terminate();
    },
  };
}

export function createWorkerThreadHost(options: WorkerThreadHostOptions): PoolEngineHost {
  return new PoolEngineHost((events) => workerThreadProcess(options.workerPath, events, options.warmUp, options.foreground), options);
}
