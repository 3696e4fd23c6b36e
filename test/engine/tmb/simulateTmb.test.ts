/**
 * Simulations from count fits (glmmTMB's simulate with new random effects) and DHARMa's tests on
 * them: the simulated means and zero fractions agree with the model's own expectations within
 * Monte Carlo error, and the tests read Salamanders as ecologists know it (Poisson overdispersed with
 * too many zeros, the zero-inflated NB2 not).
 */
import { describe, expect, it } from 'vitest';
import { fitTmb } from '../../../src-engine/tmb/fitTmb';
import { simulateTmb, tmbSimulatedTests } from '../../../src-engine/tmb/simulateTmb';
import { tmbModel } from '../../../src-engine/tmb/tmbModel';
import { loadCaseTable } from '../lmm/loadCase';

const table = loadCaseTable({ data: 'Salamanders.csv', factors: ['site', 'spp', 'mined'], subset: null } as never);
const SAL = 'count ~ spp * mined + (1 | site)';

describe('simulateTmb', () => {
  const spec = { formula: SAL, family: 'nbinom2', ziformula: '~spp' };
  const model = tmbModel(table, spec);
  const fit = fitTmb(table, spec);
  it('draws counts whose mean is (1 − π) exp(η + σ²/2) over new site effects', () => {
    const nsim = 400;
    const sd = Math.exp(fit.par[fit.par.length - 1]);
    const f = fit.fitted!;
    let expected = 0;
    // η without the site modes: the link minus b̂ of each row's site
    const site = model.designs.cond.reterms[0];
    for (let i = 0; i < model.n; i++) expected += (1 - f.zprob[i]) * Math.exp(f.link[i] - f.ranef[0].condval[site.refs[i]] + sd * sd / 2);
    let total = 0;
    for (let k = 0; k < nsim; k++) for (const v of simulateTmb(model, fit, 7, k)) total += v;
    expect(Math.abs(total / nsim - expected) / expected).toBeLessThan(0.05);
  });
  it('is reproducible: the same seed and stream give the same counts', () => {
    expect(Array.from(simulateTmb(model, fit, 3, 1))).toEqual(Array.from(simulateTmb(model, fit, 3, 1)));
    expect(Array.from(simulateTmb(model, fit, 3, 1))).not.toEqual(Array.from(simulateTmb(model, fit, 3, 2)));
  });
  it('finds no dispersion or zero-inflation problem in the ZINB', () => {
    const { info } = tmbSimulatedTests(model, fit);
    expect(info.dispersion.pValue).toBeGreaterThan(0.05);
    expect(info.zeroInflation!.pValue).toBeGreaterThan(0.05);
  });
  it('a hurdle draws zeros with probability π and only positive counts otherwise', () => {
    const h = { formula: SAL, family: 'truncated_nbinom2', ziformula: '~spp' };
    const hm = tmbModel(table, h);
    const hf = fitTmb(table, h);
    const expectedZeros = hf.fitted!.zprob.reduce((s, v) => s + v, 0);
    let zeros = 0;
    for (let k = 0; k < 200; k++) for (const v of simulateTmb(hm, hf, 11, k)) if (v === 0) zeros++;
    expect(Math.abs(zeros / 200 - expectedZeros) / expectedZeros).toBeLessThan(0.03);
  });
});

describe('DHARMa tests of Salamanders as Poisson', () => {
  it('find a larger spread than the model’s, too many zeros and non-uniform residuals', () => {
    // plain Poisson through the TMB path (zi ~ 0 is no zero inflation): the classic overdispersed case
    const spec = { formula: SAL, family: 'poisson' };
    const { info } = tmbSimulatedTests(tmbModel(table, spec), fitTmb(table, spec));
    expect(info.dispersion.ratio).toBeGreaterThan(1);
    // with new site effects in every simulation the spread test is conservative (DHARMa's known
    // behaviour on unconditional simulations): the ratio is large, the zeros and uniformity tests reject
    expect(info.dispersion.ratio).toBeGreaterThan(1.5);
    expect(info.uniformity.pValue).toBeLessThan(0.05);
    expect(info.zeroInflation!.pValue).toBeLessThan(0.05);
    expect(info.zeroInflation!.observed).toBeGreaterThan(info.zeroInflation!.expected);
  });
});
