/** DHARMa's test plots: the histogram of the simulated statistic with the observed value on the axis. */
import { describe, expect, it } from 'vitest';
import { dispersionTestFigure, histogramBins, zeroTestFigure } from '../../../src-renderer/plots/dharmaTestPlots';
import { fitTmb } from '../../../src-engine/tmb/fitTmb';
import { tmbFitReport } from '../../../src-engine/tmb/report/asFitReport';
import { loadCaseTable } from '../../engine/lmm/loadCase';

describe('histogramBins', () => {
  it('counts every value once and keeps the observed value inside the range', () => {
    const h = histogramBins([1, 2, 2, 3], 10, 3);
    expect(h.counts.reduce((s, c) => s + c, 0)).toBe(4);
    expect(h.mids[h.mids.length - 1] + h.width / 2).toBeCloseTo(10, 12);
    expect(h.counts).toEqual([4, 0, 0]);
  });
  it('gives integer statistics one bar per integer when the range is small', () => {
    const h = histogramBins([3, 4, 4, 6], 5, 30, true);
    expect(h.mids).toEqual([3, 4, 5, 6]);
    expect(h.counts).toEqual([1, 2, 0, 1]);
  });
});

describe('the test plots of a real count fit', () => {
  it('Salamanders as Poisson: the observed zeros lie beyond nearly every simulation', () => {
    const sal = loadCaseTable({ data: 'Salamanders.csv', factors: ['site', 'spp', 'mined'], subset: null } as never);
    const call = { formula: 'count ~ spp * mined + (1 | site)', family: 'poisson' };
    const sim = tmbFitReport(sal, call, fitTmb(sal, call), 0).tmb!.simulated!;
    expect(sim.dispersion.simulated).toHaveLength(sim.nsim);
    // the ratios are relative to their own mean
    expect(sim.dispersion.simulated!.reduce((s, v) => s + v, 0) / sim.nsim).toBeCloseTo(1, 10);
    const z = zeroTestFigure(sim)!;
    const bars = z.data[0] as { x: number[]; y: number[] };
    expect(bars.y.reduce((s, c) => s + c, 0)).toBe(sim.nsim);
    expect((z.data[1] as { x: number[] }).x).toEqual([sim.zeroInflation!.observed, sim.zeroInflation!.observed]);
    // DHARMa's two-sided p: at most a couple of the 250 simulations reach the observed zeros
    expect(sim.zeroInflation!.simulated!.filter((v) => v >= sim.zeroInflation!.observed).length).toBeLessThanOrEqual(2);
    expect(sim.zeroInflation!.pValue).toBeLessThan(0.05);
    expect(String((z.layout.title as { text: string }).text)).toMatch(/^Zero-inflation test \(p [=<] 0\.0\d+\)$/);
    expect(dispersionTestFigure(sim)).not.toBeNull();
    expect(dispersionTestFigure({ ...sim, dispersion: { ratio: 1, pValue: 1 } })).toBeNull();
  }, 60_000);
});
