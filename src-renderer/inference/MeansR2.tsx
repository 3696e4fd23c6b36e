/**
 * Estimated marginal means of a fixed-effect factor with pairwise contrasts (emmeans-style, Tukey /
 * Holm / no adjustment), and the variance explained: ICC and Nakagawa's marginal/conditional R².
 */
import { useState } from 'react';
import type { ColumnInfo, EmmeansResult, R2Result } from '../../src-main/api/contract';
import { useWorkbench } from '../app/context';
import { Num } from '../results/Num';
import { StatTable, tTestColumns } from '../results/StatTable';
import { TableHeading } from '../results/TableActions';
import { builderModel, fixedFactors } from './fixedFactors';
import { DdfSelect, type Ddf, effectiveDdf } from './DdfSelect';
import { LevelSelect, pct } from './LevelSelect';
import { useRun } from './useRun';
import { FigureExport } from '../plots/FigureExport';
import { axis, Plot } from '../plots/Plot';
import type { Figure } from '../plots/residualPlots';

const MEAN_COLORS = ['#2f6f5e', '#d1495b', '#edae49', '#00798c', '#6b4e71', '#8d6a3f'];

/** The means with their confidence limits as points and error bars, one series per level of `by` (an interaction plot). */
export function emmeansFigure(r: EmmeansResult, response: string): Figure {
  const series = r.by ? [...new Set(r.emmeans.map((e) => e.by ?? ''))] : [''];
  return {
    data: series.map((s, k) => {
      const rows = r.emmeans.filter((e) => (e.by ?? '') === s);
      return {
        type: 'scatter',
        mode: r.by ? 'lines+markers' : 'markers',
        name: s || r.factor,
        x: rows.map((e) => e.level),
        y: rows.map((e) => e.emmean),
        error_y: { type: 'data', symmetric: false, array: rows.map((e) => (e.upperCL ?? e.emmean) - e.emmean), arrayminus: rows.map((e) => e.emmean - (e.lowerCL ?? e.emmean)), thickness: 1.5, width: 6 },
        marker: { size: 8, color: MEAN_COLORS[k % MEAN_COLORS.length] },
        line: { color: MEAN_COLORS[k % MEAN_COLORS.length] },
      };
    }),
    layout: { xaxis: axis(r.factor, { type: 'category' }), yaxis: axis(`${response} (marginal mean)`), showlegend: Boolean(r.by), legend: { title: { text: r.by ?? '' } } },
  };
}

const ADJUST = [
  { id: 'tukey', label: 'Tukey' },
  { id: 'holm', label: 'Holm' },
  { id: 'none', label: 'none' },
] as const;

type EmmeansProps = { fitId: number; formula: string; columns: readonly ColumnInfo[]; reml: boolean; digits: number; disabled: boolean };

export function EmmeansPanel({ fitId, formula, columns, reml, digits, disabled }: EmmeansProps) {
  const wb = useWorkbench();
  const factors = fixedFactors(formula, columns);
  const [picked, setFactor] = useState(factors[0] ?? '');
  const factor = factors.includes(picked) ? picked : (factors[0] ?? '');
  const [adjust, setAdjust] = useState<EmmeansResult['adjust']>('tukey');
  const [chosenDdf, setDdf] = useState<Ddf>('satterthwaite');
  const ddf = effectiveDdf(chosenDdf, reml);
  const [level, setLevel] = useState(0.95);
  const [pickedBy, setBy] = useState('');
  const byChoices = factors.filter((f) => f !== factor);
  const by = byChoices.includes(pickedBy) ? pickedBy : null; // emmeans' pairwise ~ factor | by
  const [state, run] = useRun<EmmeansResult>();
  if (factors.length === 0) return <p className="muted small" data-testid="emmeans-none">The model has no factor among its fixed effects, so there are no marginal means to compare.</p>;
  const r = state.result;
  // What Download and Copy send: the means as shown, for the report layer's APA tables.
  const source = (e: EmmeansResult, table: 'means' | 'contrasts') => ({
    kind: 'emmeans' as const,
    emmeans: { factor: e.factor, by: e.by, emmeans: e.emmeans, contrasts: e.contrasts, adjust: e.adjust, level: e.level },
    response: builderModel(formula)?.response ?? 'the response',
    table,
    ddf: e.ddf,
  });
  return (
    <div data-testid="emmeans-panel">
      <div className="row-actions">
        <select aria-label="Factor" value={factor} onChange={(e) => setFactor(e.target.value)} data-testid="emmeans-factor">
          {factors.map((f) => (
            <option key={f}>{f}</option>
          ))}
        </select>
        {byChoices.length > 0 && (
          <select aria-label="Compare within" value={by ?? ''} onChange={(e) => setBy(e.target.value)} data-testid="emmeans-by">
            <option value="">over all levels of the other factors</option>
            {byChoices.map((f) => (
              <option key={f} value={f}>
                within each level of {f}
              </option>
            ))}
          </select>
        )}
        <select aria-label="p-value adjustment" value={adjust} onChange={(e) => setAdjust(e.target.value as EmmeansResult['adjust'])}>
          {ADJUST.map((a) => (
            <option key={a.id} value={a.id}>
              {a.id === 'none' ? 'no adjustment' : `${a.label} adjustment`}
            </option>
          ))}
        </select>
        <DdfSelect chosen={chosenDdf} reml={reml} onChange={setDdf} testId="emmeans-ddf" />
        <LevelSelect level={level} onChange={setLevel} />
        <button type="button" className="btn small primary" disabled={disabled || state.status === 'loading' || !factor} onClick={() => void run(() => wb.api.model.emmeans({ fitId, factor, by, adjust, ddf, level }))} data-testid="emmeans-run">
          Compute means
        </button>
        {state.status === 'loading' && <span className="muted small">Computing…</span>}
      </div>
      {state.status === 'error' && <div className="banner warning">{state.error}</div>}
      {r && (
        <>
          <TableHeading title="Estimated marginal means" source={source(r, 'means')} name="emmeans" />
          <StatTable
            testId="emmeans-table"
            rows={r.emmeans}
            rowKey={(e) => `${e.by ?? ''}/${e.level}`}
            rowProps={(e) => (e.by !== undefined && e.level === r.emmeans[0].level ? { className: 'group-start' } : {})}
            columns={[
              !!r.by && { head: r.by, cell: (e) => <td>{e.by}</td> },
              { head: r.factor, cell: (e) => <th scope="row">{e.level}</th>, text: true },
              { head: 'Mean', cell: (e) => <Num x={e.emmean} digits={digits} /> },
              { head: 'SE', cell: (e) => <Num x={e.SE} digits={digits} /> },
              { head: 'df', cell: (e) => <Num x={e.df} digits={digits} kind="df" /> },
              { head: 'lower CL', cell: (e) => <Num x={e.lowerCL} digits={digits} /> },
              { head: 'upper CL', cell: (e) => <Num x={e.upperCL} digits={digits} /> },
            ]}
          />
          <div className="block-head">
            <h4>The means with their {pct(r.level)} confidence limits</h4>
            <FigureExport figure={emmeansFigure(r, builderModel(formula)?.response ?? 'response')} name={`${r.factor} marginal means`} />
          </div>
          <Plot {...emmeansFigure(r, builderModel(formula)?.response ?? 'response')} height={300} testId="emmeans-plot" />
          <TableHeading title="Pairwise contrasts" source={source(r, 'contrasts')} name="emmeans-contrasts" />
          <StatTable
            testId="contrasts-table"
            rows={r.contrasts}
            rowKey={(c) => `${c.by ?? ''}/${c.contrast}`}
            rowProps={(c) => (c.by !== undefined && c.contrast === r.contrasts[0].contrast ? { className: 'group-start' } : {})}
            columns={[
              !!r.by && { head: r.by, cell: (c) => <td>{c.by}</td> },
              { head: 'Contrast', cell: (c) => <th scope="row">{c.contrast}</th>, text: true },
              ...tTestColumns(digits, { estimate: 'estimate', se: 'SE', df: 'df', t: 'tRatio', p: 'pValue' }).map((c, k) =>
                // GLMMs on the response scale: the contrasts are odds or rate ratios, tested by z
                r.ratio && k === 0 ? { ...c, head: r.ratio === 'odds ratio' ? 'Odds ratio' : 'Ratio' } : r.type && k === 3 ? { ...c, head: 'z' } : c,
              ),
            ]}
          />
          {(r.notes ?? []).map((n) => (
            <p key={n} className="banner warning" data-testid="emmeans-note">
              {n}: {r.factor} interacts with another variable, so its means are averaged over (or taken at the mean of) that variable. Consider the means within
              each level of it (“within” above).
            </p>
          ))}
          <p className="table-note">
            Means {r.by ? `within each level of ${r.by}, ` : ''}averaged over the other factors with covariates at their means, {pct(r.level)} confidence limits,{' '}
            {r.type ? `asymptotic (z) tests on the ${r.type} scale` : `${r.ddf === 'kenward-roger' ? 'Kenward–Roger' : 'Satterthwaite'} df`}; p-values{' '}
            {r.adjust === 'tukey' ? 'Tukey-adjusted' : r.adjust === 'holm' ? 'Holm-adjusted' : 'not adjusted'}
            {r.by ? ` within each level of ${r.by}` : ` for ${r.contrasts.length} comparisons`}, as emmeans(m, pairwise ~ {r.factor}
            {r.by ? ` | ${r.by}` : ''}).
          </p>
        </>
      )}
    </div>
  );
}

export function R2Panel({ fitId, digits, disabled }: { fitId: number; digits: number; disabled: boolean }) {
  const wb = useWorkbench();
  const [state, run] = useRun<R2Result>();
  const r = state.result;
  return (
    <div data-testid="r2-panel">
      <div className="row-actions">
        <button type="button" className="btn small primary" disabled={disabled || state.status === 'loading'} onClick={() => void run(() => wb.api.model.r2({ fitId }))} data-testid="r2-run">
          Compute R² and ICC
        </button>
        {state.status === 'loading' && <span className="muted small">Computing…</span>}
      </div>
      {state.status === 'error' && <div className="banner warning">{state.error}</div>}
      {r && (
        <>
          <table className="result-table kv" data-testid="r2-table">
            <tbody>
              <tr>
                <th scope="row">Marginal R² (fixed effects)</th>
                <Num x={r.marginal} digits={Math.min(digits, 4)} />
              </tr>
              <tr>
                <th scope="row">Conditional R² (fixed + random)</th>
                <Num x={r.conditional} digits={Math.min(digits, 4)} />
              </tr>
              {(r.icc ?? []).map((g) => (
                <tr key={g.group}>
                  <th scope="row">ICC: {g.group}</th>
                  <Num x={g.icc} digits={Math.min(digits, 4)} />
                </tr>
              ))}
            </tbody>
          </table>
          <p className="table-note">
            R² as Nakagawa &amp; Schielzeth (2013), with Johnson (2014) for random slopes.{' '}
            {r.icc ? 'ICC: the share of the total variance due to each grouping factor.' : 'The ICC is reported for random-intercept models only.'}
          </p>
        </>
      )}
    </div>
  );
}
