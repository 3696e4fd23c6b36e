/**
 * brms's pp_check for the open Bayesian fit (issue 12): the density of the response over the
 * densities of replicated data sets drawn from the posterior predictive distribution, and optionally
 * the proportion (binomial) or mean by a chosen column against its replicated spread.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ColumnInfo, PpCheckShape } from '../../src-main/api/contract';
import { useWorkbench } from '../app/context';
import { FigureExport } from '../plots/FigureExport';
import { Plot } from '../plots/Plot';
import { densityOverlayFigure, groupedStatFigure } from './ppCheckFigures';
import { HeadCells } from '../results/HeadCells';

export function BayesPpCheck({ bayesId, columns }: { bayesId: number; columns: readonly ColumnInfo[] }) {
  const wb = useWorkbench();
  const [ndraws, setNdraws] = useState(10);
  const [group, setGroup] = useState<string>('');
  const factors = columns.filter((c) => c.type === 'factor' || c.type === 'text' || c.type === 'logical').map((c) => c.name);
  const key = `${bayesId}/${ndraws}/${group}`;
  const [state, setState] = useState<{ key: string; pc: PpCheckShape | null; error: string | null } | null>(null);
  useEffect(() => {
    let live = true;
    wb.api.bayes.ppCheck({ bayesId, ndraws, group: group || null }).then(
      (pc) => live && setState({ key, pc, error: null }),
      (err: unknown) => live && setState({ key, pc: null, error: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      live = false;
    };
  }, [wb, bayesId, ndraws, group, key]);
  const current = state?.key === key ? state : null;
  const overlay = useMemo(() => (current?.pc ? densityOverlayFigure(current.pc) : null), [current]);
  const grouped = useMemo(() => (current?.pc ? groupedStatFigure(current.pc) : null), [current]);
  const g = current?.pc?.grouped;
  return (
    <section className="bayes-plots" data-testid="bayes-ppcheck">
      <div className="row-actions">
        <strong className="small">Posterior predictive check</strong>
        <label className="small">
          replicated data sets{' '}
          <input type="number" min={1} max={100} value={ndraws} aria-label="Replicated data sets" data-testid="ppcheck-ndraws" onChange={(e) => setNdraws(Math.min(100, Math.max(1, Math.round(Number(e.target.value)) || 1)))} style={{ width: '4.5em' }} />
        </label>
        <label className="small">
          by{' '}
          <select value={group} aria-label="Group the check by" data-testid="ppcheck-group" onChange={(e) => setGroup(e.target.value)}>
            <option value="">(no grouping)</option>
            {factors.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </label>
        {overlay && <FigureExport figure={overlay} name="posterior predictive check" />}
      </div>
      {!current && <p className="muted small">Drawing replicated data…</p>}
      {current?.error && <div className="banner warning">{current.error}</div>}
      {overlay && <Plot data={overlay.data} layout={overlay.layout} testId="ppcheck-density" height={320} />}
      {current?.pc && (
        <p className="muted small">
          As brms&apos;s pp_check(fit, ndraws = {current.pc.ndraws}): if the model describes the data, the dark curve (y) looks like one of the light ones (y_rep, new data drawn from the posterior predictive
          distribution with each draw&apos;s group-level effects).
        </p>
      )}
      {grouped && g && (
        <>
          <div className="row-actions">
            <FigureExport figure={grouped} name={`posterior predictive ${g.statistic} by ${g.group}`} />
          </div>
          <Plot data={grouped.data} layout={grouped.layout} testId="ppcheck-grouped" height={320} />
          <table className="result-table" data-testid="ppcheck-grouped-table">
            <thead>
              <tr>
                <HeadCells heads={[g.group, `observed ${g.statistic}`, 'y_rep median', 'y_rep 2.5%', 'y_rep 97.5%', 'P(T(y_rep) ≥ T(y))']} />
              </tr>
            </thead>
            <tbody>
              {g.levels.map((l) => (
                <tr key={l.level}>
                  <td className="left">{l.level}</td>
                  <td>{l.observed.toPrecision(4)}</td>
                  <td>{l.q50.toPrecision(4)}</td>
                  <td>{l.q025.toPrecision(4)}</td>
                  <td>{l.q975.toPrecision(4)}</td>
                  <td>{l.pValue.toFixed(3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">
            A posterior predictive p-value near 0 or 1 for a group means the model rarely produces that group&apos;s {g.statistic} — a sign it misses something there (overdispersion, a missing term).
          </p>
        </>
      )}
    </section>
  );
}
