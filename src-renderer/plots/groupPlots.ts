/**
 * Observed and fitted values per level of a grouping factor, as small multiples (the lme4 paper's
 * sleepstudy figure): against the first numeric covariate when the model has one, else observed
 * against fitted.
 */
import type { Layout, Trace } from 'plotly.js-dist-min';
import type { Cell, ColumnInfo } from '../../src-main/api/contract';
import { parseFormula } from '../../src-engine/shared';
import type { FitDiagnostics } from '../../src-engine/shared';
import { axis } from './Plot';
import type { Figure } from './residualPlots';

export const MAX_PANELS = 36;

/** The first fixed-effect term that is a single numeric column, e.g. Days. */
export function firstCovariate(formula: string, columns: readonly ColumnInfo[]): string | null {
  try {
    const f = parseFormula(formula);
    for (const t of f.fixedTerms) {
      if (t.factors.length !== 1) continue;
      const c = columns.find((x) => x.name === t.factors[0]);
      if (c?.type === 'numeric') return c.name;
    }
  } catch {
    /* the fitted formula parsed before; nothing to plot against if it no longer does */
  }
  return null;
}

/** The label of each observation's group ("bag:site" joins the columns as lme4 names the group). */
function groupLabels(group: string, columns: readonly ColumnInfo[], rows: Cell[][], obsRows: number[]): string[] | null {
  const idx = group.split(':').map((g) => columns.findIndex((c) => c.name === g));
  if (idx.some((k) => k < 0)) return null;
  return obsRows.map((r) => idx.map((k) => String(rows[r]?.[k] ?? 'NA')).join(':'));
}

/** `d` holds the fitted values, residuals and rows (fetched by fitVectors.ts). */
export function observedByGroup(report: { formula: string }, d: FitDiagnostics, columns: readonly ColumnInfo[], rows: Cell[][], group: string, selected: number | null): Figure | null {
  const labels = groupLabels(group, columns, rows, d.rows);
  if (!labels) return null;
  const xName = firstCovariate(report.formula, columns);
  const xCol = xName ? columns.findIndex((c) => c.name === xName) : -1;
  const observed = d.fitted.map((f, i) => f + d.residuals[i]);
  const xs = d.rows.map((r, i) => (xCol >= 0 ? Number(rows[r]?.[xCol]) : d.fitted[i]));

  const ranefLevels = d.ranef.find((g) => g.group === group)?.levels;
  const levels = (ranefLevels ?? [...new Set(labels)]).slice(0, MAX_PANELS);
  const cols = Math.min(6, levels.length);
  const data: Trace[] = [];
  const layout: Layout = {
    grid: { rows: Math.ceil(levels.length / cols), columns: cols, pattern: 'independent', xgap: 0.06, ygap: 0.3 },
    annotations: [],
    margin: { l: 50, r: 20, t: 80, b: 40 },
  };
  const annotations = layout.annotations as Record<string, unknown>[];
  levels.forEach((lvl, p) => {
    const members = labels.flatMap((l, i) => (l === lvl ? [i] : []));
    members.sort((a, b) => xs[a] - xs[b]);
    const ax = p === 0 ? '' : String(p + 1);
    data.push({
      type: 'scatter',
      mode: 'markers',
      x: members.map((i) => xs[i]),
      y: members.map((i) => observed[i]),
      customdata: members.map((i) => d.rows[i]),
      text: members.map((i) => `row ${d.rows[i] + 1}`),
      hovertemplate: `${group} ${lvl}<br>%{text}<br>observed %{y:.4g}<extra></extra>`,
      marker: {
        color: members.map((i) => (d.rows[i] === selected ? '#d1495b' : 'rgba(47,111,94,0.75)')),
        size: members.map((i) => (d.rows[i] === selected ? 10 : 5)),
      },
      xaxis: `x${ax}`,
      yaxis: `y${ax}`,
    });
    data.push(
      xCol >= 0
        ? { type: 'scatter', mode: 'lines', x: members.map((i) => xs[i]), y: members.map((i) => d.fitted[i]), line: { color: '#d1495b', width: 1.6 }, hoverinfo: 'skip', xaxis: `x${ax}`, yaxis: `y${ax}` }
        : { type: 'scatter', mode: 'lines', x: [Math.min(...members.map((i) => xs[i])), Math.max(...members.map((i) => xs[i]))], y: [Math.min(...members.map((i) => xs[i])), Math.max(...members.map((i) => xs[i]))], line: { color: '#8a9690', dash: 'dash', width: 1 }, hoverinfo: 'skip', xaxis: `x${ax}`, yaxis: `y${ax}` },
    );
    layout[`xaxis${ax}`] = axis('', { tickfont: { size: 9 } });
    layout[`yaxis${ax}`] = axis('', { tickfont: { size: 9 }, matches: 'y' });
    annotations.push({ text: lvl, xref: `x${ax} domain`, yref: `y${ax} domain`, x: 0.5, y: 1.12, showarrow: false, font: { size: 11 } });
  });
  layout.title = {
    text: xCol >= 0 ? `Observed (points) and fitted (line) against ${xName}, by ${group}` : `Observed against fitted, by ${group}`,
  };
  return { data, layout, height: Math.max(320, Math.ceil(levels.length / cols) * 170 + 80) };
}
