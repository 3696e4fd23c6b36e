/**
 * Plotly figures of nlme's residual checks: the ACF of the normalized residuals (plot(ACF(fit,
 * resType = "normalized"))), the semivariogram of the Pearson residuals (plot(Variogram(fit))), the
 * normalized residuals against the fitted values, and the variance step's Pearson residuals against
 * the fitted values.
 */
import type { FitDiagnostics } from '../../src-engine/shared';
import type { StoredFitReport } from '../../src-main/api/contract';
import { runningMean } from '../plots/diagnosticData';
import { axis, type Figure } from '../plots/figure';

type NlmeBlock = NonNullable<StoredFitReport['nlme']>;
export type { Figure };
const PICKED = { color: 'rgba(0,0,0,0)', size: 13, line: { width: 2.5, color: '#d1495b' } };

const BAR = { color: 'rgba(47,111,94,0.85)' };
const BAND = { color: '#8a9690', width: 1.2, dash: 'dash' };
const POINT = { color: 'rgba(47,111,94,0.75)', size: 7, line: { width: 0 } };

/**
 * Lags 0…K as bars; the dashed band is ±1.96/√N, the usual white-noise reference (nlme's band uses
 * the number of residual pairs at each lag, which is close to N at small lags).
 */
export function acfFigure(nlme: NlmeBlock, nobs: number): Figure {
  const { lag, acf } = nlme.acf;
  const band = 1.96 / Math.sqrt(nobs);
  const x = [-0.5, lag.length - 0.5];
  return {
    data: [
      { type: 'bar', x: lag, y: acf, marker: BAR, width: 0.15, hovertemplate: 'lag %{x}<br>autocorrelation %{y:.4f}<extra></extra>' },
      { type: 'scatter', mode: 'lines', x, y: [band, band], line: BAND, hoverinfo: 'skip' },
      { type: 'scatter', mode: 'lines', x, y: [-band, -band], line: BAND, hoverinfo: 'skip' },
    ],
    layout: {
      title: { text: 'Autocorrelation of normalized residuals' },
      xaxis: axis('Lag', { dtick: 1 }),
      yaxis: axis('Autocorrelation', { zeroline: true, range: [Math.min(-0.2, ...acf) - 0.05, 1.05] }),
    },
  };
}

/** nlme's plot(Variogram(fit)): the points (mean semivariance against distance) and the fitted structure's line. */
export function variogramFigure(nlme: NlmeBlock): Figure | null {
  const v = nlme.variogram;
  if (!v) return null;
  const line = v.model
    ? [{ type: 'scatter', mode: 'lines', x: v.model.dist, y: v.model.variog, line: { color: '#d1495b', width: 2 }, hovertemplate: 'distance %{x:.4g}<br>fitted structure %{y:.4g}<extra></extra>' }]
    : [];
  return {
    data: [
      {
        type: 'scatter',
        mode: 'markers',
        x: v.dist,
        y: v.variog,
        text: v.nPairs.map((n) => `${n} pairs`),
        hovertemplate: 'distance %{x:.4g}<br>semivariance %{y:.4g}<br>%{text}<extra></extra>',
        marker: POINT,
      },
      ...line,
    ],
    layout: { title: { text: 'Semivariogram of Pearson residuals' }, xaxis: axis('Distance', { rangemode: 'tozero' }), yaxis: axis('Semivariogram', { rangemode: 'tozero' }) },
  };
}

export function normalizedVsFitted(d: FitDiagnostics, selected: number | null): Figure | null {
  const r = d.normalizedResiduals;
  if (!r) return null;
  const trend = runningMean(d.fitted, r);
  const k = selected == null ? -1 : d.rows.indexOf(selected);
  return {
    data: [
      {
        type: d.rows.length > 5000 ? 'scattergl' : 'scatter',
        mode: 'markers',
        x: d.fitted,
        y: r,
        customdata: d.rows,
        text: d.rows.map((row) => `row ${row + 1}`),
        hovertemplate: '%{text}<br>fitted %{x:.4g}<br>normalized residual %{y:.4g}<extra></extra>',
        marker: { color: 'rgba(47,111,94,0.65)', size: 6, line: { width: 0 } },
      },
      { type: 'scatter', mode: 'lines', x: trend.x, y: trend.y, line: { color: '#d1495b', width: 2 }, hoverinfo: 'skip' },
      ...(k >= 0 ? [{ type: 'scatter', mode: 'markers', x: [d.fitted[k]], y: [r[k]], marker: PICKED, hoverinfo: 'skip' }] : []),
    ],
    layout: { title: { text: 'Normalized residuals vs fitted' }, xaxis: axis('Fitted values'), yaxis: axis('Normalized residuals', { zeroline: true, zerolinewidth: 1.5 }) },
  };
}

export function spreadFigure(spread: { fitted: number[]; pearson: number[] }, label: string): Figure {
  return {
    data: [{ type: 'scatter', mode: 'markers', x: spread.fitted, y: spread.pearson, marker: POINT, hovertemplate: 'fitted %{x:.4g}<br>Pearson residual %{y:.4g}<extra></extra>' }],
    layout: { title: { text: `Pearson residuals vs fitted: ${label}` }, xaxis: axis('Fitted values'), yaxis: axis('Pearson residuals', { zeroline: true }) },
    height: 320,
  };
}
