/**
 * Conditional modes and predictions of count GLMMs against glmmTMB's ranef() and predict(type = …)
 * (test/reference/glmmTMB_predict.R): at glmmTMB's own parameters (the inner loop and the means
 * alone, 1e-6), and from Quadrat's fit (the optimisers stop at slightly different points).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitTmb } from '../../../src-engine/tmb/fitTmb';
import { tmbPredictions, type TmbPredictions } from '../../../src-engine/tmb/predictTmb';
import { tmbModel } from '../../../src-engine/tmb/tmbModel';
import { loadCaseTable } from '../lmm/loadCase';

const DIR = 'test/reference/fixtures/glmmTMB_predict';
interface Fixture {
  case: string; source: string; par: number[];
  spec: { formula: string; family: string; ziformula: string; dispformula: string };
  ranef: Record<string, { levels: string[]; condval: number[] }>;
  predict: { link: number[]; response: number[]; conditional: number[]; zprob: number[]; zlink: (number | null)[] };
}
const relErr = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-3, Math.abs(b));
const maxErr = (a: readonly number[], b: readonly number[]) => {
  expect(a.length).toBe(b.length);
  return Math.max(...a.map((v, i) => relErr(v, b[i])));
};

function compare(p: TmbPredictions, fx: Fixture, tol: number) {
  expect(p.ranef.map((r) => r.group).sort()).toEqual(Object.keys(fx.ranef).sort());
  for (const r of p.ranef) {
    expect(r.levels).toEqual(fx.ranef[r.group].levels);
    expect(Math.max(...r.condval.map((v, i) => Math.abs(v - fx.ranef[r.group].condval[i]))), `ranef ${r.group}`).toBeLessThan(tol);
  }
  expect(maxErr(p.link, fx.predict.link), 'link').toBeLessThan(tol);
  expect(maxErr(p.conditional, fx.predict.conditional), 'conditional').toBeLessThan(tol);
  expect(maxErr(p.response, fx.predict.response), 'response').toBeLessThan(tol);
  expect(Math.max(...p.zprob.map((v, i) => Math.abs(v - fx.predict.zprob[i]))), 'zprob').toBeLessThan(tol);
  p.zlink.forEach((v, i) => {
    const e = fx.predict.zlink[i];
    if (e === null) expect(v).toBeNull();
    // logit π far out on the ridge (sppGP): compare the probabilities above instead
    else if (e > -10) expect(Math.abs(v! - e), `zlink ${i}`).toBeLessThan(tol * 10);
  });
}

for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()) {
  const fx = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Fixture;
  const src = JSON.parse(readFileSync(fx.source, 'utf8')) as { data: string; factors: string[]; subset: unknown };
  const table = loadCaseTable({ data: src.data, factors: src.factors, subset: src.subset } as never);
  describe(`glmmTMB predict() ${fx.case}`, () => {
    it('gives ranef() and predict(type = link, conditional, response, zprob, zlink) at glmmTMB’s parameters (1e-6)', () => {
      const p = tmbPredictions(tmbModel(table, fx.spec), Float64Array.from(fx.par));
      expect(p).toBeDefined();
      compare(p!, fx, 1e-6);
    });
    it('gives them from Quadrat’s own fit (2e-3)', () => {
      const fit = fitTmb(table, fx.spec);
      expect(fit.fitted).toBeDefined();
      compare(fit.fitted!, fx, 2e-3);
    });
  });
}
