/**
 * The open result, or why there is none: nothing fitted yet, fitting, failed, cancelled, loading.
 */
import { useWb, useWorkbench } from '../app/context';
import { InferencePanel } from '../inference/InferencePanel';
import { RefitBayesBanner } from '../bayes/RefitBayesBanner';
import { NlmeResults } from '../nlme/NlmeResults';
import { CountResults } from './CountResults';
import { LearnPanel } from '../learn/LearnPanel';
import { AdvicePanel } from './AdvicePanel';
import { FitBanners } from './FitBanners';
import { ResultsHeader } from './ResultsHeader';
import { warnsOfConvergence } from '../../src-engine/shared';
import { AnovaTable, FitStatistics, FixedEffectsTable, GlmmChecks, OriginalScaleTable, RandomEffectsTable, WaldAnovaTable } from './ResultTables';

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

  return (
    <div className="results" data-testid="results">
      <ResultsHeader report={report} summary={summary} openFitId={openFitId} />

      {learn && !report.nlme && !report.tmb && <LearnPanel report={report} fitId={openFitId} />}

      {summary?.dataChanged && (
        <div className="banner info">The data have changed since this fit; the result describes the data as they were. Fit again to update.</div>
      )}

      <FitBanners report={report} />

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
