/** A running Bayesian fit: one bar per chain (warm-up, then sampling) and Cancel. */
import { useWorkbench } from '../app/context';
import { useBayes } from './bayesBench';

export function ChainProgress() {
  const wb = useWorkbench();
  const job = useBayes((s) => s.job);
  if (!job) return null;
  const { chains, iter } = job.settings;
  const warmup = job.settings.warmup ?? Math.floor(iter / 2);
  const per = job.progress?.chains ?? Array.from({ length: chains }, (_, chain) => ({ chain, iteration: 0, total: iter }));
  return (
    <div className="chain-progress" role="status" aria-live="polite" data-testid="bayes-progress">
      <p>
        <strong>{job.cancelling ? 'Cancelling…' : 'Sampling…'}</strong> <code>{job.label}</code>
      </p>
      <ul>
        {per.map((c) => {
          const phase = c.iteration >= c.total ? 'done' : c.iteration < warmup ? 'warm-up' : 'sampling';
          return (
            <li key={c.chain} data-testid={`chain-progress-${c.chain + 1}`} data-iteration={c.iteration}>
              <span className="small">Chain {c.chain + 1}</span>
              <div className="progress-track">
                <div className="progress-fill" style={{ width: `${(100 * c.iteration) / Math.max(1, c.total)}%` }} />
              </div>
              <span className="muted small">
                {c.iteration} / {c.total} ({phase})
              </span>
            </li>
          );
        })}
      </ul>
      <button type="button" className="btn small" data-testid="bayes-cancel" disabled={job.cancelling} onClick={() => void wb.bayes.cancel()}>
        Cancel <kbd>Esc</kbd>
      </button>
    </div>
  );
}
