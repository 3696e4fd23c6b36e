/**
 * The optimizer's criterion (lowRankBlocks.ts: Woodbury per block, Λ whitened by the weights, the
 * AR(1) transform, a correlation factor shared by groups with the same coordinates, or one bordered
 * factorization for a large gls group) equals the dense Cholesky factor of each V_b (the path an lme's
 * final evaluation takes, and any model's after useDenseCriterion) at every lme fixture's and every
 * dense-correlation gls fixture's optimum and around it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDelimited } from '../../../src-engine/data/importDelimited';
import { subsetRows } from '../../../src-engine/data/table';
import { buildModel } from '../../../src-engine/nlme/buildModel';
import { fitNlmeModel } from '../../../src-engine/nlme/fitNlme';
import { evaluate } from '../../../src-engine/nlme/likelihood';
import { hasFixedLambda } from '../../../src-engine/nlme/fixedGram';
import { hasLowRankBlocks, useDenseCriterion } from '../../../src-engine/nlme/lowRankBlocks';

interface Fixture {
  case: string;
  data: string;
  factors: string[];
  dropEvery: number | null;
  spec: { fn: 'gls' | 'lme'; fixed: string; random: string | null; weights: string | null; correlation: string | null; method: 'REML' | 'ML' };
}

const DIR = 'test/reference/fixtures/nlme';
const lme = readdirSync(DIR)
  .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Fixture)
  .filter((fx) => fx.spec.fn === 'lme' || (fx.spec.correlation !== null && !/corAR1|corCAR1/.test(fx.spec.correlation)));

describe('blocks by Woodbury and shared correlation factors', () => {
  it('covers random intercepts, slopes, nested levels, variance functions, corAR1, corCAR1, corARMA, spatial and compound symmetry', () => {
    const low = lme.filter((fx) => hasLowRankBlocks(buildModel(tableOf(fx), specOf(fx)))).map((fx) => fx.case);
    for (const c of ['oats_nested', 'orthodont_lme_slope_ml', 'orthodont_lme_varident', 'ovary_lme_ar1', 'ovary_lme_car1', 'ovary_lme_arma', 'sleepstudy_lme_slopes_ar1_varexp', 'ovary_arma', 'ovary_gls_exp', 'sleepstudy_gls_spher', 'orthodont_gls_cs', 'wheat2_gls_ratio_value']) expect(low).toContain(c);
  });

  for (const fx of lme) {
    it(`${fx.case}: the same criterion as the dense factors`, () => {
      const spec = specOf(fx);
      const model = buildModel(tableOf(fx), spec);
      const { optimum } = fitNlmeModel(model, spec);
      const denseModel = buildModel(tableOf(fx), spec);
      useDenseCriterion(denseModel);
      for (const step of [0, 0.05, -0.2, 0.5]) {
        const par = optimum.par.map((v, k) => v + step * (k % 2 ? 1 : -1));
        const dense = evaluate(denseModel, par, optimum.fittedCovariate, true)!;
        const fast = evaluate(model, par, optimum.fittedCovariate, false)!;
        const full = evaluate(model, par, optimum.fittedCovariate, true)!;
        expect(Math.abs(full.logLik - dense.logLik), `${fx.case} at step ${step} (full)`).toBeLessThan(1e-11 * Math.abs(dense.logLik));
        expect(Math.abs(fast.logLik - dense.logLik), `${fx.case} at step ${step}`).toBeLessThan(1e-11 * Math.abs(dense.logLik));
      }
    });
  }
});

function tableOf(fx: Fixture) {
  const columnTypes = Object.fromEntries(fx.factors.map((f) => [f, 'factor' as const]));
  const { table } = importDelimited(new Uint8Array(readFileSync(join('test/data', fx.data))), { fileName: fx.data, columnTypes });
  if (!fx.dropEvery) return table;
  return subsetRows(table, Array.from({ length: table.nrow }, (_, i) => i).filter((i) => (i + 1) % fx.dropEvery! !== 0));
}

function specOf(fx: Fixture) {
  const s = fx.spec;
  return { fixed: s.fixed, random: s.random ?? undefined, weights: s.weights ?? undefined, correlation: s.correlation ?? undefined, method: s.method };
}

describe('blocks whose Λ_b is constant: Gram pieces formed once (fixedGram.ts)', () => {
  it('is taken by lme without a variance function or correlation (and with varFixed), not otherwise', () => {
    const fixed = lme.filter((fx) => hasFixedLambda(buildModel(tableOf(fx), specOf(fx)))).map((fx) => fx.case);
    for (const c of ['oats_intercept_only', 'oats_nested', 'oats_nested_ml', 'orthodont_lme_pddiag', 'orthodont_lme_slope_ml']) expect(fixed).toContain(c);
    for (const c of ['orthodont_lme_varident', 'ovary_lme_ar1', 'sleepstudy_lme_slopes_ar1_varexp', 'orthodont_gls_cs']) expect(fixed).not.toContain(c);
  });

  // varFixed gives every row its own constant weight; nested levels with a slope give blocks of several column groups
  const orthodont = () => importDelimited(readFileSync('test/data/Orthodont.csv', 'utf8'), { columnTypes: { Subject: 'factor', Sex: 'factor' } }).table;
  const oats = () => tableOf(lme.find((fx) => fx.case === 'oats_nested')!);
  const cases = [
    { name: 'Orthodont, slopes by Subject, varFixed(~ age)', table: orthodont, spec: { fixed: 'distance ~ age * Sex', random: '~ age | Subject', weights: 'varFixed(~ age)', method: 'REML' as const } },
    { name: 'Oats, Block/Variety with a slope in nitro at both levels', table: oats, spec: { fixed: 'yield ~ nitro', random: '~ nitro | Block/Variety', method: 'ML' as const } },
  ];
  for (const c of cases) {
    it(`${c.name}: the same criterion as the dense factors`, () => {
      const model = buildModel(c.table(), c.spec);
      expect(hasFixedLambda(model)).toBe(true);
      const { optimum } = fitNlmeModel(model, c.spec);
      const denseModel = buildModel(c.table(), c.spec);
      useDenseCriterion(denseModel);
      for (const step of [0, 0.05, -0.2, 0.5]) {
        const par = optimum.par.map((v, k) => v + step * (k % 2 ? 1 : -1));
        const dense = evaluate(denseModel, par, undefined, true)!;
        const fast = evaluate(model, par, undefined, false)!;
        expect(Math.abs(fast.logLik - dense.logLik), `${c.name} at step ${step}`).toBeLessThan(1e-11 * Math.abs(dense.logLik));
      }
    });
  }
});

describe('when the Woodbury criterion leads to a singular optimum', () => {
  it('refits on the dense criterion: Ovary lme with corAR1 and varPower of Time (Time near 0) still fits', () => {
    const ovary = importDelimited(readFileSync('test/data/Ovary.csv', 'utf8'), { columnTypes: { Mare: 'factor' } }).table;
    const spec = { fixed: 'follicles ~ sin(2 * pi * Time) + cos(2 * pi * Time)', random: '~ 1 | Mare', correlation: 'corAR1(form = ~ 1 | Mare)', weights: 'varPower(form = ~ Time)', method: 'REML' as const };
    const model = buildModel(ovary, spec);
    expect(hasLowRankBlocks(model)).toBe(true);
    const fit = fitNlmeModel(model, spec);
    expect(Number.isFinite(fit.report.logLik)).toBe(true);
    // the dense criterion decided the optimum: the model no longer takes the Woodbury path
    expect(hasLowRankBlocks(model)).toBe(false);
  });
});
