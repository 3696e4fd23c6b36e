/**
 * DHARMa's plots of its two simulation tests (testDispersion, testZeroInflation): the histogram of
 * the statistic over the simulations of the fitted model, and the observed value as a red line. An
 * observed value in the histogram's tail is what the test's p-value measures.
 */
import type { SimulatedResidualsInfo } from '../../src-engine/shared';
import { axis, type Figure } from './figure';

const BAR = { color: 'rgba(138,150,144,0.75)' };
const OBSERVED = { color: '#d1495b', width: 2.5 };

/** Counts of `values` in `bins` equal-width bins spanning them and `also` (the observed value stays on the axis). */
export function histogramBins(values: readonly number[], also: number, bins: number, integer = false): { mids: number[]; counts: number[]; width: number } {
  const lo = Math.min(also, ...values);
  const hi = Math.max(also, ...values);
  // integer statistics (numbers of zeros) get one bar per integer when the range allows it
  const k = integer ? Math.min(bins, Math.max(1, Math.round(hi - lo) + 1)) : bins;
  const width = integer ? Math.max(1, Math.ceil((hi - lo + 1) / k)) : (hi - lo || 1) / k;
  const start = integer ? lo - 0.5 : lo;
  const counts = new Array<number>(k).fill(0);
  for (const v of values) counts[Math.min(k - 1, Math.floor((v - start) / width))]++;
  return { mids: counts.map((_, j) => start + (j + 0.5) * width), counts, width };
}

function testFigure(simulated: readonly number[], observed: number, title: string, xTitle: string, p: number, integer: boolean): Figure {
  const h = histogramBins(simulated, observed, 30, integer);
  const top = Math.max(...h.counts, 1);
  return {
    data: [
      { type: 'bar', x: h.mids, y: h.counts, width: h.width * 0.95, marker: BAR, hovertemplate: `${xTitle} %{x:.3g}<br>%{y} simulations<extra></extra>`, name: 'simulated' },
      { type: 'scatter', mode: 'lines', x: [observed, observed], y: [0, top * 1.05], line: OBSERVED, hovertemplate: `observed %{x:.4g}<extra></extra>`, name: 'observed' },
    ],
    layout: {
      title: { text: `${title} (${p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`})` },
      xaxis: axis(xTitle),
      yaxis: axis('Simulations'),
      showlegend: false,
      bargap: 0,
    },
  };
}

/** testDispersion: each simulation's spread over the mean simulated spread, and the observed ratio. */
export function dispersionTestFigure(s: SimulatedResidualsInfo): Figure | null {
  const sim = s.dispersion.simulated;
  if (!sim?.length) return null;
  return testFigure(sim, s.dispersion.ratio, 'Dispersion test', 'Spread / mean simulated spread', s.dispersion.pValue, false);
}

/** testZeroInflation: the number of zeros in each simulation, and the observed number. */
export function zeroTestFigure(s: SimulatedResidualsInfo): Figure | null {
  const z = s.zeroInflation;
  if (!z?.simulated?.length) return null;
  return testFigure(z.simulated, z.observed, 'Zero-inflation test', 'Number of zeros', z.pValue, true);
}
