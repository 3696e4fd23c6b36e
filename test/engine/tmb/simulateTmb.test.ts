/**
 * Simulations from glmmTMB fits (glmmTMB's simulate with new random effects) and DHARMa's tests on
 * them: the simulated means and zero fractions agree with the model's own expectations within
 * Monte Carlo error (counts, the other families, random slopes, zero-inflation random effects), and
 * the tests read Salamanders as ecologists know it (Poisson overdispersed with too many zeros, the
 * zero-inflated NB2 not).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitTmb, type TmbFit } from '../../../src-engine/tmb/fitTmb';
import { termCovariance } from '../../../src-engine/tmb/reCovariance';
import { simulateTmb, tmbSimulatedTests } from '../../../src-engine/tmb/simulateTmb';
import { tmbModel, type TmbModel } from '../../../src-engine/tmb/tmbModel';
import { loadCaseTable } from '../lmm/loadCase';
import { loadTmbCase, type TmbCase } from './loadTmbCase';

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

/** A glmmTMB fixture's model: its data and spec (test/reference/fixtures/glmmTMB). */
function fixtureModel(name: string) {
  const fx = JSON.parse(readFileSync(`test/reference/fixtures/glmmTMB/${name}.json`, 'utf8')) as TmbCase & { formula: string; family: string; ziformula: string; dispformula: string };
  const spec = { formula: fx.formula, family: fx.family, ziformula: fx.ziformula, dispformula: fx.dispformula };
  const t = loadTmbCase(fx);
  return { model: tmbModel(t, spec), fit: fitTmb(t, spec) };
}

/** The simulated mean response over nsim simulations, summed over the rows. */
function simulatedTotal(model: TmbModel, fit: TmbFit, nsim: number, seed: number): number {
  let total = 0;
  for (let k = 0; k < nsim; k++) for (const v of simulateTmb(model, fit, seed, k)) total += v;
  return total / nsim;
}

/** η or ζ without the random effects: the fixed part of each row. */
function fixedPart(model: TmbModel, fit: TmbFit, which: 'cond' | 'zi'): Float64Array {
  const d = which === 'cond' ? model.designs.cond : model.designs.zi!;
  const from = which === 'cond' ? 0 : model.designs.cond.p;
  return Float64Array.from({ length: model.n }, (_, i) => {
    let s = d.offset && which === 'cond' ? d.offset[i] : 0;
    for (let j = 0; j < d.p; j++) s += d.X[j * model.n + i] * fit.par[from + j];
    return s;
  });
}

describe('simulateTmb beyond random intercepts and counts', () => {
  it('random slopes (mined | spp): the mean is Σ exp(Xβ + ½ zΣzᵀ) with Σ of the fitted term', () => {
    const { model, fit } = fixtureModel('sal_slope_mined');
    const eta = fixedPart(model, fit, 'cond');
    const [site, spp] = model.designs.cond.reterms;
    const p = model.designs.cond.p;
    const vSite = Math.exp(2 * fit.par[p + 1]);
    const S = termCovariance(2, 'us', fit.par.subarray(p + 2, p + 5)).sigma;
    let expected = 0;
    for (let i = 0; i < model.n; i++) {
      const z0 = spp.z[2 * i], z1 = spp.z[2 * i + 1];
      const v = site.z[i] ** 2 * vSite + z0 * z0 * S[0] + 2 * z0 * z1 * S[1] + z1 * z1 * S[3];
      expected += Math.exp(eta[i] + v / 2);
    }
    // spp has 7 levels: the mean over new spp effects is noisy; 2000 simulations keep it within 5%
    expect(Math.abs(simulatedTotal(model, fit, 2000, 5) / expected - 1)).toBeLessThan(0.05);
  });
  it('random effects in the zero-inflation formula: the mean is Σ E[1 − π] E[μ] over new site effects in both parts', () => {
    const { model, fit } = fixtureModel('sal_zip_re');
    const eta = fixedPart(model, fit, 'cond'), zeta = fixedPart(model, fit, 'zi');
    const p = model.designs.cond.p, pz = model.designs.zi!.p;
    const sd = Math.exp(fit.par[p + pz]), sdZi = Math.exp(fit.par[p + pz + 1]);
    // E[1 − invlogit(ζ + σ z)] by the trapezoid rule on a fine grid of z
    const notZero = (z0: number) => {
      let s = 0, w = 0;
      for (let x = -8; x <= 8; x += 0.01) {
        const d = Math.exp(-x * x / 2);
        s += d / (1 + Math.exp(z0 + sdZi * x));
        w += d;
      }
      return s / w;
    };
    let expected = 0;
    for (let i = 0; i < model.n; i++) expected += notZero(zeta[i]) * Math.exp(eta[i] + sd * sd / 2);
    expect(Math.abs(simulatedTotal(model, fit, 1000, 13) / expected - 1)).toBeLessThan(0.03);
  });
  for (const name of ['sleep_gamma', 'sal_tweedie', 'sal_genpois']) {
    it(`${name}: the mean is Σ exp(Xβ + σ²/2) over new subject or site effects`, () => {
      const { model, fit } = fixtureModel(name);
      const eta = fixedPart(model, fit, 'cond');
      const sd = Math.exp(fit.par[model.designs.cond.p + (model.designs.disp?.p ?? 0)]);
      const expected = eta.reduce((s, e) => s + Math.exp(e + sd * sd / 2), 0);
      expect(Math.abs(simulatedTotal(model, fit, 1000, 17) / expected - 1)).toBeLessThan(0.03);
    });
  }
  it('beta_family and betabinomial: y in (0, 1), successes within the trials, DHARMa’s tests without a zero test for beta', () => {
    const beta = fixtureModel('cbpp_beta');
    const y = simulateTmb(beta.model, beta.fit, 3, 0);
    expect(y.every((v) => v > 0 && v < 1)).toBe(true);
    const { info } = tmbSimulatedTests(beta.model, beta.fit);
    expect(info.zeroInflation).toBeNull();
    expect(info.uniformity.pValue).toBeGreaterThan(0);
    const bb = fixtureModel('cbpp_betabinomial');
    const s = simulateTmb(bb.model, bb.fit, 3, 0);
    expect(Array.from(s).every((v, i) => Number.isInteger(v) && v >= 0 && v <= bb.model.size![i])).toBe(true);
  });
  it('the Gamma fit of sleepstudy shows no dispersion problem', () => {
    const { model, fit } = fixtureModel('sleep_gamma');
    const { info } = tmbSimulatedTests(model, fit);
    expect(info.dispersion.pValue).toBeGreaterThan(0.05);
    expect(info.zeroInflation).toBeNull();
  });
});
