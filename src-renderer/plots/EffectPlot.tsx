/**
 * The effect plot (issue 17): the model's prediction over one numeric predictor with its confidence
 * band, a curve per level of a chosen factor, the other columns held as the note says (ggeffects'
 * ggpredict); on the response scale for GLMMs. Exported like every figure.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ColumnInfo, EffectsShape } from '../../src-main/api/contract';
import { predictorColumns } from '../../src-engine/shared';
import { useWorkbench } from '../app/context';
import { FigureExport } from './FigureExport';
import { axis, Plot } from './Plot';
import type { Figure } from './residualPlots';

const COLORS = ['#2f6f5e', '#d1495b', '#edae49', '#00798c', '#6b4e71', '#8d6a3f'];

function alpha(hex: string, a: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${n >> 16},${(n >> 8) & 255},${n & 255},${a})`;
}

/** The curves with their bands; a frequentist effect plot and brms's conditional effects draw alike. */
export function effectFigure(e: Pick<EffectsShape, 'x' | 'by' | 'response' | 'curves'>): Figure {
  const data = e.curves.flatMap((c, k) => {
    const color = COLORS[k % COLORS.length];
    const name = c.level ?? e.response;
    return [
      { type: 'scatter', mode: 'lines', x: [...c.x, ...[...c.x].reverse()], y: [...c.upper, ...[...c.lower].reverse()], fill: 'toself', fillcolor: alpha(color, 0.18), line: { width: 0 }, hoverinfo: 'skip', showlegend: false, name },
      { type: 'scatter', mode: 'lines', x: c.x, y: c.estimate, line: { color, width: 2 }, name, hovertemplate: `${e.x} = %{x:.4g}<br>${e.response} = %{y:.4g}<extra>${c.level ?? ''}</extra>` },
    ];
  });
  return {
    data,
    layout: {
      xaxis: axis(e.x),
      yaxis: axis(`Predicted ${e.response}`),
      showlegend: e.by !== null,
      legend: { title: { text: e.by ?? '' } },
    },
  };
}

/** The covariate to draw over and the factor to split by, among a model's predictors (the effect plots' two choices). */
export function useEffectPicks(vars: readonly string[], columns: readonly ColumnInfo[]) {
  const type = (n: string) => columns.find((c) => c.name === n)?.type;
  const numeric = vars.filter((v) => type(v) === 'numeric');
  const factors = vars.filter((v) => type(v) === 'factor');
  const [xPick, setX] = useState('');
  const [byPick, setBy] = useState('');
  const x = numeric.includes(xPick) ? xPick : (numeric[0] ?? '');
  const by = factors.includes(byPick) ? byPick : null;
  return { numeric, factors, x, by, setX, setBy };
}

export function EffectPickers({ picks, label, ariaLabel = label, testId }: { picks: ReturnType<typeof useEffectPicks>; label: string; ariaLabel?: string; testId: string }) {
  const { numeric, factors, x, by, setX, setBy } = picks;
  return (
    <>
      <label className="small">
        {label}{' '}
        <select aria-label={ariaLabel} value={x} onChange={(e) => setX(e.target.value)} data-testid={`${testId}-x`}>
          {numeric.map((v) => (
            <option key={v}>{v}</option>
          ))}
        </select>
      </label>
      {factors.length > 0 && (
        <label className="small">
          a curve per level of{' '}
          <select aria-label="A curve per level of" value={by ?? ''} onChange={(e) => setBy(e.target.value)} data-testid={`${testId}-by`}>
            <option value="">— one curve</option>
            {factors.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
        </label>
      )}
    </>
  );
}

export function EffectPlot({ fitId, formula, columns }: { fitId: number; formula: string; columns: readonly ColumnInfo[] }) {
  const wb = useWorkbench();
  const vars = useMemo(() => {
    try {
      return predictorColumns(formula).columns;
    } catch {
      return [];
    }
  }, [formula]);
  const picks = useEffectPicks(vars, columns);
  const { x, by } = picks;
  const [state, setState] = useState<{ key: string; e: EffectsShape | null; error: string | null } | null>(null);
  const key = `${fitId}/${x}/${by ?? ''}`;
  useEffect(() => {
    if (!x) return;
    let live = true;
    wb.api.model.effects({ fitId, x, by }).then(
      (e) => live && setState({ key, e, error: null }),
      (err: unknown) => live && setState({ key, e: null, error: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      live = false;
    };
  }, [wb, fitId, x, by, key]);
  const current = state?.key === key ? state : null;
  const figure = useMemo(() => (current?.e ? effectFigure(current.e) : null), [current]);
  if (!x) return <p className="muted" data-testid="effect-none">The model has no numeric predictor to draw an effect over; its factors are in Inference → Marginal means.</p>;
  return (
    <div data-testid="effect-plot">
      <div className="row-actions">
        <EffectPickers picks={picks} label="Effect of" testId="effect" />
        {figure && <FigureExport figure={figure} name={`effect of ${x}`} />}
      </div>
      {!current && <p className="muted">Predicting…</p>}
      {current?.error && <div className="banner warning">{current.error}</div>}
      {figure && <Plot data={figure.data} layout={figure.layout} testId="plot-view-effect" />}
      {current?.e && (
        <p className="muted small" data-testid="effect-note">
          Population-level predictions (random effects at 0) with {Math.round(current.e.level * 100)} % confidence bands
          {current.e.held.length ? `; ${current.e.held.join(', ')}` : ''}. As ggeffects’ ggpredict; the same numbers as Inference → Predict.
        </p>
      )}
    </div>
  );
}
