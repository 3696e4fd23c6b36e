/**
 * The boxplot of the check: residuals of the fixed-effects-only model by level of one candidate
 * factor, levels sorted by median so a between-level trend reads at a glance. Very many levels keep
 * the extremes (lowest and highest medians); the table's numbers always use every level.
 */
import type { Layout, Trace } from 'plotly.js-dist-min';
import type { CandidateCheck } from '../../src-main/api/contract';
import { axis } from '../plots/Plot';
import type { Figure } from '../plots/residualPlots';

export type CandidateResult = CandidateCheck['candidates'][number];
type Group = CandidateResult['groups'][number];

export const MAX_BOXES = 60;
/** Above this many residuals only outliers are drawn as points (thousands of SVG points are slow). */
const MAX_POINTS = 5000;

/** R's median(). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface BoxLevels {
  /** Groups to draw, in axis order (ascending median). */
  shown: Group[];
  /** Levels with residuals; levels with no observations are never drawn. */
  total: number;
  /** True when the middle levels were left out. */
  trimmed: boolean;
}

export function boxLevels(groups: readonly Group[], max = MAX_BOXES): BoxLevels {
  const withData = groups.filter((g) => g.residuals.length > 0).map((g) => ({ g, m: median(g.residuals) }));
  withData.sort((a, b) => a.m - b.m || (a.g.level < b.g.level ? -1 : 1));
  const sorted = withData.map((x) => x.g);
  if (sorted.length <= max) return { shown: sorted, total: sorted.length, trimmed: false };
  const low = Math.ceil(max / 2);
  return { shown: [...sorted.slice(0, low), ...sorted.slice(sorted.length - (max - low))], total: sorted.length, trimmed: true };
}

export function residualBoxplot(c: CandidateResult, fixedFormula: string, selected: number | null): Figure & { levels: BoxLevels } {
  const levels = boxLevels(c.groups);
  const x: string[] = [];
  const y: number[] = [];
  const rows: number[] = [];
  for (const g of levels.shown) {
    g.residuals.forEach((r, k) => {
      x.push(g.level);
      y.push(r);
      rows.push(g.rows[k]);
    });
  }
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
