/**
 * The API's view of jobs: status for job.get/list/wait, progress and finish events, and what to do
 * with a job's output (e.g. store a fit) before it counts as done.
 */
import { QuadratError } from '../../src-engine/errors/quadratError';
import { type JobHandle } from '../host/engineHost';
import { toWireError } from '../host/toWireError';
import { type EventName, type EventPayload } from './contract';
import { type JobProgress, type JobStatus } from './shapes';

/** What a finished job's output became: a fit in the history (fitId) or a Bayesian fit (bayesId). */
type Completed = { fitId: number | null; bayesId?: number };

type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

interface Entry {
  status: JobStatus;
  handle: JobHandle<unknown>;
  done: Promise<void>;
  t0: number;
  /** The project the job belongs to (cancelled when that project closes). */
  owner: object | null;
}

/** Finished jobs kept for job.get/list. */
const KEEP_FINISHED = 100;

export class JobRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly emit: Emit) {}

  /**
   * Tracks a started job. `complete` turns its output into the final status fields (e.g. stores
   * the fit and returns its id); a throw there fails the job.
   */
  track<T>(
    kind: JobStatus['kind'],
    label: string,
    handle: JobHandle<T>,
    owner: object | null,
    complete: (output: T) => Completed | Promise<Completed>,
  ): JobStatus {
    const status: JobStatus = {
      id: handle.id,
      kind,
      label,
      state: handle.started ? 'running' : 'queued',
      startedAt: new Date().toISOString(),
      finishedAt: null,
      progress: null,
      error: null,
      fitId: null,
    };
    const entry: Entry = { status, handle: handle as JobHandle<unknown>, done: Promise.resolve(), t0: Date.now(), owner };
    entry.done = handle.result.then(
      async (output) => {
        try {
          const { fitId, bayesId } = await complete(output);
          if (bayesId !== undefined) entry.status.bayesId = bayesId;
          this.finish(entry, 'done', null, fitId);
        } catch (e) {
          this.finish(entry, 'failed', e, null);
        }
      },
      (e: unknown) => this.finish(entry, e instanceof QuadratError && e.kind === 'cancelled' ? 'cancelled' : 'failed', e, null),
    );
    this.entries.set(handle.id, entry);
    this.prune();
    return { ...status };
  }

  /** The onStart callback for EngineHost.run: a queued job becomes running. */
  startFor(getId: () => string) {
    return () => {
      const entry = this.entries.get(getId());
      if (entry && entry.status.state === 'queued') entry.status.state = 'running';
    };
  }

  /** The progress callback to hand to EngineHost.run for a job about to be tracked. */
  progressFor(getId: () => string) {
    return (p: { evaluations: number; objective: number | null; total?: number; chains?: JobProgress['chains'] }) => {
      const entry = this.entries.get(getId());
      if (!entry || (entry.status.state !== 'running' && entry.status.state !== 'queued')) return;
      entry.status.state = 'running';
      const objective = p.objective !== null && Number.isFinite(p.objective) ? p.objective : null;
      const progress = { jobId: entry.status.id, evaluations: p.evaluations, objective, elapsedMs: Date.now() - entry.t0, ...(p.total === undefined ? {} : { total: p.total }), ...(p.chains ? { chains: p.chains } : {}) };
      entry.status.progress = progress;
      this.emit('job.progress', progress);
    };
  }

  get(id: string): JobStatus {
    return { ...this.entry(id).status };
  }

  list(): JobStatus[] {
    return [...this.entries.values()].map((e) => ({ ...e.status }));
  }

  /** Waits for a job of `kind` and returns its output; rejects with its error (kind 'cancelled' after cancel). */
  async output(id: string, kind: JobStatus['kind']): Promise<unknown> {
    const e = this.entry(id);
    if (e.status.kind !== kind) throw new QuadratError('input', `Job "${id}" is not a ${kind} job.`);
    await e.done;
    return e.handle.result;
  }

  cancel(id: string): boolean {
    const e = this.entry(id);
    if (e.status.finishedAt !== null) return false;
    e.handle.cancel();
    return true;
  }

  /** Cancels every running job of `owner` (its project is closing). */
  cancelOwnedBy(owner: object): void {
    for (const e of this.entries.values()) if (e.owner === owner && e.status.finishedAt === null) e.handle.cancel();
  }

  async wait(id: string, timeoutMs: number): Promise<JobStatus> {
    const e = this.entry(id);
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([e.done, new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
    return { ...e.status };
  }

  private entry(id: string): Entry {
    const e = this.entries.get(id);
    if (!e) throw new QuadratError('input', `There is no job with id "${id}".`);
    return e;
  }

  private finish(entry: Entry, state: JobStatus['state'], error: unknown, fitId: number | null): void {
    entry.status.state = state;
    entry.status.finishedAt = new Date().toISOString();
    entry.status.error = error === null ? null : toWireError(error);
    entry.status.fitId = fitId;
    this.emit('job.finished', { ...entry.status });
  }

  private prune(): void {
    const finished = [...this.entries.values()].filter((e) => e.status.finishedAt !== null);
    for (const e of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.entries.delete(e.status.id);
  }
}
