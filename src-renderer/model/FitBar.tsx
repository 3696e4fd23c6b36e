/**
 * The Fit button (also Ctrl/Cmd+Enter) and, for fits running longer than ~300 ms, progress with
 * Cancel (also Escape).
 */
import { useEffect, useState } from 'react';
import { useWb, useWorkbench } from '../app/context';
import { useBayes } from '../bayes/bayesBench';

const SHOW_AFTER_MS = 300;

export function FitBar({ disabledReason }: { disabledReason: string | null }) {
  const wb = useWorkbench();
  const job = useWb((s) => s.job);
  const sampling = useBayes((s) => s.job !== null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (!job) return;
    const t = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(t);
  }, [job]);

  const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
  const elapsed = job ? now - job.startedAt : 0;
  return (
    <div className="fit-bar">
      <button
        type="button"
        className="btn primary big"
        data-testid="fit-button"
        disabled={!!disabledReason || !!job || sampling}
        title={disabledReason ?? `Fit the model (${isMac ? '⌘' : 'Ctrl'}+Enter)`}
        onClick={() => void wb.fit()}
      >
        {job ? 'Fitting…' : sampling ? 'Sampling…' : 'Fit model'}
        <kbd>{isMac ? '⌘' : 'Ctrl'}+↵</kbd>
      </button>
      {!job && disabledReason && <p className="muted small fit-hint">{disabledReason}</p>}
      {job && elapsed >= SHOW_AFTER_MS && (
        <div className="fit-progress" role="status" aria-live="polite" data-testid="fit-progress">
          <div className="progress-track">
            <div className="progress-indeterminate" />
          </div>
          <div className="progress-text">
            <span>{job.cancelling ? 'Cancelling…' : `Fitting · ${(elapsed / 1000).toFixed(1)} s`}</span>
            {job.progress && (
              <span className="muted">
                {job.progress.evaluations} evaluations
                {job.progress.objective != null && ` · criterion ${job.progress.objective.toFixed(3)}`}
              </span>
            )}
          </div>
          <button type="button" className="btn small" data-testid="cancel-fit" disabled={job.cancelling} onClick={() => void wb.cancelFit()}>
            Cancel <kbd>Esc</kbd>
          </button>
        </div>
      )}
    </div>
  );
}
