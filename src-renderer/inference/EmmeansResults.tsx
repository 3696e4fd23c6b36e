/** The means, their figure and the pairwise contrasts of one emmeans run, with the notes that say how they were computed. */
import type { EmmeansResult } from '../../src-main/api/contract';
import { Num } from '../results/Num';
import { StatTable, tTestColumns } from '../results/StatTable';
import { TableHeading } from '../results/TableActions';
import { builderModel } from './fixedFactors';
import { pct } from './LevelSelect';
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

export function EmmeansResults({ r, formula, digits }: { r: EmmeansResult; formula: string; digits: number }) {
  // What Download and Copy send: the means as shown, for the report layer's APA tables.
  const source = (e: EmmeansResult, table: 'means' | 'contrasts') => ({
    kind: 'emmeans' as const,
    emmeans: { factor: e.factor, by: e.by, emmeans: e.emmeans, contrasts: e.contrasts, adjust: e.adjust, level: e.level },
    response: builderModel(formula)?.response ?? 'the response',
    table,
    ddf: e.ddf,
  });
  return (
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
  );
}
