/**
 * DHARMa-style simulated residuals: seeded and reproducible, uniform when the model is right, and
 * each test flags what it is for (Salamanders: more zeros than a Poisson GLMM predicts).
 */
import { describe, expect, it } from 'vitest';
import { fitGlmmDesign, fitGlmmTable } from '../../../src-engine/glmm/fitGlmm';
import { simulateResponse } from '../../../src-engine/glmm/simulate';
import { dharmaFromSimulations, ksPValue, simulatedResiduals } from '../../../src-engine/glmm/simulatedResiduals';
import { loadCaseTable } from '../lmm/loadCase';

const cbpp = loadCaseTable({ data: 'cbpp.csv', factors: ['herd', 'period'] } as never);
const CB = 'cbind(incidence, size - incidence) ~ period + (1 | herd)';

describe('simulated residuals', () => {
  const fit = fitGlmmTable(cbpp, { formula: CB, family: 'binomial' });

  it('are reproducible from the seed and lie in [0, 1]', () => {
    const a = simulatedResiduals(fit, 100, 7);
    const b = simulatedResiduals(fit, 100, 7);
    expect(a).toEqual(b);
    expect(a.scaled).toHaveLength(56);
    expect(a.scaled.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(simulatedResiduals(fit, 100, 8).scaled).not.toEqual(a.scaled);
  });

  it('look uniform for data drawn from the fitted model itself', () => {
    const y = simulateResponse(fit, 11, 0);
    const refit = fitGlmmDesign({ ...fit.model.design, y }, fit.model.family, 1);
    const r = simulatedResiduals(refit, 250, 3).info;
    expect(r.uniformity.pValue).toBeGreaterThan(0.05);
    expect(r.dispersion.pValue).toBeGreaterThan(0.05);
    expect(r.readings[0]).toMatch(/look uniform/);
  });

  it('flag the excess zeros of Salamanders under a Poisson GLMM', () => {
    const sal = loadCaseTable({ data: 'Salamanders.csv', factors: ['site', 'spp', 'mined'] } as never);
    const r = simulatedResiduals(fitGlmmTable(sal, { formula: 'count ~ spp + mined + (1 | site)', family: 'poisson' })).info;
    expect(r.zeroInflation!.observed).toBe(387);
    expect(r.zeroInflation!.ratio).toBeGreaterThan(1.1);
    expect(r.zeroInflation!.pValue).toBeLessThan(0.05);
    expect(r.readings[2]).toMatch(/More zeros than the model predicts/);
    expect(r.uniformity.pValue).toBeLessThan(0.05);
  });

  it("uses Kolmogorov's distribution for the uniformity test", () => {
    // the classic 5 % critical value: √n D = 1.358 for large n
    expect(ksPValue(1.358 / Math.sqrt(1e6), 1e6)).toBeCloseTo(0.05, 2);
    expect(ksPValue(1.628 / Math.sqrt(1e6), 1e6)).toBeCloseTo(0.01, 2);
    expect(ksPValue(0.001, 100)).toBe(1);
  });

  it('are part of every GLMM report', async () => {
    const { fitGlmm } = await import('../../../src-engine/glmm/fitGlmmReport');
    const r = fitGlmm(cbpp, { formula: CB, family: 'binomial' });
    expect(r.diagnostics!.simulatedResiduals).toHaveLength(56);
    expect(r.glmm!.simulated!.readings).toHaveLength(3);
  });

  it('keeps each simulation’s spread and zeros for the test plots, and reads overdispersion by family', () => {
    // observed counts 0 and 20 around simulations of 9–11: far more spread than simulated
    const n = 40, nsim = 50;
    const observed = Float64Array.from({ length: n }, (_, i) => (i % 2 ? 0 : 20));
    const sims = Float64Array.from({ length: n * nsim }, (_, j) => 9 + (j % 3));
    const nb = dharmaFromSimulations(observed, sims, nsim, 1, { counts: true, familyName: 'nbinom2' }).info;
    expect(nb.dispersion.simulated).toHaveLength(nsim);
    expect(nb.dispersion.simulated!.reduce((a, v) => a + v, 0) / nsim).toBeCloseTo(1, 12);
    expect(nb.zeroInflation!.simulated).toEqual(new Array(nsim).fill(0));
    expect(nb.readings[1]).toMatch(/as much as the nbinom2 model allows .*Try the other negative binomial, a dispersion formula/);
    const pois = dharmaFromSimulations(observed, sims, nsim, 1, { counts: true, familyName: 'poisson' }).info;
    expect(pois.readings[1]).toMatch(/use a negative binomial model\.$/);
  });
});
