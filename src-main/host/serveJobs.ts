/**
 * The worker side of the job protocol: runs one job at a time with `runner`, reports progress at
 * most every 50 ms, and answers with the result or a wire error.
 */
import { signalFromFlag } from './cancelSignal';
import { type EngineProgress, type FromWorker, type JobInput, type ToWorker } from './protocol';
import { type JobControl } from './runJob';
import { toWireError } from './toWireError';

const PROGRESS_EVERY_MS = 50;

export interface Port {
  on(event: 'message', listener: (msg: ToWorker) => void): unknown;
  postMessage(msg: FromWorker): void;
}

export type JobRunner = (job: JobInput, control: JobControl) => Promise<unknown>;

/**
 * `afterJob` runs after each job that succeeded, before its answer is posted (the batch worker writes
 * its code cache then: once the answer is out, the host may terminate the worker at any moment).
 */
export function serveJobs(port: Port, runner: JobRunner, afterJob?: () => void): void {
  port.on('message', (msg) => {
    if (msg.type === 'run') void handle(port, runner, msg, afterJob);
  });
}

async function handle(port: Port, runner: JobRunner, msg: Extract<ToWorker, { type: 'run' }>, afterJob?: () => void): Promise<void> {
  const { jobId } = msg;
  let last = 0;
  const onProgress = (progress: EngineProgress) => {
    const now = Date.now();
    if (now - last < PROGRESS_EVERY_MS) return;
    last = now;
    port.postMessage({ type: 'progress', jobId, progress });
  };
  try {
    const output = await runner(msg.job, { onProgress, signal: signalFromFlag(msg.cancelFlag) });
    afterJob?.();
    port.postMessage({ type: 'result', jobId, output });
  } catch (e) {
    port.postMessage({ type: 'error', jobId, error: toWireError(e) });
  }
}
