/**
 * The brms model against Stan itself (test/reference/brmsLogDensity.R): at random unconstrained points
 * Stan's log_prob(adjust_transform = TRUE) and grad_log_prob of the model brms generated. Quadrat's
 * parameters are in brms's declaration order, so the vectors compare directly. Also the default
 * priors against get_prior().
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBrmsModel } from '../../../src-engine/bayes/model/buildBrmsModel';
import { type PriorRow, type UserPrior } from '../../../src-engine/bayes/model/priors';
import { loadCaseTable } from '../lmm/loadCase';

const DIR = 'test/reference/fixtures/brms';
interface Fixture {
  case: string; data: string; // `factors` with one name is unboxed by R's jsonlite
  factors: string[] | string; subset: { rows: number[] } | null; formula: string; family: string;
  priors: { prior: string; class: string; coef: string; group: string; lb: number | null; ub: number | null }[];
  getPrior: PriorRow[]; standata: { N: number; Y: number[] }; upars: number; points: number[][]; logProb: number[]; grad: number[][];
}

function userPriors(fx: Fixture): UserPrior[] {
  return fx.priors.map((p) => ({
    prior: p.prior, class: p.class,
    ...(p.coef ? { coef: p.coef } : {}), ...(p.group ? { group: p.group } : {}),
    ...(p.lb !== null && p.lb !== undefined ? { lb: p.lb } : {}), ...(p.ub !== null && p.ub !== undefined ? { ub: p.ub } : {}),
  }));
}

for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()) {
  const fx = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Fixture;
  describe(`brms fixture ${fx.case}`, () => {
    const table = loadCaseTable({ data: fx.data, factors: [fx.factors].flat(), subset: fx.subset } as never);
    const { model } = buildBrmsModel(table, { formula: fx.formula, family: fx.family, priors: userPriors(fx) });
    const noUser = buildBrmsModel(table, { formula: fx.formula, family: fx.family });

    it('has Stan’s data and number of unconstrained parameters', () => {
      expect(model.data.n).toBe(fx.standata.N);
      expect(Array.from(model.data.y)).toEqual(fx.standata.Y);
      expect(model.dim).toBe(fx.upars);
    });

    it('gives get_prior()’s default priors', () => {
      expect(noUser.priorTable).toEqual(fx.getPrior);
    });

    it('reproduces Stan’s log density and gradient at random points', () => {
      const grad = new Float64Array(model.dim);
      fx.points.forEach((pt, k) => {
        const lp = model.logDensityGradient(Float64Array.from(pt), grad);
        expect(Math.abs(lp - fx.logProb[k]) / Math.max(1, Math.abs(fx.logProb[k])), `log density at point ${k}`).toBeLessThan(1e-10);
        const scale = Math.max(...fx.grad[k].map(Math.abs));
        grad.forEach((gv, i) => expect(Math.abs(gv - fx.grad[k][i]) / Math.max(Math.abs(fx.grad[k][i]), 1e-3 * scale, 1e-8), `gradient ${i} at point ${k}`).toBeLessThan(1e-8));
      });
    });
  });
}
