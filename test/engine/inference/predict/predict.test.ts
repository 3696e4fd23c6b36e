/**
 * Predictions for new rows against lme4 (test/reference/predict.R): predict(re.form = NA / NULL,
 * allow.new.levels = TRUE), the delta-method variance parts written out from vcov, condVar and
 * VarCorr, emmeans' bias adjustment, and the simulated intervals within simulation error of bootMer's
 * and merTools' algorithm in R.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { predict, predictionModel } from '../../../../src-engine/inference/predict/predict';
import { newDataDesign } from '../../../../src-engine/inference/predict/newDataDesign';
import { predictionParts } from '../../../../src-engine/inference/predict/predictRows';
import { qnorm } from '../../../../src-engine/inference/distributions';
import { loadCaseTable } from '../../lmm/loadCase';

interface Fixture {
  case: string;
  data: string;
  factors: string[];
  formula: string;
  family: string;
  REML: boolean;
  newdata: Record<string, string | number>[];
  fixedNames: string[];
  X: number[][];
  etaPopulation: number[];
  etaGroup: number[];
  varFixed: number[];
  varGroup: number[];
  varNewGroup: number[];
  sigma2: number;
  knownLevels: boolean[][];
  bootMer?: { nsim: number; lower: number[]; upper: number[] };
  simulation?: { nsim: number; lower: number[]; median: number[]; upper: number[] };
  link?: string;
  muPopulation?: number[];
  muGroup?: number[];
  biasAdjusted?: number[];
}

const DIR = 'test/reference/fixtures/predict';
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe.each(readdirSync(DIR).filter((f) => f.endsWith('.json')))('predict %s', (file) => {
  const fx = JSON.parse(readFileSync(`${DIR}/${file}`, 'utf8')) as Fixture;
  const table = loadCaseTable({ ...fx, subset: null, generatedBy: {} } as never);
  const request = { formula: fx.formula, reml: fx.REML, ...(fx.family === 'gaussian' ? {} : { family: fx.family }) };
  const model = predictionModel(table, request);
  const nd = newDataDesign(table, model.structure, fx.newdata);

  it('builds the new rows’ X as model.matrix does, and knows which levels are new', () => {
    expect(model.structure.fixedNames).toEqual(fx.fixedNames);
    const m = nd.rows.length;
    // exact, except a poly() basis, which the fixture holds to 15 significant digits
    const digits15 = fx.formula.includes('poly(');
    fx.X.forEach((row, i) => row.forEach((v, j) => (digits15 ? expect(rel(nd.X[j * m + i], v)).toBeLessThan(1e-13) : expect(nd.X[j * m + i]).toBe(v))));
    fx.knownLevels.forEach((known, i) => expect(model.structure.blocks.map((b, k) => nd.blocks[k].level[i] >= 0), `row ${i}`).toEqual(expect.arrayContaining(known)));
  });

  // glmer's optimizer stops ~1e-3 short of the optimum Quadrat finds (test/engine/glmm/glmer.test.ts)
  const tol = fx.family === 'gaussian' ? { eta: 2e-6, v: 2e-4 } : { eta: 2e-3, v: 1e-2 };

  it('predicts as lme4 (population and own group) with the variance parts from vcov, condVar and VarCorr', () => {
    const pop = predictionParts(model, nd, 'population');
    const grp = predictionParts(model, nd, 'group');
    pop.forEach((p, i) => {
      expect(rel(p.eta, fx.etaPopulation[i])).toBeLessThan(tol.eta);
      expect(rel(grp[i].eta, fx.etaGroup[i])).toBeLessThan(tol.eta);
      expect(rel(p.varFixed, fx.varFixed[i])).toBeLessThan(tol.v);
      expect(rel(grp[i].varGroup, fx.varGroup[i])).toBeLessThan(tol.v);
      expect(rel(p.varNewGroup, fx.varNewGroup[i])).toBeLessThan(tol.v);
    });
    expect(rel(model.residualVariance, fx.sigma2)).toBeLessThan(1e-5);
  });

  it('gives delta-method intervals from those parts', () => {
    const q = qnorm(0.975);
    const pi = predict(table, request, fx.newdata, { re: 'group', interval: 'prediction', scale: 'link' });
    pi.rows.forEach((r, i) => {
      const sd = Math.sqrt(fx.varFixed[i] + fx.varGroup[i] + fx.sigma2);
      expect(rel(r.lower!, fx.etaGroup[i] - q * sd)).toBeLessThan(tol.eta + tol.v);
      expect(rel(r.upper!, fx.etaGroup[i] + q * sd)).toBeLessThan(tol.eta + tol.v);
    });
  });

  if (fx.family === 'gaussian') {
    it('simulated prediction intervals agree with merTools’ algorithm in R within simulation error', () => {
      const sim = predict(table, request, fx.newdata, { re: 'group', interval: 'prediction', method: 'simulation', nsim: 20000, seed: 7 });
      sim.rows.forEach((r, i) => {
        const sd = Math.sqrt(fx.varFixed[i] + fx.varGroup[i] + fx.sigma2);
        // a 2.5 % quantile of 20,000 normal draws has SD ≈ 0.019 σ; R's 100,000 draws add a little
        expect(Math.abs(r.lower! - fx.simulation!.lower[i])).toBeLessThan(0.08 * sd);
        expect(Math.abs(r.upper! - fx.simulation!.upper[i])).toBeLessThan(0.08 * sd);
      });
    });
    it('confidence intervals of the population mean agree with bootMer’s percentile intervals', () => {
      const ci = predict(table, request, fx.newdata, { re: 'population', interval: 'confidence' });
      ci.rows.forEach((r, i) => {
        const width = fx.bootMer!.upper[i] - fx.bootMer!.lower[i];
        // 1,000 parametric-bootstrap refits: each end is within ~4 % of the width of the normal one
        expect(Math.abs(r.lower! - fx.bootMer!.lower[i])).toBeLessThan(0.08 * width);
        expect(Math.abs(r.upper! - fx.bootMer!.upper[i])).toBeLessThan(0.08 * width);
      });
    });
  } else {
    it('back-transforms as predict(type = "response") and bias-adjusts as emmeans', () => {
      const pop = predict(table, request, fx.newdata, { re: 'population', interval: 'confidence' });
      const grp = predict(table, request, fx.newdata, { re: 'group', interval: 'none' });
      pop.rows.forEach((r, i) => {
        expect(rel(r.estimate, fx.muPopulation![i])).toBeLessThan(tol.eta);
        expect(rel(grp.rows[i].estimate, fx.muGroup![i])).toBeLessThan(tol.eta);
        expect(rel(r.biasAdjusted!, fx.biasAdjusted![i])).toBeLessThan(tol.v);
        expect(r.lower!).toBeLessThan(r.estimate);
        expect(r.upper!).toBeGreaterThan(r.estimate);
      });
      const unseen = fx.knownLevels.flatMap((k, i) => (k.every(Boolean) ? [] : [i]));
      expect(grp.rows.filter((r) => r.newGroups.length).map((r) => r.row)).toEqual(unseen);
      expect(grp.notes[0]).toMatch(/^Not in the fitted data: .*= 99.*allow\.new\.levels = TRUE/);
    });
    it('simulated intervals of a new group’s mean agree with the delta method’s (both normal on the link scale)', () => {
      const delta = predict(table, request, fx.newdata, { re: 'population', interval: 'prediction' });
      const sim = predict(table, request, fx.newdata, { re: 'population', interval: 'prediction', method: 'simulation', nsim: 20000, seed: 5 });
      sim.rows.forEach((r, i) => {
        // the ends' simulation error, measured on the link scale where the draws are normal
        const link = (mu: number) => (fx.link === 'log' ? Math.log(mu) : Math.log(mu / (1 - mu)));
        const sd = delta.rows[i].se;
        expect(Math.abs(link(r.lower!) - link(delta.rows[i].lower!))).toBeLessThan(0.08 * sd);
        expect(Math.abs(link(r.upper!) - link(delta.rows[i].upper!))).toBeLessThan(0.08 * sd);
        // and the delta interval's SD is the one R's pieces give: x'Vx + z'Σz
        expect(rel(sd * sd, fx.varFixed[i] + fx.varNewGroup[i])).toBeLessThan(tol.v);
      });
    });
  }
});
