/** The Bayesian models of the project in the history panel: open (stored, never resampled), rename, delete. */
import { useState } from 'react';
import type { BayesFitSummary } from '../../src-main/api/contract';
import { useWorkbench } from '../app/context';
import { useBayes } from './bayesBench';

function Item({ f, open }: { f: BayesFitSummary; open: boolean }) {
  const wb = useWorkbench();
  const [mode, setMode] = useState<'view' | 'rename' | 'delete'>('view');
  const [name, setName] = useState(f.name);
  const iter = f.settings.iter;
  return (
    <li className={`hist-item${open ? ' open' : ''}`} data-testid="bayes-history-item" data-bayes-id={f.id}>
      <div className="hist-top">
        <button type="button" className="hist-name" data-testid="bayes-history-open" onClick={() => void wb.bayes.open(f.id)} title="Open this result">
          {f.name}
        </button>
      </div>
      <code className="hist-formula" title={f.spec.formula}>
        {f.spec.formula}
      </code>
      <div className="hist-meta">
        <span>brms {f.spec.family}</span>
        <span>
          {f.settings.chains} × {iter}
        </span>
        <span>N {f.nobs}</span>
        {f.divergent > 0 ? <span className="tag warn">{f.divergent} divergent</span> : null}
        {f.maxRhat === null || f.maxRhat > 1.01 ? <span className="tag bad">R̂ &gt; 1.01</span> : <span className="tag ok">R̂ ok</span>}
        {f.dataChanged && <span className="tag info">data changed</span>}
      </div>
      {mode === 'view' && (
        <div className="hist-actions">
          <button type="button" className="link-btn" onClick={() => setMode('rename')}>
            Rename
          </button>
          <button type="button" className="link-btn danger" onClick={() => setMode('delete')}>
            Delete
          </button>
        </div>
      )}
      {mode === 'rename' && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void wb.bayes.rename(f.id, name.trim()).then(() => setMode('view'));
          }}
        >
          <input autoFocus value={name} aria-label="Model name" onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && setMode('view')} />
          <button type="submit" className="btn small" disabled={!name.trim()}>
            Save
          </button>
        </form>
      )}
      {mode === 'delete' && (
        <div className="row-actions">
          <span className="small">Delete this model and its draws?</span>
          <button type="button" className="btn danger small" onClick={() => void wb.bayes.remove(f.id)}>
            Delete
          </button>
          <button type="button" className="btn small" onClick={() => setMode('view')}>
            Keep
          </button>
        </div>
      )}
    </li>
  );
}

export function BayesHistory() {
  const fits = useBayes((s) => s.fits);
  const openId = useBayes((s) => s.openId);
  if (fits.length === 0) return null;
  const ordered = [...fits].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
  return (
    <div className="bayes-history" data-testid="bayes-history">
      <h3 className="section-label">Bayesian models</h3>
      <ul className="hist-list">
        {ordered.map((f) => (
          <Item key={f.id} f={f} open={f.id === openId} />
        ))}
      </ul>
    </div>
  );
}
