/**
 * A panel's computation that runs as an API job (confint, ranova, step): the latest call's state as
 * useRun gives it, the job's progress events, and a cancel that stops the job in its worker.
 */
import { useEffect, useRef, useState } from 'react';
import type { JobProgress } from '../../src-main/api/contract';
import { useWorkbench } from '../app/context';
import { type RunState, useRun } from './useRun';

export interface JobRun<T> {
  state: RunState<T>;
  progress: JobProgress | null;
  /** Starts the job, then waits for its output. */
  start: (begin: () => Promise<{ jobId: string }>, output: (jobId: string) => Promise<T>) => void;
  cancel: () => void;
}

export function useJobRun<T>(): JobRun<T> {
  const wb = useWorkbench();
  const [state, run] = useRun<T>();
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const jobId = useRef<string | null>(null);

  useEffect(
    () =>
      wb.api.on('job.progress', (p) => {
        if (p.jobId === jobId.current) setProgress(p);
      }),
    [wb],
  );

  const start: JobRun<T>['start'] = (begin, output) =>
    void run(async () => {
      setProgress(null);
      const started = await begin();
      jobId.current = started.jobId;
      try {
        return await output(started.jobId);
      } finally {
        jobId.current = null;
      }
    });
  const cancel = () => {
    if (jobId.current) void wb.api.job.cancel({ jobId: jobId.current }).catch(() => undefined);
  };
  return { state, progress, start, cancel };
}

/** "3 of 7 models" (or the unit's count alone when the total is not known), with a Cancel button. */
type JobView = Pick<JobRun<unknown>, 'progress' | 'cancel'> & { state: Pick<RunState<unknown>, 'status'> };

export function JobProgressLine({ job, unit, idle, testId, cancellable = true }: { job: JobView; unit: string; idle: string; testId: string; cancellable?: boolean }) {
  if (job.state.status !== 'loading') return null;
  const p = job.progress;
  return (
    <>
      <span className="muted small" role="status" data-testid={`${testId}-progress`}>
        {p ? (p.total ? `${p.evaluations} of ${p.total} ${unit}` : `${p.evaluations} ${unit}`) : idle}
      </span>
      {cancellable && (
        <button type="button" className="btn small" onClick={job.cancel} data-testid={`${testId}-cancel`}>
          Cancel
        </button>
      )}
    </>
  );
}
