/**
 * Exploratory plots before modelling (issue 17), from the dataset's rows: a histogram, a box plot by
 * factor, a scatter plot with R's lowess smoother, and the lme4 paper's lattice plot — the response
 * against a covariate, one panel per group, each with its own least-squares line — the plot that shows
 * whether intercepts and slopes vary between groups.
 */
import type { Cell, ColumnInfo } from '../../src-main/api/contract';
import { lowess } from '../../src-engine/shared';
import { axis, type Figure } from '../plots/figure';

type Trace = Figure['data'][number];
type Layout = Figure['layout'];

export const MAX_LATTICE_PANELS = 36;
const GREEN = '#2f6f5e';
const RED = '#d1495b';

function index(columns: readonly ColumnInfo[], name: string): number {
  return columns.findIndex((c) => c.name === name);
}

const num = (v: Cell): number => (typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : NaN);
const label = (v: Cell): string | null => (v === null || v === undefined ? null : String(v));

export function histogram(columns: readonly ColumnInfo[], rows: Cell[][], y: string): Figure {
  const k = index(columns, y);
  const values = rows.map((r) => num(r[k])).filter(Number.isFinite);
  return { data: [{ type: 'histogram', x: values, marker: { color: 'rgba(47,111,94,0.7)', line: { color: '#ffffff', width: 1 } } }], layout: { xaxis: axis(y), yaxis: axis('Count'), bargap: 0.02 } };
}

export function boxByFactor(columns: readonly ColumnInfo[], rows: Cell[][], y: string, by: string): Figure {
  const ky = index(columns, y);
  const kb = index(columns, by);
  const levels = columns[kb].levels.length ? columns[kb].levels : [...new Set(rows.map((r) => label(r[kb])).filter((l): l is string => l !== null))];
  return {
    data: levels.map((lvl) => {
      const ys = rows.filter((r) => label(r[kb]) === lvl).map((r) => num(r[ky])).filter(Number.isFinite);
      return { type: 'box', name: lvl, y: ys, boxpoints: 'outliers', marker: { color: GREEN, size: 4 }, line: { color: GREEN, width: 1.5 }, fillcolor: 'rgba(47,111,94,0.15)' };
    }),
    layout: { xaxis: axis(by, { type: 'category' }), yaxis: axis(y) },
  };
}

export function scatterSmooth(columns: readonly ColumnInfo[], rows: Cell[][], y: string, x: string): Figure {
  const ky = index(columns, y);
  const kx = index(columns, x);
  const xs = rows.map((r) => num(r[kx]));
  const ys = rows.map((r) => num(r[ky]));
  const smooth = lowess(xs, ys);
  return {
    data: [
      { type: 'scatter', mode: 'markers', x: xs, y: ys, marker: { color: 'rgba(47,111,94,0.55)', size: 6 }, name: 'data', customdata: rows.map((_, i) => i), hovertemplate: `${x} = %{x}<br>${y} = %{y}<extra>row %{customdata}</extra>` },
      { type: 'scatter', mode: 'lines', x: smooth.x, y: smooth.y, line: { color: RED, width: 2 }, name: 'lowess', hoverinfo: 'skip' },
    ],
    layout: { xaxis: axis(x), yaxis: axis(y) },
  };
}

/** Least-squares line through (x, y), or null when x does not vary. */
function lineFit(xs: number[], ys: number[]): { a: number; b: number } | null {
  const n = xs.length;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i] - mx) ** 2;
    sxy += (xs[i] - mx) * (ys[i] - my);
  }
  return sxx > 0 ? { b: sxy / sxx, a: my - (sxy / sxx) * mx } : null;
}

export function lattice(columns: readonly ColumnInfo[], rows: Cell[][], y: string, x: string, group: string): { figure: Figure; panels: number; groups: number } {
  const ky = index(columns, y);
  const kx = index(columns, x);
  const kg = index(columns, group);
  const all = columns[kg].levels.length ? columns[kg].levels : [...new Set(rows.map((r) => label(r[kg])).filter((l): l is string => l !== null))];
  const present = new Set(rows.map((r) => label(r[kg])));
  const levels = all.filter((l) => present.has(l)).slice(0, MAX_LATTICE_PANELS);
  const cols = Math.min(6, levels.length);
  const data: Trace[] = [];
  const layout: Layout = { grid: { rows: Math.ceil(levels.length / cols), columns: cols, pattern: 'independent', xgap: 0.06, ygap: 0.3 }, annotations: [], margin: { l: 50, r: 20, t: 40, b: 40 } };
  const annotations = layout.annotations as Record<string, unknown>[];
  levels.forEach((lvl, p) => {
    const members = rows.filter((r) => label(r[kg]) === lvl && Number.isFinite(num(r[kx])) && Number.isFinite(num(r[ky])));
    const xs = members.map((r) => num(r[kx]));
    const ys = members.map((r) => num(r[ky]));
    const ax = p === 0 ? '' : String(p + 1);
    data.push({ type: 'scatter', mode: 'markers', x: xs, y: ys, xaxis: `x${ax}`, yaxis: `y${ax}`, marker: { color: 'rgba(47,111,94,0.7)', size: 4 }, hovertemplate: `${group} ${lvl}<br>${x} = %{x}<br>${y} = %{y}<extra></extra>` });
    const fit = lineFit(xs, ys);
    if (fit) {
      const lo = Math.min(...xs);
      const hi = Math.max(...xs);
      data.push({ type: 'scatter', mode: 'lines', x: [lo, hi], y: [fit.a + fit.b * lo, fit.a + fit.b * hi], xaxis: `x${ax}`, yaxis: `y${ax}`, line: { color: RED, width: 1.5 }, hoverinfo: 'skip' });
    }
    annotations.push({ text: lvl, showarrow: false, xref: `x${ax} domain`, yref: `y${ax} domain`, x: 0.5, y: 1.12, font: { size: 10 } });
    layout[`xaxis${ax}`] = { matches: p === 0 ? undefined : 'x', showgrid: false, tickfont: { size: 9 } };
    layout[`yaxis${ax}`] = { matches: p === 0 ? undefined : 'y', showgrid: false, tickfont: { size: 9 } };
  });
  return { figure: { data, layout, height: 140 * Math.ceil(levels.length / cols) + 80 }, panels: levels.length, groups: present.size };
}
