/** Plotly figures for the residual diagnostics (one function per plot; data from FitReport.diagnostics). */
import type { Layout, Trace } from 'plotly.js-dist-min';
import type { FitDiagnostics, GroupRanef } from '../../src-engine/shared';

/** The random-effects plots read only the conditional modes, which model.get carries. */
type WithRanef = { diagnostics?: { ranef: GroupRanef[] } };
import { caterpillar, qqLine, qqNormal, runningMean, sqrtAbsStandardized } from './diagnosticData';
import { axis, type Figure } from './figure';
import { binnedQuantiles, rankTransform, uniformQQ } from './simulatedData';

export type { Figure };

const POINT = { color: 'rgba(47,111,94,0.65)', size: 6, line: { width: 0 } };
const PICKED = { color: 'rgba(0,0,0,0)', size: 13, line: { width: 2.5, color: '#d1495b' } };
const TREND = { color: '#d1495b', width: 2 };
const REF = { color: '#8a9690', width: 1.2, dash: 'dash' };

/** SVG points are crisp and clickable everywhere; WebGL only where SVG would be slow. */
function pointType(n: number): string {
  return n > 5000 ? 'scattergl' : 'scatter';
}

function rowText(rows: number[]): string[] {
  return rows.map((r) => `row ${r + 1}`);
}

function picked(xs: number[], ys: number[], rows: number[], selected: number | null): Trace[] {
  if (selected == null) return [];
  const k = rows.indexOf(selected);
  if (k < 0) return [];
  return [{ type: 'scatter', mode: 'markers', x: [xs[k]], y: [ys[k]], marker: PICKED, hoverinfo: 'skip' }];
}

export function residualsVsFitted(d: FitDiagnostics, selected: number | null): Figure {
  const trend = runningMean(d.fitted, d.residuals);
  return {
    data: [
      {
        type: pointType(d.rows.length),
        mode: 'markers',
        x: d.fitted,
        y: d.residuals,
        customdata: d.rows,
        text: rowText(d.rows),
        hovertemplate: '%{text}<br>fitted %{x:.4g}<br>residual %{y:.4g}<extra></extra>',
        marker: POINT,
      },
      { type: 'scatter', mode: 'lines', x: trend.x, y: trend.y, line: TREND, hoverinfo: 'skip' },
      ...picked(d.fitted, d.residuals, d.rows, selected),
    ],
    layout: {
      title: { text: 'Residuals vs fitted' },
      xaxis: axis('Fitted values'),
      yaxis: axis('Residuals', { zeroline: true, zerolinewidth: 1.5 }),
    },
  };
}

export function normalQQ(d: FitDiagnostics, selected: number | null): Figure {
  const q = qqNormal(d.residuals);
  const rows = q.index.map((i) => d.rows[i]);
  const line = qqLine(d.residuals);
  const lo = q.theoretical[0] ?? -3;
  const hi = q.theoretical[q.theoretical.length - 1] ?? 3;
  return {
    data: [
      {
        type: pointType(d.rows.length),
        mode: 'markers',
        x: q.theoretical,
        y: q.sample,
        customdata: rows,
        text: rowText(rows),
        hovertemplate: '%{text}<br>theoretical %{x:.3f}<br>residual %{y:.4g}<extra></extra>',
        marker: POINT,
      },
      { type: 'scatter', mode: 'lines', x: [lo, hi], y: [line.intercept + line.slope * lo, line.intercept + line.slope * hi], line: REF, hoverinfo: 'skip' },
      ...picked(q.theoretical, q.sample, rows, selected),
    ],
    layout: { title: { text: 'Normal Q-Q of residuals' }, xaxis: axis('Theoretical quantiles'), yaxis: axis('Residuals') },
  };
}

export function scaleLocation(d: FitDiagnostics, sigma: number, selected: number | null): Figure {
  const y = sqrtAbsStandardized(d.residuals, sigma);
  const trend = runningMean(d.fitted, y);
  return {
    data: [
      {
        type: pointType(d.rows.length),
        mode: 'markers',
        x: d.fitted,
        y,
        customdata: d.rows,
        text: rowText(d.rows),
        hovertemplate: '%{text}<br>fitted %{x:.4g}<br>√|std. residual| %{y:.3f}<extra></extra>',
        marker: POINT,
      },
      { type: 'scatter', mode: 'lines', x: trend.x, y: trend.y, line: TREND, hoverinfo: 'skip' },
      ...picked(d.fitted, y, d.rows, selected),
    ],
    layout: { title: { text: 'Scale-location' }, xaxis: axis('Fitted values'), yaxis: axis('√|standardized residual|', { rangemode: 'tozero' }) },
  };
}

/** Grid layout for n panels, `cols` wide. */
function gridLayout(n: number, cols: number): { rows: number; columns: number; pattern: string; xgap: number; ygap: number } {
  return { rows: Math.ceil(n / cols), columns: Math.min(cols, n), pattern: 'independent', xgap: 0.12, ygap: 0.22 };
}

const axisKey = (i: number, a: 'x' | 'y') => (i === 0 ? a : `${a}${i + 1}`);
const layoutKey = (i: number, a: 'x' | 'y') => (i === 0 ? `${a}axis` : `${a}axis${i + 1}`);

export function ranefQQ(report: WithRanef): Figure {
  const panels = (report.diagnostics?.ranef ?? []).flatMap((g) => g.terms.map((t, j) => ({ g, t, j })));
  const cols = Math.min(3, panels.length);
  const data: Trace[] = [];
  const layout: Layout = { grid: gridLayout(panels.length, cols), title: { text: 'Normal Q-Q of random effects (BLUPs)' }, margin: { l: 70, r: 20, t: 60, b: 52 } };
  panels.forEach(({ g, t, j }, i) => {
    const values = g.values.map((v) => v[j]);
    const q = qqNormal(values);
    const line = qqLine(values);
    const lo = q.theoretical[0] ?? -2;
    const hi = q.theoretical[q.theoretical.length - 1] ?? 2;
    data.push({
      type: 'scatter',
      mode: 'markers',
      x: q.theoretical,
      y: q.sample,
      text: q.index.map((k) => `${g.group} ${g.levels[k]}`),
      hovertemplate: '%{text}<br>%{y:.4g}<extra></extra>',
      marker: POINT,
      xaxis: axisKey(i, 'x'),
      yaxis: axisKey(i, 'y'),
    });
    data.push({
      type: 'scatter',
      mode: 'lines',
      x: [lo, hi],
      y: [line.intercept + line.slope * lo, line.intercept + line.slope * hi],
      line: REF,
      hoverinfo: 'skip',
      xaxis: axisKey(i, 'x'),
      yaxis: axisKey(i, 'y'),
    });
    layout[layoutKey(i, 'x')] = axis(i >= panels.length - cols ? 'Theoretical quantiles' : '');
    layout[layoutKey(i, 'y')] = axis(`${g.group}: ${t}`);
  });
  return { data, layout, height: Math.max(360, Math.ceil(panels.length / Math.max(cols, 1)) * 320) };
}

export function caterpillarFigure(report: WithRanef): Figure {
  const panels = caterpillar(report.diagnostics?.ranef ?? []);
  const cols = Math.min(2, panels.length);
  const maxLevels = Math.max(1, ...panels.map((p) => p.levels.length));
  const data: Trace[] = [];
  const layout: Layout = { grid: gridLayout(panels.length, cols), title: { text: 'Random effects with 95% intervals' }, margin: { l: 70, r: 20, t: 60, b: 52 } };
  panels.forEach((p, i) => {
    data.push({
      type: 'scatter',
      mode: 'markers',
      x: p.value,
      y: p.levels.map((l) => `${l}\u200b`), // keep numeric-looking labels categorical
      error_x: { type: 'data', symmetric: false, array: p.upper.map((u, k) => u - p.value[k]), arrayminus: p.value.map((v, k) => v - p.lower[k]), color: '#7d8c86', thickness: 1.2, width: 0 },
      marker: { color: '#2f6f5e', size: 6 },
      hovertemplate: `${p.group} %{y}<br>${p.term}: %{x:.4g}<extra></extra>`,
      xaxis: axisKey(i, 'x'),
      yaxis: axisKey(i, 'y'),
    });
    layout[layoutKey(i, 'x')] = axis(`${p.group}: ${p.term}`, { zeroline: true, zerolinewidth: 1.5 });
    layout[layoutKey(i, 'y')] = axis('', { type: 'category', showticklabels: p.levels.length <= 60, tickfont: { size: 10 }, showgrid: false });
  });
  const rowsOfPanels = Math.ceil(panels.length / Math.max(cols, 1));
  return { data, layout, height: Math.max(360, rowsOfPanels * Math.min(900, 120 + maxLevels * 14)) };
}

/** DHARMa's uniform Q–Q plot of the simulated residuals of a GLMM. */
export function simulatedQQ(d: FitDiagnostics, selected: number | null): Figure | null {
  const scaled = d.simulatedResiduals;
  if (!scaled) return null;
  const q = uniformQQ(scaled);
  const rows = q.index.map((i) => d.rows[i]);
  return {
    data: [
      { type: pointType(rows.length), mode: 'markers', x: q.expected, y: q.observed, customdata: rows, text: rowText(rows), hovertemplate: '%{text}<br>expected %{x:.3f}<br>observed %{y:.3f}<extra></extra>', marker: POINT },
      { type: 'scatter', mode: 'lines', x: [0, 1], y: [0, 1], line: REF, hoverinfo: 'skip' },
      ...picked(q.expected, q.observed, rows, selected),
    ],
    layout: { title: { text: 'Simulated residuals: uniform Q-Q' }, xaxis: axis('Expected (uniform)'), yaxis: axis('Observed scaled residual') },
  };
}

/** DHARMa's residuals against rank-transformed predictions, with the 0.25/0.5/0.75 quantiles by bin. */
export function simulatedVsPredicted(d: FitDiagnostics, selected: number | null): Figure | null {
  const scaled = d.simulatedResiduals;
  if (!scaled) return null;
  const x = rankTransform(d.fitted);
  const bins = binnedQuantiles(x, scaled);
  return {
    data: [
      { type: pointType(d.rows.length), mode: 'markers', x, y: scaled, customdata: d.rows, text: rowText(d.rows), hovertemplate: '%{text}<br>predicted (rank) %{x:.3f}<br>scaled residual %{y:.3f}<extra></extra>', marker: POINT },
      ...[0.25, 0.5, 0.75].map((p) => ({ type: 'scatter', mode: 'lines', x: [0, 1], y: [p, p], line: REF, hoverinfo: 'skip' }) as Trace),
      ...bins.q.map((q) => ({ type: 'scatter', mode: 'lines', x: bins.x, y: q, line: TREND, hoverinfo: 'skip' }) as Trace),
      ...picked(x, scaled, d.rows, selected),
    ],
    layout: { title: { text: 'Simulated residuals vs predicted' }, xaxis: axis('Model prediction (rank transformed)'), yaxis: { ...axis('Scaled residual'), range: [-0.02, 1.02] } },
  };
}
