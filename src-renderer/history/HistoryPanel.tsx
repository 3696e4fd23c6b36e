/**
 * The project's model history: every fit with its formula, options, time, key numbers and status.
 * Open, rename, annotate, delete; tick two or more to compare.
 */
import { useState } from 'react';
import type { FitSummary } from '../../src-main/api/contract';
import { useWb, useWorkbench } from '../app/context';
import { fmtNum } from '../../src-engine/shared';
import { ProjectNotes } from './ProjectNotes';
import { DeleteConfirm, ItemActions, RenameForm } from './ItemEdits';
import { BayesHistory } from '../bayes/BayesHistory';
import { familyLabel } from '../model/families';

function Status({ f }: { f: FitSummary }) {
  const tags: { cls: string; text: string; title: string }[] = [];
  if (f.singular) tags.push({ cls: 'warn', text: 'singular', title: 'Singular fit: a variance is 0 or a correlation ±1' });
  if (!f.converged) tags.push({ cls: 'bad', text: 'not converged', title: 'The optimizer did not converge' });
  if (f.dataChanged) tags.push({ cls: 'info', text: 'data changed', title: 'The data changed after this fit' });
  if (tags.length === 0) return <span className="tag ok">ok</span>;
  return (
    <>
      {tags.map((t) => (
        <span key={t.text} className={`tag ${t.cls}`} title={t.title}>
          {t.text}
        </span>
      ))}
    </>
  );
}

function HistoryItem({ f, open, checked, showDataset }: { f: FitSummary; open: boolean; checked: boolean; showDataset: boolean }) {
  const wb = useWorkbench();
  const [mode, setMode] = useState<'view' | 'rename' | 'note' | 'delete'>('view');
  const [note, setNote] = useState(f.note);
  const when = new Date(f.createdAt);
  return (
    <li className={`hist-item${open ? ' open' : ''}`} data-testid="history-item" data-fit-id={f.id}>
      <div className="hist-top">
        <input type="checkbox" checked={checked} aria-label={`Compare ${f.name}`} data-testid="compare-check" onChange={() => wb.toggleCompare(f.id)} />
        <button type="button" className="hist-name" onClick={() => void wb.openFit(f.id)} title="Open this result">
          {f.name}
        </button>
        {f.damaged && (
          <span className="warn small" data-testid="fit-damaged" title={`This record is damaged in the project file: ${f.damaged}. It is kept as it is; fit the model again.`}>
            damaged
          </span>
        )}
        <span className="muted small" title={when.toLocaleString()}>
          {when.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
        </span>
      </div>
      <code className="hist-formula" title={f.spec.formula}>
        {f.spec.formula}
      </code>
      <div className="hist-meta">
        {showDataset && <span title="dataset">{f.datasetName}</span>}
        {f.spec.subset && <span title="only these rows (R's subset)">{`${f.spec.subset.column} = ${f.spec.subset.value}`}</span>}
        {f.spec.filter && (
          <span className="hist-filter" title="fitted to the rows where this is TRUE (R's subset())" data-testid="hist-filter">
            rows: {f.spec.filter}
          </span>
        )}
        {f.spec.tmb ? (
          <span data-testid="hist-count" title="A count model fitted as glmmTMB">
            glmmTMB {familyLabel(f.spec)}
          </span>
        ) : (
          <span>{f.spec.family !== 'gaussian' || (f.spec.link ?? 'identity') !== 'identity' ? familyLabel(f.spec) : f.spec.reml ? 'REML' : 'ML'}</span>
        )}
        {f.spec.nlme && (
          <span data-testid="hist-nlme" title={[f.spec.nlme.random, f.spec.nlme.weights, f.spec.nlme.correlation].filter(Boolean).join(', ')}>
            {f.spec.nlme.random ? 'nlme::lme' : 'nlme::gls'}
          </span>
        )}
        {f.aic == null && f.spec.tmb ? (
          <span data-testid="hist-aic-na" title="No log-likelihood: glmmTMB gives logLik() = NA when the Hessian is not positive definite (see the result's advice)">
            AIC NA
          </span>
        ) : (
          <span>AIC {fmtNum(f.aic, 6)}</span>
        )}
        <span>N {f.nobs}</span>
        <Status f={f} />
      </div>
      {f.note && mode !== 'note' && <p className="hist-note">{f.note}</p>}
      {mode === 'view' && (
        <ItemActions onRename={() => setMode('rename')} onDelete={() => setMode('delete')}>
          <button type="button" className="link-btn" onClick={() => setMode('note')}>
            {f.note ? 'Edit note' : 'Add note'}
          </button>
          <button type="button" className="link-btn" onClick={() => wb.editFitSpec(f.id)}>
            To builder
          </button>
        </ItemActions>
      )}
      {mode === 'rename' && <RenameForm name={f.name} onSave={(name) => wb.renameFit(f.id, name)} onDone={() => setMode('view')} />}
      {mode === 'note' && (
        <form
          className="note-form"
          onSubmit={(e) => {
            e.preventDefault();
            void wb.annotateFit(f.id, note).then(() => setMode('view'));
          }}
        >
          <textarea autoFocus rows={3} value={note} aria-label="Note" onChange={(e) => setNote(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && setMode('view')} />
          <div className="row-actions">
            <button type="submit" className="btn small">
              Save note
            </button>
            <button type="button" className="btn small" onClick={() => setMode('view')}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {mode === 'delete' && <DeleteConfirm question="Delete this model?" onDelete={() => void wb.deleteFit(f.id)} onKeep={() => setMode('view')} />}
    </li>
  );
}

export function HistoryPanel() {
  const wb = useWorkbench();
  const fits = useWb((s) => s.fits);
  const openFitId = useWb((s) => s.openFitId);
  const compareIds = useWb((s) => s.compare.fitIds);
  const manyDatasets = new Set(fits.map((f) => f.datasetName)).size > 1;
  const ordered = [...fits].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
  return (
    <aside className="history" aria-label="Model history" data-testid="history">
      <div className="history-head">
        <h3 className="section-label">History</h3>
        <button
          type="button"
          className="btn small"
          disabled={compareIds.length < 2}
          data-testid="compare-button"
          title={compareIds.length < 2 ? 'Tick two or more models to compare them' : undefined}
          onClick={() => void wb.runCompare()}
        >
          Compare{compareIds.length ? ` (${compareIds.length})` : ''}
        </button>
      </div>
      {ordered.length === 0 ? (
        <p className="muted small history-empty">Every model you fit is kept here, with its numbers, so you can come back to it and compare.</p>
      ) : (
        <ul className="hist-list">
          {ordered.map((f) => (
            <HistoryItem key={f.id} f={f} open={f.id === openFitId} checked={compareIds.includes(f.id)} showDataset={manyDatasets} />
          ))}
        </ul>
      )}
      <BayesHistory />
      <ProjectNotes />
    </aside>
  );
}
