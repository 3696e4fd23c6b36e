/**
 * The exact gradient of the count-model Laplace objective (src-engine/tmb/laplaceGradient.ts) against
 * central differences of the objective, on fixtures covering every family and block of ψ: zero
 * inflation (sal_zip, sal_zinb), hurdles (sal_hurdle_nb2), truncation, dispformula (sal_disp), NB1 with
 * crossed terms (grouse_nbinom1), an offset (cbpp_nb_offset) and vector random-effect terms (us and
 * diag covariances, alone and crossed with a scalar term); random effects in the zero-inflation
 * formula; and glmmTMB's other families (tweedie with its power parameter psi, genpois, beta,
 * betabinomial, Gamma, lognormal, gaussian with a dispformula, and zero-inflated genpois, betabinomial and tweedie). Evaluated away from the optimum (at
 * glmmTMB's estimates moved by a fixed pattern), where the gradient is not small; it must agree to
 * 0.05 % of each component (or of the largest, for a component near zero).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tmbModel } from '../../../src-engine/tmb/tmbModel';
import { loadTmbCase } from './loadTmbCase';

const CASES = [
  'sal_zip', 'sal_zinb', 'sal_hurdle_nb2', 'sal_hurdle_poisson', 'sal_truncated_poisson', 'sal_disp', 'sal_nbinom1', 'grouse_nbinom1', 'cbpp_nb_offset',
  // random slopes: θ with log SDs and correlation parameters (us), a diag term, crossed with scalar terms
  'sal_warn_hessian', 'sal_slope_doy', 'sal_slope_mined', 'sal_diag_mined',
  // random effects in the zero-inflation formula
  'sal_zip_re', 'sal_zinb_re',
  // the other families
  'sal_tweedie', 'sal_genpois', 'cbpp_beta', 'cbpp_betabinomial', 'sleep_gamma', 'sal_zigenpois', 'cbpp_zibetabinomial', 'sleep_lognormal', 'sal_zitweedie', 'sleep_gaussian_disp', 'ortho_gaussian_sex',
];

/**
 * Cases without a glmmTMB fit of their own: a fixture's model with a changed part, a start for the
 * zero-inflation β (else the fixture's) and values to append (θ, psi).
 */
const VARIANTS: { name: string; from: string; change: Record<string, string>; zi?: number[]; extra: number[] }[] = [
  // a hurdle with site effects in its zero part and the dispersion by mining: the truncated family's
  // ζ partials and the κζ mixed ones
  { name: 'hurdle NB2, zi ~ spp + (1 | site), disp ~ mined', from: 'sal_hurdle_nb2', change: { dispformula: '~mined', ziformula: '~spp + (1 | site)' }, extra: [0.3, -0.4] },
  // tweedie with site effects in its zero inflation: the ζψ partials, psi after θ and θzi
  { name: 'tweedie, zi ~ 1 + (1 | site)', from: 'sal_zitweedie', change: { ziformula: '~1 + (1 | site)' }, zi: [-1], extra: [0.7, -0.7, -0.5, -1.2] },
];

/**
 * The exact gradient at x against central differences of the objective (step 1e-5): each component
 * within 0.05 % of its difference, or of 1 % of the largest (which must exceed 1, so the check bites).
 */
function expectGradientMatchesDifferences(model: ReturnType<typeof tmbModel>, x: Float64Array): void {
  const g = model.gradient(x)!;
  const h = 1e-5;
  const fd = Float64Array.from(x, (_, i) => {
    const up = x.slice(), down = x.slice();
    up[i] += h; down[i] -= h;
    return (model.objective(up) - model.objective(down)) / (2 * h);
  });
  const big = Math.max(...fd.map(Math.abs));
  expect(big).toBeGreaterThan(1);
  fd.forEach((d, i) => expect(Math.abs(g[i] - d), `component ${i}: ${g[i]} vs ${d}`).toBeLessThan(5e-4 * Math.max(Math.abs(d), 0.01 * big)));
}

describe('exact Laplace gradient of count models', () => {
  for (const v of VARIANTS) {
    it(`${v.name}: equals central differences of the objective to 0.05 %`, () => {
      const fx = JSON.parse(readFileSync(`test/reference/fixtures/glmmTMB/${v.from}.json`, 'utf8'));
      const table = loadTmbCase(fx);
      const model = tmbModel(table, { formula: fx.formula, family: fx.family, ziformula: fx.ziformula, dispformula: fx.dispformula, ...v.change });
      const x = Float64Array.from({ length: model.npar }, (_, i) => 0.2 * Math.sin(1 + 2.3 * i));
      // the fixture's β (cond, zi) as a start, the rest patterned
      (fx.expected.par as number[]).slice(0, model.blocks.cond.length + model.blocks.zi.length).forEach((p, i) => { x[i] = p + 0.1 * Math.sin(1 + 2.3 * i); });
      if (v.zi) x.set(v.zi, model.blocks.cond.length);
      x.set(v.extra, model.npar - v.extra.length);
      expectGradientMatchesDifferences(model, x);
    });
  }
  for (const name of CASES) {
    it(`${name}: equals central differences of the objective to 0.05 %`, () => {
      const fx = JSON.parse(readFileSync(`test/reference/fixtures/glmmTMB/${name}.json`, 'utf8'));
      const table = loadTmbCase(fx);
      const model = tmbModel(table, { formula: fx.formula, family: fx.family, ziformula: fx.ziformula, dispformula: fx.dispformula });
      const x = Float64Array.from(fx.expected.par as number[], (v, i) => v + 0.1 * Math.sin(1 + 2.3 * i));
      expectGradientMatchesDifferences(model, x);
    });
  }
});
