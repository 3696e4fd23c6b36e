/**
 * The open result, or why there is none: nothing fitted yet, fitting, failed, cancelled, loading.
 */
import { useWb, useWorkbench } from '../app/context';
import { InferencePanel } from '../inference/InferencePanel';
import { fitMessages } from './fitMessages';
import { ReportMenu } from './ReportMenu';
import { SimplifyActions } from './SimplifyActions';
import { RefitBayesBanner } from '../bayes/RefitBayesBanner';
import { NlmeResults, nlmeTitle } from '../nlme/NlmeResults';
import { CountResults, countTitle } from './CountResults';
import { LearnPanel } from '../learn/LearnPanel';
import { AdvicePanel } from './AdvicePanel';
import { warnsOfConvergence } from '../../src-engine/shared';
import { AnovaTable, FitStatistics, FixedEffectsTable, GlmmChecks, OriginalScaleTable, RandomEffectsTable, WaldAnovaTable } from './ResultTables';

/** How glmer evaluated the likelihood, in its own words. */
function glmmMethod(nAGQ: number): string {
  if (nAGQ === 0) return 'nAGQ = 0';
  return nAGQ === 1 ? 'Laplace Approximation' : `Adaptive Gauss-Hermite Quadrature, nAGQ = ${nAGQ}`;
}

function EmptyState({ title, children, testId }: { title: string; children?: React.ReactNode; testId?: string }) {
  return (
    <div className="empty-state" data-testid={testId}>
      <h2>{title}</h2>
      {children}
    </div>
  );
}

export function ResultsView() {
  const wb = useWorkbench();
  const report = useWb((s) => s.openReport);
  const loading = useWb((s) => s.openReportLoading);
  const openFitId = useWb((s) => s.openFitId);
  const summary = useWb((s) => s.fits.find((f) => f.id === s.openFitId) ?? null);
  const outcome = useWb((s) => s.lastOutcome);
  const job = useWb((s) => s.job);
  const digits = useWb((s) => s.settings?.digits ?? 4);
  const learn = useWb((s) => s.learn);

  if (job && !report) {
    return (
      <EmptyState title="Fitting…" testId="results-fitting">
        <p className="muted">
          <code>{job.label}</code>
        </p>
        <p className="muted">The result appears here when the fit finishes. You can keep working meanwhile.</p>
      </EmptyState>
    );
  }
  if (outcome) {
    return (
      <div className={`outcome ${outcome.state}`} data-testid={`outcome-${outcome.state}`} role="status">
        <h2>{outcome.state === 'cancelled' ? 'Fit cancelled' : 'The fit did not succeed'}</h2>
        <p>
          <code>{outcome.formula}</code>
        </p>
        <p>{outcome.message}</p>
        {outcome.state === 'failed' && (
          <p className="muted">Check the formula and the column types (grouping factors must be factors), then fit again.</p>
        )}
        {openFitId != null && report && (
          <button type="button" className="btn" onClick={() => wb.store.set({ lastOutcome: null })}>
            Back to the last result
          </button>
        )}
      </div>
    );
  }
  if (loading) return <EmptyState title="Opening the result…" />;
  if (!report) {
    return (
      <EmptyState title="No model fitted yet" testId="results-empty">
        <p className="muted">
          Build a model on the left — choose a response, fixed effects and a grouping factor — and press <strong>Fit model</strong>{' '}
          (Ctrl/⌘+Enter).
        </p>
      </EmptyState>
    );
  }

  const messages = fitMessages(report);
  return (
    <div className="results" data-testid="results">
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

      {learn && !report.nlme && !report.tmb && <LearnPanel report={report} fitId={openFitId} />}

      {summary?.dataChanged && (
        <div className="banner info">The data have changed since this fit; the result describes the data as they were. Fit again to update.</div>
      )}

      {messages.map((m, i) => (
        <div key={i} className={`banner ${m.level}`} role={m.level === 'warning' ? 'alert' : undefined} data-testid={m.title === 'Singular fit' ? 'singular-message' : undefined}>
          <strong>{m.title}.</strong> {m.body}
          {m.tryThis.length > 0 && (
            <ul>
              {m.tryThis.map((t) => (
                <li key={t}>{t}</li>
              ))}
            </ul>
          )}
          {m.title === 'Singular fit' && <SimplifyActions formula={report.formula} />}
        </div>
      ))}

      {report.glmm?.separation && openFitId != null && <RefitBayesBanner fitId={openFitId} family={report.family} />}

      {!report.nlme && !report.tmb && openFitId != null && (
        <AdvicePanel fitId={openFitId} singular={report.singular} warned={warnsOfConvergence(report)} digits={digits} />
      )}

      {report.nlme && <NlmeResults r={report} digits={digits} fitId={openFitId} />}
      {report.tmb && <CountResults r={report} digits={digits} fitId={openFitId} />}
      {!report.nlme && !report.tmb && (
      <div className="results-grid">
        <div>
          <FixedEffectsTable r={report} digits={digits} fitId={openFitId} />
          <OriginalScaleTable r={report} digits={digits} />
          <AnovaTable r={report} digits={digits} type={summary?.spec.anovaType ?? null} fitId={openFitId} />
          <WaldAnovaTable r={report} digits={digits} />
        </div>
        <div>
          <RandomEffectsTable r={report} digits={digits} fitId={openFitId} />
          <FitStatistics r={report} digits={digits} />
          <GlmmChecks r={report} digits={digits} onAddObservationEffect={openFitId != null ? () => void wb.addObservationLevelEffect(openFitId) : undefined} />
        </div>
      </div>

      )}

      {summary && !report.nlme && !report.tmb && <InferencePanel key={summary.id} summary={summary} formula={report.formula} coefficients={report.fixed.map((f) => f.term)} digits={digits} />}
    </div>
  );
}
