/**
 * A pool of engine workers behind EngineHost, independent of what a worker is (a thread or a
 * process): the queue, time limits, cancellation (cooperative flag first, then kill) and crash
 * recovery live here once.
 */
import { randomUUID } from 'node:crypto';
import { QuadratError } from '../../src-engine/errors/quadratError';
import { type WireError } from '../api/shapes';
import { type EngineHost, type JobHandle, type JobOptions } from './engineHost';
import { type FromWorker, type JobInput, type OutputOf, type ToWorker } from './protocol';

/** One worker as the pool sees it. */
export interface EngineProcess {
  send(msg: Extract<ToWorker, { type: 'run' }>): void;
  /** Asks the running job to stop (sets the shared flag, or sends a cancel message). */
  requestCancel(jobId: string): void;
  kill(): void;
}

export interface ProcessEvents {
  message(m: FromWorker): void;
  /** The worker ended; `reason` says how (exit code, uncaught error). */
  exit(reason: string): void;
}

export type ProcessFactory = (events: ProcessEvents) => EngineProcess;

export interface PoolOptions {
  size?: number;
  defaultTimeLimitMs?: number;
  /** How long a cancelled job may take to notice its flag before its worker is killed. */
  cancelGraceMs?: number;
  /** Start every worker now rather than on its first job (so it can warm up before the user's first fit). */
  prestart?: boolean;
}

interface Job {
  id: string;
  input: JobInput;
  options: JobOptions;
  resolve(v: unknown): void;
  reject(e: Error): void;
  settled: boolean;
  started: boolean;
  timers: ReturnType<typeof setTimeout>[];
  slot: Slot | null;
}

interface Slot {
  proc: EngineProcess | null;
  job: Job | null;
}

export function fromWireError(w: WireError): Error {
  return w.kind === 'internal' ? new Error(w.message) : new QuadratError(w.kind, w.message, w.where);
}

const cancelled = () => new QuadratError('cancelled', 'The job was cancelled.');

export class PoolEngineHost implements EngineHost {
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private readonly grace: number;
  private readonly defaultLimit: number;
  private closed = false;

  constructor(
    private readonly factory: ProcessFactory,
    options: PoolOptions = {},
  ) {
    this.slots = Array.from({ length: Math.max(1, options.size ?? 2) }, () => ({ proc: null, job: null }));
    this.grace = options.cancelGraceMs ?? 100;
    this.defaultLimit = options.defaultTimeLimitMs ?? 3_600_000;
    if (options.prestart) for (const slot of this.slots) slot.proc = this.spawn(slot);
  }

  get size(): number {
    return this.slots.length;
  }

  get pending(): number {
    return this.queue.length + this.slots.filter((s) => s.job).length;
  }

  run<J extends JobInput>(input: J, options: JobOptions = {}): JobHandle<OutputOf<J>> {
    const id = randomUUID();
    let job!: Job;
    const result = new Promise<OutputOf<J>>((resolve, reject) => {
      job = { id, input, options, resolve: resolve as (v: unknown) => void, reject, settled: false, started: false, timers: [], slot: null };
    });
    result.catch(() => undefined); // callers may never await a cancelled job
    if (this.closed) this.settle(job, new QuadratError('fit', 'The engine has been shut down.'));
    else {
      this.queue.push(job);
      this.dispatch();
    }
    return {
      id,
      result,
      cancel: () => this.cancel(job),
      get started() {
        return job.started;
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.settle(job, new QuadratError('fit', 'The engine has been shut down.'));
    for (const slot of this.slots) {
      if (slot.job) this.settle(slot.job, new QuadratError('fit', 'The engine has been shut down.'));
      this.killSlot(slot);
    }
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job || this.queue.length === 0) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      job.slot = slot;
      job.started = true;
      job.options.onStart?.();
      if (!slot.proc) slot.proc = this.spawn(slot);
      const limit = job.options.timeLimitMs ?? this.defaultLimit;
      job.timers.push(
        setTimeout(() => {
          const secs = limit >= 1000 ? `${Math.round(limit / 1000)} s` : `${limit} ms`;
          this.stop(job, new QuadratError('fit', `The job was stopped: it ran longer than the time limit (${secs}).`));
        }, limit),
      );
      slot.proc.send({ type: 'run', jobId: job.id, job: job.input });
    }
  }

  private spawn(slot: Slot): EngineProcess {
    const proc: EngineProcess = this.factory({
      message: (m) => {
        if (slot.proc !== proc) return; // a killed worker's last words
        const job = slot.job;
        if (!job || job.id !== m.jobId) return;
        if (m.type === 'progress') job.options.onProgress?.(m.progress);
        else if (m.type === 'result') this.finish(slot, job, m.output);
        else this.finish(slot, job, fromWireError(m.error));
      },
      exit: (reason) => {
        if (slot.proc !== proc) return;
        slot.proc = null;
        const job = slot.job;
        if (job) {
          slot.job = null;
          this.settle(
            job,
            new QuadratError(
              job.input.kind === 'import' ? 'data' : 'fit',
              `The engine stopped unexpectedly while running this job (${reason}). Nothing else was affected; ` +
                'the next job starts a fresh engine.',
            ),
          );
        }
        this.dispatch();
      },
    });
    return proc;
  }

  private finish(slot: Slot, job: Job, outcome: unknown): void {
    slot.job = null;
    this.settle(job, outcome);
    this.dispatch();
  }

  private cancel(job: Job): void {
    if (job.settled) return;
    const q = this.queue.indexOf(job);
    if (q >= 0) {
      this.queue.splice(q, 1);
      this.settle(job, cancelled());
      return;
    }
    this.stop(job, cancelled());
  }

  /** Cooperative stop first; if the job has not ended within the grace period, kill its worker. */
  private stop(job: Job, error: QuadratError): void {
    const slot = job.slot;
    if (job.settled || !slot || slot.job !== job) return;
    slot.proc?.requestCancel(job.id);
    job.timers.push(
      setTimeout(() => {
        if (job.settled || slot.job !== job) return;
        slot.job = null;
        this.killSlot(slot);
        this.settle(job, error);
        this.dispatch();
      }, this.grace),
    );
    // If the engine honours the flag it answers 'cancelled'; report the reason we stopped it for.
    job.reject = ((reject) => (e: Error) => reject(e instanceof QuadratError && e.kind === 'cancelled' ? error : e))(job.reject);
  }

  private killSlot(slot: Slot): void {
    const proc = slot.proc;
    slot.proc = null;
    proc?.kill();
  }

  private settle(job: Job, outcome: unknown): void {
    if (job.settled) return;
    job.settled = true;
    for (const t of job.timers) clearTimeout(t);
    if (outcome instanceof Error) job.reject(outcome);
    else job.resolve(outcome);
  }
}
