/**
 * The batch view: fit the builder's model to every unit (a locus per value of a column, or a
 * species per response column), follow its progress, then read the units — a table filtered by
 * flags and q, a p-value histogram and a volcano plot for the chosen coefficient — and open any
 * unit as an ordinary fit. Stopped batches resume where they stopped.
 */
import { useEffect, useMemo, useState } from 'react';
import { useWb, useWorkbench } from '../app/context';
import { activeDataset } from '../app/state';
import { batchRunFor, useBatch } from './batchRun';
import { pHistogram, unitRows, volcanoPoints } from './batchTable';
import { BatchSummary, BatchUnits } from './batchSections';

function StartForm() {
  const wb = useWorkbench();
  const run = batchRunFor(wb);
  const dataset = useWb(activeDataset);
  const formula = useWb((s) => s.formulaText);
  const family = useWb((s) => s.options.family);
  const busy = useBatch(run, (s) => s.busy);
  const [mode, setMode] = useState<'by' | 'responses'>('by');
  const [by, setBy] = useState('');
  const [glob, setGlob] = useState('');
  const [bayes, setBayes] = useState(false);
  const canBayes = family === 'binomial' || family === 'poisson';
  const groups = (dataset?.columns ?? []).filter((c) => c.type === 'factor' || c.type === 'text');
  const column = by || groups[0]?.name || '';
  const ready = dataset && formula.trim() && (mode === 'by' ? column : glob.trim());
  return (
    <section className="result-block" data-testid="batch-start">
      <h3>New batch</h3>
      <p className="muted small">
        Fits the model in the builder — <code>{formula || '(no formula yet)'}</code>, {family} — to every unit on all cores. A unit that cannot be
        fitted keeps its error; the rest go on.
      </p>
      <div className="row-actions">
        <label className="check small">
          <input type="radio" checked={mode === 'by'} onChange={() => setMode('by')} /> one unit per value of
        </label>
        <select aria-label="Unit column" data-testid="batch-by" value={column} disabled={mode !== 'by'} onChange={(e) => setBy(e.target.value)}>
          {groups.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name} ({c.type === 'factor' ? `${c.levels.length} levels` : 'text'})
            </option>
          ))}
        </select>
        <label className="check small">
          <input type="radio" checked={mode === 'responses'} onChange={() => setMode('responses')} /> one unit per response column matching
        </label>
        <input aria-label="Response columns" data-testid="batch-responses" placeholder="sp_*" value={glob} disabled={mode !== 'responses'} onChange={(e) => setGlob(e.target.value)} />
        <button type="button" className="btn primary small" data-testid="batch-run" disabled={!ready || busy} onClick={() => void run.start(mode === 'by' ? { by: column } : { responses: glob.trim() }, canBayes && bayes)}>
          Run batch
        </button>
      </div>
      {canBayes && (
        <label className="check small">
          <input type="checkbox" data-testid="batch-bayes" checked={bayes} onChange={(e) => setBayes(e.target.checked)} /> also fit each separated unit as brms would
          (normal(0, 2.5) on b, 4 chains × 1000 iterations by NUTS; glmer&apos;s result is kept beside it)
        </label>
      )}
    </section>
  );
}

export function BatchView() {
  const wb = useWorkbench();
  const run = batchRunFor(wb);
  const project = useWb((s) => s.project);
  const digits = useWb((s) => s.settings?.digits ?? 4);
  const st = useBatch(run, (s) => s);
  useEffect(() => {
    if (project) void run.refresh();
    else run.clear();
  }, [project, run]);

  const detail = st.detail;
  const terms = useMemo(() => detail?.units.find((u) => u.coefficients.length)?.coefficients.map((c) => c.term) ?? [], [detail]);
  const rows = useMemo(() => (detail ? unitRows(detail.units, st.table) : []), [detail, st.table]);
  const hist = useMemo(() => (detail ? pHistogram(detail.units, st.table.term) : null), [detail, st.table.term]);
  const volcano = useMemo(() => (detail ? volcanoPoints(detail.units, st.table.term) : []), [detail, st.table.term]);
  if (!project) return <div className="empty-state"><h2>No project</h2><p className="muted">Open or import a dataset first.</p></div>;

  const summary = detail?.summary;

  return (
    <div className="batch" data-testid="batch-view">
      <header className="results-head">
        <h2>Batch</h2>
        {st.batches.length > 0 && (
          <label className="small">
            Batch{' '}
            <select aria-label="Batch" data-testid="batch-select" value={st.selectedId ?? ''} onChange={(e) => void run.select(Number(e.target.value))}>
              {st.batches.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name} — {b.unitsDone}/{b.unitsTotal}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      <StartForm />
      {st.error && <div className="banner warning" role="alert">{st.error}</div>}
      {summary && detail && (
        <>
          <BatchSummary run={run} st={st} summary={summary} detail={detail} />
          {terms.length > 0 && <BatchUnits run={run} st={st} summary={summary} terms={terms} rows={rows} hist={hist} volcano={volcano} digits={digits} />}
        </>
      )}
    </div>
  );
}
