/** The open result's heading: its name, formula, subset, the method line as R prints it, and the result's actions. */
import type { FitSummary, StoredFitReport } from '../../src-main/api/contract';
import { useWb, useWorkbench } from '../app/context';
import { nlmeTitle } from '../nlme/NlmeResults';
import { countTitle } from './CountResults';
import { ReportMenu } from './ReportMenu';

/** How glmer evaluated the likelihood, in its own words. */
function glmmMethod(nAGQ: number): string {
  if (nAGQ === 0) return 'nAGQ = 0';
  return nAGQ === 1 ? 'Laplace Approximation' : `Adaptive Gauss-Hermite Quadrature, nAGQ = ${nAGQ}`;
}

export function ResultsHeader({ report, summary, openFitId }: { report: StoredFitReport; summary: FitSummary | null; openFitId: number | null }) {
  const wb = useWorkbench();
  const digits = useWb((s) => s.settings?.digits ?? 4);
  const learn = useWb((s) => s.learn);
  return (
    <header className="results-head">
      <div>
        <h2>{summary?.name ?? 'Model'}</h2>
        <p className="formula-line">
          <code>{report.formula}</code>
          {summary?.spec.subset && (
            <span className="muted small" data-testid="fit-subset">
              {' '}
              subset: {summary.spec.subset.column} = {summary.spec.subset.value}
            </span>
          )}
          {summary?.spec.filter && (
            <span className="muted small" data-testid="fit-filter">
              {' '}
              rows where {summary.spec.filter}
            </span>
          )}
        </p>
        <p className="muted small">
          {report.nlme
            ? nlmeTitle(report)
            : report.tmb
            ? countTitle(report)
            : report.glmm
            ? `Generalized linear mixed model fit by maximum likelihood (${glmmMethod(report.glmm.nAGQ)}) · Family: ${report.family} (${report.link})`
            : `Linear mixed model fit by ${report.method === 'REML' ? 'REML' : 'maximum likelihood'}`}
          {summary && ` · ${summary.datasetName} · ${new Date(summary.createdAt).toLocaleString()}`}
          {report.optimizer && ` · ${report.optimizer.name}, ${report.optimizer.evaluations} evaluations`}
          {` · ${report.timing.fitMs < 1000 ? `${Math.round(report.timing.fitMs)} ms` : `${(report.timing.fitMs / 1000).toFixed(1)} s`}`}
        </p>
      </div>
      <div className="results-actions">
        {!report.nlme && !report.tmb && (
          <button type="button" className={`btn small${learn ? ' on' : ''}`} aria-pressed={learn} data-testid="learn-toggle" title="Explain each number in place" onClick={() => wb.store.set({ learn: !learn })}>
            Learn
          </button>
        )}
        <label className="small">
          Digits{' '}
          <select aria-label="Significant digits" value={digits} onChange={(e) => void wb.setDigits(Number(e.target.value))}>
            {[3, 4, 5, 6, 7, 8].map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        {openFitId != null && (
          <button type="button" className="btn small" onClick={() => wb.editFitSpec(openFitId)}>
            Edit in builder
          </button>
        )}
        {openFitId != null && <ReportMenu fitId={openFitId} />}
        <button type="button" className="btn small" onClick={() => void wb.exportCurrent()} title="The full result as quadrat.fit/1 JSON">
          Export JSON
        </button>
      </div>
    </header>
  );
}
