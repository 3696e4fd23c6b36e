/**
 * pp_check's figures as bayesplot draws them: the density of y (dark) over the densities of the
 * replicated y_rep (light), and per group the spread of the statistic over y_rep (a box from its
 * 25 % to 75 % quantiles, whiskers to 2.5 % and 97.5 %) with the observed value marked.
 */
import type { PpCheckShape } from '../../src-main/api/contract';
import { axis, type Figure } from '../plots/figure';

const DARK = '#011f4b';
const LIGHT = '#8fb3d9';

export function densityOverlayFigure(pc: PpCheckShape): Figure {
  const rep = pc.density.replicated.map((y, k) => ({
    type: 'scatter',
    mode: 'lines',
    x: pc.density.x,
    y,
    name: 'y_rep',
    legendgroup: 'yrep',
    showlegend: k === 0,
    line: { color: LIGHT, width: 1 },
    hoverinfo: 'skip',
  }));
  const obs = { type: 'scatter', mode: 'lines', x: pc.density.x, y: pc.density.observed, name: 'y', line: { color: DARK, width: 2.5 } };
  return {
    data: [...rep, obs],
    layout: {
      title: { text: `Posterior predictive check: ${pc.response}, ${pc.ndraws} y_rep` },
      xaxis: axis(pc.response),
      yaxis: axis('density', { rangemode: 'tozero' }),
      showlegend: true,
    },
  };
}

export function groupedStatFigure(pc: PpCheckShape): Figure | null {
  const g = pc.grouped;
  if (!g) return null;
  const stat = g.statistic === 'proportion' ? `proportion of ${pc.response}` : `mean of ${pc.response}`;
  const box = {
    type: 'box',
    name: 'y_rep',
    x: g.levels.map((l) => l.level),
    q1: g.levels.map((l) => l.q25),
    median: g.levels.map((l) => l.q50),
    q3: g.levels.map((l) => l.q75),
    lowerfence: g.levels.map((l) => l.q025),
    upperfence: g.levels.map((l) => l.q975),
    marker: { color: LIGHT },
    line: { color: '#4f7cac' },
    fillcolor: 'rgba(143,179,217,0.5)',
    hoverinfo: 'y',
  };
  const obs = {
    type: 'scatter',
    mode: 'markers',
    name: 'y',
    x: g.levels.map((l) => l.level),
    y: g.levels.map((l) => l.observed),
    marker: { color: DARK, size: 11, symbol: 'diamond' },
    text: g.levels.map((l) => `observed ${l.observed.toPrecision(4)}; P(T(y_rep) ≥ T(y)) = ${l.pValue.toFixed(3)}`),
    hoverinfo: 'text',
  };
  return {
    data: [box, obs],
    layout: {
      title: { text: `${g.statistic === 'proportion' ? 'Proportion' : 'Mean'} by ${g.group}: y and ${g.draws} y_rep` },
      xaxis: axis(g.group, { type: 'category' }),
      yaxis: axis(stat),
      showlegend: true,
    },
  };
}
