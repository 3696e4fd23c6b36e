/**
 * Plots of a stored Bayesian fit, from its stored draws (never resampled): trace, rank, posterior
 * density with its 95% interval, and pairs for a chosen pair of quantities.
 */
import { useEffect, useMemo, useState } from 'react';
import type { BayesDraws, BayesReportWire } from '../../src-main/api/contract';
import { useWorkbench } from '../app/context';
import { FigureExport } from '../plots/FigureExport';
import { axis, Plot } from '../plots/Plot';
import { densityTraces, pairsTraces, rankTraces, traceTraces } from './bayesPlotData';

type Kind = 'trace' | 'rank' | 'density' | 'pairs';
const KINDS: { id: Kind; label: string }[] = [
  { id: 'trace', label: 'Trace' },
  { id: 'rank', label: 'Rank' },
  { id: 'density', label: 'Density' },
  { id: 'pairs', label: 'Pairs' },
];

export function BayesPlots({ bayesId, report }: { bayesId: number; report: BayesReportWire }) {
  const wb = useWorkbench();
  const rows = useMemo(() => [...report.fixed, ...report.random.flatMap((g) => g.rows), ...report.spec], [report]);
  const names = rows.map((r) => r.parameter);
  const [kind, setKind] = useState<Kind>('trace');
  const [a, setA] = useState(names[0] ?? '');
  const [b, setB] = useState(names[1] ?? names[0] ?? '');
  const [draws, setDraws] = useState<BayesDraws | null>(null);
  const [error, setError] = useState<string | null>(null);
  // the pair is part of the request only for the pairs plot
  const wanted = kind === 'pairs' ? `${a}\u0000${b}` : a;

  useEffect(() => {
    let live = true;
    setDraws(null);
    wb.api.bayes
      .draws({ bayesId, parameters: wanted.split('\u0000') })
      .then((d) => live && (setDraws(d), setError(null)))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [wb, bayesId, wanted]);

  const figure = useMemo(() => {
    if (!draws || draws.parameters[0] !== a) return null;
    const row = rows.find((r) => r.parameter === a)!;
    if (kind === 'trace') return { data: traceTraces(draws.chains, 0, draws.warmup), layout: { title: { text: `Trace of ${a}` }, showlegend: true, xaxis: axis('iteration'), yaxis: axis(a) } };
    if (kind === 'rank') return { data: rankTraces(draws.chains, 0), layout: { title: { text: `Rank plot of ${a} (chains overlaid)` }, showlegend: true, xaxis: axis('rank of the pooled draws'), yaxis: axis('draws per bin', { rangemode: 'tozero' }) } };
    if (kind === 'density')
      return {
        data: densityTraces(draws.chains, 0, { lower: row['l-95% CI'], upper: row['u-95% CI'], estimate: row.Estimate }),
        layout: { title: { text: `Posterior of ${a}: mean ${row.Estimate.toPrecision(4)}, 95% CI [${row['l-95% CI'].toPrecision(4)}, ${row['u-95% CI'].toPrecision(4)}]` }, xaxis: axis(a), yaxis: axis('density', { rangemode: 'tozero' }) },
      };
    if (draws.parameters[1] !== b) return null;
    return { data: pairsTraces(draws.chains), layout: { title: { text: `${a} against ${b} (divergent draws in red)` }, showlegend: true, xaxis: axis(a), yaxis: axis(b) } };
  }, [draws, kind, a, b, rows]);

  return (
    <section className="bayes-plots" data-testid="bayes-plots">
      <div className="row-actions">
        <div className="segmented" role="tablist" aria-label="Plot">
          {KINDS.map((k) => (
            <button key={k.id} type="button" role="tab" aria-selected={kind === k.id} className={kind === k.id ? 'on' : ''} data-testid={`bayes-plot-${k.id}`} onClick={() => setKind(k.id)}>
              {k.label}
            </button>
          ))}
        </div>
        <label className="small">
          quantity{' '}
          <select data-testid="bayes-plot-param" value={a} onChange={(e) => setA(e.target.value)}>
            {names.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        {kind === 'pairs' && (
          <label className="small">
            against{' '}
            <select data-testid="bayes-plot-param2" value={b} onChange={(e) => setB(e.target.value)}>
              {names.map((n) => (
                <option key={n}>{n}</option>
              ))}
            </select>
          </label>
        )}
      </div>
      {error && <div className="banner error">{error}</div>}
      {figure ? (
        <>
          <Plot data={figure.data} layout={figure.layout} testId={`bayes-plot-view-${kind}`} height={380} />
          <FigureExport figure={figure} name={`${kind} ${a}`} />
        </>
      ) : (
        !error && <p className="muted small">Reading the draws…</p>
      )}
    </section>
  );
}
