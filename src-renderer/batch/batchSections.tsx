/**
 * The two parts of a batch's results: its summary (what ran, progress, counts of flags, stop,
 * resume, export) and its units for one coefficient (filters, p-value histogram, volcano plot and
 * the table, whose units open as ordinary fits).
 */
import { fmtNum, fmtP } from '../../src-engine/shared';
import { axis, baseLayout, Plot } from '../plots/Plot';
import type { BatchRun, BatchState } from './batchRun';
import { type FlagFilter, type pHistogram, type SortKey, type UnitRow, type volcanoPoints } from './batchTable';

const MAX_ROWS_SHOWN = 500;

type Detail = NonNullable<BatchState['detail']>;
type Summary = Detail['summary'];

function Histogram({ counts, term }: { counts: number[]; term: string }) {
  const x = counts.map((_, i) => (i + 0.5) / 20);
  return (
    <Plot
      testId="batch-phist"
      height={260}
      data={[{ type: 'bar', x, y: counts, width: 0.05, marker: { color: '#4f7d6e' }, hovertemplate: 'p in [%{x:.3f} ± 0.025]: %{y} units<extra></extra>' }]}
      layout={{ ...baseLayout, title: { text: `p-values of ${term}` }, xaxis: axis('p', { range: [0, 1] }), yaxis: axis('units'), bargap: 0.02 }}
    />
  );
}

function Volcano({ points, term, onPick }: { points: ReturnType<typeof volcanoPoints>; term: string; onPick: (unit: string) => void }) {
  return (
    <Plot
      testId="batch-volcano"
      height={260}
      onPickRow={(k) => points[k] && onPick(points[k].unit)}
      data={[
        {
          // SVG up to a few thousand points (no WebGL needed); WebGL beyond, where SVG would crawl
          type: points.length > 5000 ? 'scattergl' : 'scatter',
          mode: 'markers',
          x: points.map((p) => p.x),
          y: points.map((p) => p.y),
          text: points.map((p) => p.unit),
          customdata: points.map((_, k) => k),
          marker: { size: 6, color: points.map((p) => (p.significant ? '#b5462f' : '#8fa39b')) },
          hovertemplate: '%{text}<br>estimate %{x:.3g}<br>−log10 q %{y:.3g}<extra></extra>',
        },
      ]}
      layout={{ ...baseLayout, title: { text: `Volcano: ${term}` }, xaxis: axis('estimate'), yaxis: axis('−log10 q (BH)') }}
    />
  );
}

export function BatchSummary({ run, st, summary, detail }: { run: BatchRun; st: BatchState; summary: Summary; detail: Detail }) {
  return (
    <section className="result-block" data-testid="batch-summary">
      <p>
        <code>{summary.spec.formula}</code> ({summary.spec.family}{summary.bayesSeparated ? `; separated units also fitted as brms would, ${summary.bayesSeparated.iter} iterations, seed ${summary.bayesSeparated.seed}` : ''}) on{' '}
        <strong>{summary.datasetName}</strong>,{' '}
        {'by' in summary.split ? `one unit per ${summary.split.by}` : `one unit per column matching ${summary.split.responses}`}:{' '}
        <span data-testid="batch-progress">
          {st.progress ? `${st.progress.done} of ${st.progress.total} units fitted…` : `${summary.unitsDone} of ${summary.unitsTotal} units fitted`}
        </span>
        {summary.finishedAt ? '.' : summary.jobId ? '' : ' (stopped).'}
      </p>
      <p className="small" data-testid="batch-counts">
        {detail.counts.fitted} fitted, {detail.counts.failed} could not be fitted; flags: {detail.counts.notConverged} not converged,{' '}
        {detail.counts.singular} singular, {detail.counts.separation} separated, {detail.counts.overdispersed} overdispersed,{' '}
        {detail.counts.tooFew} with too few observations.
      </p>
      {summary.dataChanged && <div className="banner info">The data have changed since this batch ran; its results describe the data as they were.</div>}
      <div className="row-actions">
        {summary.jobId && (
          <button type="button" className="btn small" data-testid="batch-cancel" onClick={() => void run.cancel()}>
            Stop
          </button>
        )}
        {!summary.jobId && !summary.finishedAt && !summary.dataChanged && (
          <button type="button" className="btn small" data-testid="batch-resume" onClick={() => void run.resume(summary.id)}>
            Resume
          </button>
        )}
        <button type="button" className="btn small" data-testid="batch-export" onClick={() => void run.exportTable(summary.id, 'csv')}>
          Export CSV
        </button>
        <button type="button" className="btn small" data-testid="batch-export-parquet" onClick={() => void run.exportTable(summary.id, 'parquet')}>
          Export Parquet
        </button>
        <button type="button" className="btn small" onClick={() => void run.remove(summary.id)}>
          Delete
        </button>
      </div>
    </section>
  );
}

interface UnitsProps {
  run: BatchRun;
  st: BatchState;
  summary: Summary;
  terms: string[];
  rows: UnitRow[];
  hist: ReturnType<typeof pHistogram> | null;
  volcano: ReturnType<typeof volcanoPoints>;
  digits: number;
}

export function BatchUnits({ run, st, summary, terms, rows, hist, volcano, digits }: UnitsProps) {
  const sortBy = (key: SortKey) => run.setTable({ sort: key, descending: st.table.sort === key ? !st.table.descending : false });
  const head = (key: SortKey, label: string) => (
    <th scope="col" className={key === 'unit' ? '' : 'num'}>
      <button type="button" className="link-btn" onClick={() => sortBy(key)} data-testid={`batch-sort-${key}`}>
        {label}
        {st.table.sort === key ? (st.table.descending ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  );
  return (
    <section className="result-block">
      <div className="row-actions">
        <label className="small">
          Coefficient{' '}
          <select aria-label="Coefficient" data-testid="batch-term" value={st.table.term} onChange={(e) => run.setTable({ term: e.target.value })}>
            {terms.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label className="small">
          Show{' '}
          <select aria-label="Units shown" data-testid="batch-filter" value={st.table.filter} onChange={(e) => run.setTable({ filter: e.target.value as FlagFilter })}>
            <option value="all">all units</option>
            <option value="clean">units without flags</option>
            <option value="flagged">flagged units</option>
            <option value="failed">units that failed</option>
          </select>
        </label>
        <label className="check small">
          <input type="checkbox" data-testid="batch-qfilter" checked={st.table.qBelow !== null} onChange={(e) => run.setTable({ qBelow: e.target.checked ? 0.05 : null })} /> q (BH) &lt; 0.05 only
        </label>
      </div>
      <div className="batch-plots">
        {hist && <Histogram counts={hist.counts} term={st.table.term} />}
        <Volcano points={volcano} term={st.table.term} onPick={(u) => void run.openUnit(u)} />
      </div>
      <p className="muted small">
        {rows.length} unit{rows.length === 1 ? '' : 's'} shown{rows.length > MAX_ROWS_SHOWN ? ` (the first ${MAX_ROWS_SHOWN}; export the CSV for all)` : ''}. Click a unit to fit it on its own and open its results.
      </p>
      <table className="result-table" data-testid="batch-table">
        <thead>
          <tr>
            {head('unit', 'Unit')}
            {head('estimate', 'Estimate')}
            <th scope="col" className="num">Std. error</th>
            {head('pValue', 'p')}
            {head('qBH', 'q (BH)')}
            {summary.bayesSeparated && (
              <th scope="col" className="num" title="Separated units: brms's posterior mean and 95% interval (normal(0, 2.5) on b)">
                Bayesian [95% CI]
              </th>
            )}
            <th scope="col">Flags</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, MAX_ROWS_SHOWN).map((r) => (
            <tr key={r.unit} data-unit={r.unit} className={r.status === 'error' ? 'failed' : r.flags.length ? 'flagged' : ''} title={r.reason || undefined}>
              <th scope="row">
                <button type="button" className="link-btn" onClick={() => void run.openUnit(r.unit)}>
                  {r.unit}
                </button>
              </th>
              <td className="num">{r.estimate === null ? '' : fmtNum(r.estimate, digits)}</td>
              <td className="num">{r.stdError === null ? '' : fmtNum(r.stdError, digits)}</td>
              <td className="num">{fmtP(r.pValue)}</td>
              <td className="num" data-value={r.qBH ?? ''}>{fmtP(r.qBH)}</td>
              {summary.bayesSeparated && (
                <td className="num" data-testid="batch-bayes-cell" data-value={r.bayes?.estimate ?? ''}>
                  {r.bayes ? `${fmtNum(r.bayes.estimate, digits)} [${fmtNum(r.bayes.lower95, digits)}, ${fmtNum(r.bayes.upper95, digits)}]` : ''}
                </td>
              )}
              <td className="small">{r.flags.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
