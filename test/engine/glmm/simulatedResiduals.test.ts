/**
 * DHARMa-style simulated residuals: seeded and reproducible, uniform when the model is right, and
 * each test flags what it is for (Salamanders: more zeros than a Poisson GLMM predicts).
 */
import { describe, expect, it } from 'vitest';
import { fitGlmmDesign, fitGlmmTable } from '../../../src-engine/glmm/fitGlmm';
import { simulateResponse } from '../../../src-engine/glmm/simulate';
import { ksPValue, simulatedResiduals } from '../../../src-engine/glmm/simulatedResiduals';
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
});
