/**
 * Where heavy work runs: off the main thread, in workers (worker_threads in Node and tests, Electron
 * utility processes in the app). Every job has an id, progress, cancel and a time limit; a worker
 * that dies fails only its own job, and the next job gets a fresh worker.
 */
import { type EngineProgress, type JobInput, type OutputOf } from './protocol';

export interface JobOptions {
  onProgress?: (p: EngineProgress) => void;
  /** Called when a worker picks the job up (it may wait in the queue first). */
  onStart?: () => void;
  /** Stop the job after this long (default: the host's). */
  timeLimitMs?: number;
}

export interface JobHandle<T> {
  readonly id: string;
  /** False while the job waits for a free worker. */
  readonly started: boolean;
  /** Resolves with the output; rejects with a QuadratError (kind 'cancelled' after cancel()). */
  readonly result: Promise<T>;
  /** Stops the job: the promise rejects within 200 ms. No effect once it has settled. */
  cancel(): void;
}

export interface EngineHost {
  run<J extends JobInput>(job: J, options?: JobOptions): JobHandle<OutputOf<J>>;
  /** Workers that run jobs at once (a job split into chunks uses this many). */
  readonly size: number;
  /** Jobs waiting for a free worker plus jobs running. */
  readonly pending: number;
  /** Stops every worker; queued and running jobs fail. */
  close(): Promise<void>;
}
