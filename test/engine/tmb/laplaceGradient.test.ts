/**
 * The exact gradient of the count-model Laplace objective (src-engine/tmb/laplaceGradient.ts) against
 * central differences of the objective, on fixtures covering every family and block of ψ: zero
 * inflation (sal_zip, sal_zinb), hurdles (sal_hurdle_nb2), truncation, dispformula (sal_disp), NB1 with
 * crossed terms (grouse_nbinom1) and an offset (cbpp_nb_offset); and glmmTMB's other families (tweedie
 * with its power parameter psi, genpois, beta, betabinomial, Gamma, lognormal, and zero-inflated genpois, betabinomial and tweedie). Evaluated away from the optimum (at
 * glmmTMB's estimates moved by a fixed pattern), where the gradient is not small; it must agree to
 * 0.05 % of each component (or of the largest, for a component near zero).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tmbModel } from '../../../src-engine/tmb/tmbModel';
import { loadTmbCase } from './loadTmbCase';

const CASES = ['sal_zip', 'sal_zinb', 'sal_hurdle_nb2', 'sal_hurdle_poisson', 'sal_truncated_poisson', 'sal_disp', 'sal_nbinom1', 'grouse_nbinom1', 'cbpp_nb_offset',
  'sal_tweedie', 'sal_genpois', 'cbpp_beta', 'cbpp_betabinomial', 'sleep_gamma', 'sal_zigenpois', 'cbpp_zibetabinomial', 'sleep_lognormal', 'sal_zitweedie'];

describe('exact Laplace gradient of count models', () => {
  for (const name of CASES) {
    it(`${name}: equals central differences of the objective to 0.05 %`, () => {
      const fx = JSON.parse(readFileSync(`test/reference/fixtures/glmmTMB/${name}.json`, 'utf8'));
      const table = loadTmbCase(fx);
      const model = tmbModel(table, { formula: fx.formula, family: fx.family, ziformula: fx.ziformula, dispformula: fx.dispformula });
      const x = Float64Array.from(fx.expected.par as number[], (v, i) => v + 0.1 * Math.sin(1 + 2.3 * i));
      const g = model.gradient(x)!;
      const h = 1e-5;
      const fd = Float64Array.from(x, (_, i) => {
        const up = x.slice(), down = x.slice();
        up[i] += h; down[i] -= h;
        return (model.objective(up) - model.objective(down)) / (2 * h);
      });
      const big = Math.max(...fd.map(Math.abs));
      expect(big).toBeGreaterThan(1);
      fd.forEach((v, i) => expect(Math.abs(g[i] - v), `component ${i}: ${g[i]} vs ${v}`).toBeLessThan(5e-4 * Math.max(Math.abs(v), 0.01 * big)));
    });
  }
});
