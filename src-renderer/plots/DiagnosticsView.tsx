/** The diagnostic plots of the open fit, one at a time, picked from a row of tabs. */
import { useEffect, useMemo, useState } from 'react';
import type { StoredFitReport } from '../../src-main/api/contract';
import type { FitDiagnostics } from '../../src-engine/shared';
import { useWb, useWorkbench } from '../app/context';
import { diagnosticsFor } from './fitVectors';
import { PickedRowBar } from './PickedRowBar';
import { MAX_PANELS } from './groupPlots';
import { FigureExport } from './FigureExport';
import { Plot } from './Plot';
import { type Figure } from './residualPlots';
import { useDatasetRows } from './useDatasetRows';
import { EffectPlot } from './EffectPlot';
import { diagnosticFigure, type Kind, KINDS, NEEDS, offered, simulatedOf } from './diagnosticKinds';

/** The diagnostics a plot kind draws, fetched from model.vectors in pieces. */
function useDiagnostics(fitId: number | null, report: StoredFitReport | null, kind: Kind): { d: FitDiagnostics | null; error: string | null } {
  const wb = useWorkbench();
  const [state, setState] = useState<{ report: StoredFitReport | null; kind: Kind | null; d: FitDiagnostics | null; error: string | null }>({ report: null, kind: null, d: null, error: null });
  useEffect(() => {
    if (fitId === null || !report) return;
    let live = true;
    diagnosticsFor(wb.api, fitId, report, NEEDS[kind]).then(
      (d) => live && setState({ report, kind, d, error: null }),
      (e: unknown) => live && setState({ report, kind, d: null, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [wb, fitId, report, kind]);
  return state.report === report && state.kind === kind ? { d: state.d, error: state.error } : { d: null, error: null };
}

export function DiagnosticsView() {
  const wb = useWorkbench();
  const report = useWb((s) => s.openReport);
  const fitId = useWb((s) => s.openFitId);
  const selected = useWb((s) => s.selectedRow);
  const summary = useWb((s) => s.fits.find((f) => f.id === s.openFitId) ?? null);
  const dataset = useWb((s) => s.datasets.find((d) => d.id === summary?.datasetId) ?? null);
  const [kindPick, setKind] = useState<Kind | null>(null);
  // until a plot is picked, a count model opens on DHARMa's Q-Q, the others on residuals vs fitted; a
  // kind the open report does not offer falls back to the first it does
  const wanted: Kind = kindPick ?? (report?.tmb ? 'sim-qq' : 'resid');
  const kind: Kind = report && !offered(wanted, report) ? (KINDS.find((k) => offered(k.id, report))?.id ?? wanted) : wanted;
  const groups = report?.diagnostics?.ranef.map((g) => g.group) ?? [];
  const [groupPick, setGroup] = useState<string | null>(null);
  const group = groupPick && groups.includes(groupPick) ? groupPick : (groups[0] ?? null);
  const needRows = kind === 'group';
  const { rows, error: rowsError } = useDatasetRows(needRows ? dataset : null);
  const { d, error: vectorsError } = useDiagnostics(fitId, report, kind);
  const error = vectorsError ?? rowsError;

  const figure = useMemo<Figure | null>(() => (report && d ? diagnosticFigure(kind, report, d, selected, { rows, dataset, group }) : null), [report, d, kind, selected, rows, dataset, group]);

  if (!report?.diagnostics) return <NoDiagnostics report={report} />;
  const groupRanef = report.diagnostics.ranef.find((g) => g.group === group);
  const simulated = simulatedOf(report);
  const nLevels = groupRanef?.nLevels ?? groupRanef?.levels.length ?? 0;

  return (
    <div className="plots" data-testid="plots">
      <div className="plots-head">
      <nav className="subtabs" aria-label="Diagnostic plots">
        {KINDS.filter((k) => offered(k.id, report)).map((k) => (
          <button key={k.id} type="button" className={kind === k.id ? 'on' : ''} aria-pressed={kind === k.id} data-testid={`plot-${k.id}`} onClick={() => setKind(k.id)}>
            {k.label}
          </button>
        ))}
        {kind === 'group' && groups.length > 1 && (
          <select aria-label="Grouping factor" value={group ?? ''} onChange={(e) => setGroup(e.target.value)}>
            {groups.map((g) => (
              <option key={g}>{g}</option>
            ))}
          </select>
        )}
      </nav>
        {figure && <FigureExport figure={figure} name={KINDS.find((k) => k.id === kind)?.label ?? 'figure'} />}
      </div>
      <PickedRowBar testId="picked-row" />
      {summary?.dataChanged && kind === 'group' && (
        <div className="banner info">The data changed after this fit; the panels pair the fit with today’s data.</div>
      )}
      {kind === 'group' && !figure && <p className="muted">{error ? `Could not read the data: ${error}` : dataset ? 'Reading the data…' : 'The dataset of this fit is no longer in the project.'}</p>}
      {kind === 'effect' && fitId != null && <EffectPlot fitId={fitId} formula={report.formula} columns={dataset?.columns ?? []} />}
      {report.tmb?.diagnosticsNote && (
        <p className="muted small" data-testid="plots-count-reason">
          {report.tmb.diagnosticsNote}
        </p>
      )}
      {kind !== 'group' && kind !== 'effect' && !figure && (
        <p className="muted" data-testid="plot-loading">
          {vectorsError ? `Could not read the fitted values: ${vectorsError}` : 'Reading the fitted values…'}
        </p>
      )}
      {figure && <Plot data={figure.data} layout={figure.layout} height={figure.height} onPickRow={(r) => wb.selectRow(r)} testId={`plot-view-${kind}`} />}
      {kind === 'group' && nLevels > MAX_PANELS && <p className="muted small">Showing the first {MAX_PANELS} of {nLevels} levels.</p>}
      {kind.startsWith('sim') && simulated && <SimulatedNote simulated={simulated} kind={kind} countModel={Boolean(report.tmb)} />}
      <p className="muted small plot-hint">
        {kind === 'effect'
          ? 'Hover a curve to read its values.'
          : kind === 'sim-disp' || kind === 'sim-zero'
          ? 'Each bar counts simulations of the fitted model; the red line is the data.'
          : kind === 'reqq' || kind === 'cater'
          ? 'Each point is one level of the grouping factor (its conditional mode, or BLUP); hover to see which.'
          : kind === 'nlme-vario'
          ? 'Each point is the mean semivariance of the pairs in a distance bin (hover for how many); the red line is the fitted correlation structure.'
          : kind === 'nlme-acf'
          ? 'Bars: autocorrelation of the normalized residuals at each lag; dashed lines: ±1.96/√N.'
          : 'Hover a point to see its row; click it to select that row in the data grid.'}
      </p>
    </div>
  );
}

/** Why there are no plots: nothing open, a count model saved without residuals, or a result stored without them. */
function NoDiagnostics({ report }: { report: StoredFitReport | null }) {
  if (!report) {
    return (
      <div className="empty-state" data-testid="plots-empty">
        <h2>No result to plot</h2>
        <p className="muted">Fit a model, or open one from the history, to see its diagnostic plots.</p>
      </div>
    );
  }
  if (report.tmb && !report.diagnostics) {
    return (
      <div className="empty-state" data-testid="plots-count-model">
        <h2>No diagnostic plots for this count model</h2>
        <p className="muted" data-testid="plots-count-reason">
          {report.tmb.diagnosticsNote ?? 'This count model was saved before its residuals were stored; fit it again to plot them.'} Its summary tables are complete; compare it with other
          families by AIC in the model history.
        </p>
      </div>
    );
  }
  return (
    <div className="empty-state">
      <h2>No diagnostics stored</h2>
      <p className="muted">This result was saved without residuals and random effects. Fit it again to plot them.</p>
    </div>
  );
}

/** What DHARMa's simulated residuals are, what the test shown does, and the readings of the tests. */
function SimulatedNote({ simulated, kind, countModel }: { simulated: NonNullable<ReturnType<typeof simulatedOf>>; kind: Kind; countModel: boolean }) {
  return (
    <div className="sim-tests" data-testid="dharma-tests">
      <p className="small">
        Simulated (DHARMa) residuals from {simulated.nsim} simulations of the fitted model (seed {simulated.seed}
        {countModel ? ', new random effects in each, as glmmTMB’s simulate()' : ''}): each observation's place among its simulations, uniform on [0, 1] when the model is right.
        {kind === 'sim-disp' ? ' The dispersion test sets the observed spread of the residuals (red) among the simulated spreads.' : ''}
        {kind === 'sim-zero' ? ' The zero-inflation test sets the observed number of zeros (red) among the simulated numbers.' : ''}
      </p>
      <ul>
        {simulated.readings.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
    </div>
  );
}
