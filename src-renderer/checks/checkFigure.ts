/**
 * The boxplot of the check: residuals of the fixed-effects-only model by level of one candidate
 * factor (levels and points from boxData.ts), as a Plotly figure whose points carry their data row.
 */
import type { Layout, Trace } from 'plotly.js-dist-min';
import { axis } from '../plots/Plot';
import type { Figure } from '../plots/residualPlots';
import { boxLevels, boxPoints, type BoxLevels, type CandidateResult } from './boxData';

/** Above this many residuals only outliers are drawn as points (thousands of SVG points are slow). */
const MAX_POINTS = 5000;

export function residualBoxplot(c: CandidateResult, fixedFormula: string, selected: number | null): Figure & { levels: BoxLevels } {
  const levels = boxLevels(c.groups);
  const { x, y, rows } = boxPoints(levels.shown);
  const data: Trace[] = [
    {
      type: 'box',
      x,
      y,
      customdata: rows,
      text: rows.map((r) => `row ${r + 1}`),
      hoverinfo: 'x+y+text',
      boxpoints: y.length > MAX_POINTS ? 'outliers' : 'all',
      jitter: 0.35,
      pointpos: 0,
      quartilemethod: 'inclusive', // Tukey's hinges, as R's boxplot()
      fillcolor: 'rgba(47,111,94,0.16)',
      line: { color: '#2f6f5e', width: 1.3 },
      marker: { color: 'rgba(47,111,94,0.55)', size: 4 },
    },
  ];
  const k = selected == null ? -1 : rows.indexOf(selected);
  if (k >= 0) {
    data.push({
      type: 'scatter',
      mode: 'markers',
      x: [x[k]],
      y: [y[k]],
      marker: { color: 'rgba(0,0,0,0)', size: 13, line: { width: 2.5, color: '#d1495b' } },
      hoverinfo: 'skip',
    });
  }
  const many = levels.shown.length > 24;
  const layout: Layout = {
    title: { text: `Residuals of ${fixedFormula} by ${c.factor}`, font: { size: 13 } },
    xaxis: axis(`${c.factor} (sorted by median residual)`, {
      type: 'category',
      categoryorder: 'array',
      categoryarray: levels.shown.map((g) => g.level),
      tickangle: many ? -60 : 'auto',
      tickfont: { size: many ? 9 : 11 },
      showgrid: false,
    }),
    yaxis: axis('Residual (fixed effects only)', { zeroline: true, zerolinewidth: 1.5 }),
    margin: { l: 64, r: 16, t: 40, b: many ? 90 : 56 },
  };
  return { data, layout, height: 360, levels };
}
