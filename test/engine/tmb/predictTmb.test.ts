/**
 * Conditional modes and predictions of glmmTMB fits against glmmTMB's ranef() and predict(type = …)
 * (test/reference/glmmTMB_predict.R), for every family, random slopes and zero-inflation random
 * effects: at glmmTMB's own parameters (the inner loop and the means alone, 1e-6; the conditional SDs
 * of ranef(m, condVar = TRUE) with glmmTMB's own covariance of the parameters, 1e-4), and from
 * Quadrat's fit (the optimisers stop at slightly different points).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitTmb } from '../../../src-engine/tmb/fitTmb';
import { tmbPredictions, type TmbPredictions } from '../../../src-engine/tmb/predictTmb';
import { tmbModel } from '../../../src-engine/tmb/tmbModel';
import { loadTmbCase, type TmbCase } from './loadTmbCase';

const DIR = 'test/reference/fixtures/glmmTMB_predict';
interface Fixture {
  case: string; source: string; par: number[];
  spec: { formula: string; family: string; ziformula: string; dispformula: string };
  ranef: Record<string, { levels: string[]; condval: number[] }>;
  predict: { link: number[]; response: number[]; conditional: number[]; zprob: number[]; zlink: (number | null)[] };
  /** as.data.frame(ranef(m, condVar = TRUE)), column by column (the fixtures of the families beyond the counts) */
  ranefCondVar?: { component: string[]; group: string[]; term: string[]; level: string[]; condval: number[]; condsd: number[] };
  /** sdreport's cov.fixed, row-major */
  covFixed?: number[];
}
const relErr = (a: number, b: number, floor = 1e-3) => Math.abs(a - b) / Math.max(floor, Math.abs(b));
const maxErr = (a: readonly number[], b: readonly number[], floor = 1e-3) => {
  expect(a.length).toBe(b.length);
  return Math.max(...a.map((v, i) => relErr(v, b[i], floor)));
};

/** Quadrat's ranef as as.data.frame(ranef(m)) rows: component, group, term, level → [condval, condsd]. */
function ranefRows(p: TmbPredictions): Map<string, [number, number | undefined]> {
  const out = new Map<string, [number, number | undefined]>();
  for (const r of p.ranef) r.levels.forEach((l, i) => out.set(`${r.component}/${r.group}/${r.term}/${l}`, [r.condval[i], r.condsd?.[i]]));
  return out;
}

/**
 * sdTol is relative; from Quadrat's own fit a conditional SD below SD_FLOOR counts as that floor: an
 * SD glmmTMB puts at zero (cbpp_betabinomial's herd) is somewhere on a flat likelihood in both.
 */
function compareRanef(p: TmbPredictions, fx: Fixture, tol: number, sdTol: number | null, sdFloor: number) {
  const cv = fx.ranefCondVar;
  if (!cv) {
    expect(p.ranef.map((r) => r.group).sort()).toEqual(Object.keys(fx.ranef).sort());
    for (const r of p.ranef) {
      expect(r.levels).toEqual(fx.ranef[r.group].levels);
      expect(Math.max(...r.condval.map((v, i) => Math.abs(v - fx.ranef[r.group].condval[i]))), `ranef ${r.group}`).toBeLessThan(tol);
    }
    return;
  }
  const rows = ranefRows(p);
  expect(rows.size).toBe(cv.level.length);
  cv.level.forEach((l, i) => {
    const key = `${cv.component[i]}/${cv.group[i]}/${cv.term[i]}/${l}`;
    const got = rows.get(key);
    expect(got, key).toBeDefined();
    expect(Math.abs(got![0] - cv.condval[i]), `condval ${key}`).toBeLessThan(tol);
    if (sdTol !== null) expect(relErr(got![1]!, cv.condsd[i], sdFloor), `condsd ${key}: ${got![1]} vs ${cv.condsd[i]}`).toBeLessThan(sdTol);
  });
}

function compare(p: TmbPredictions, fx: Fixture, tol: number, sdTol: number | null = null, sdFloor = 1e-3) {
  compareRanef(p, fx, tol, sdTol, sdFloor);
  // η is additive (log or logit scale, near 0 for some rows): absolute below 1
  expect(maxErr(p.link, fx.predict.link, 1), 'link').toBeLessThan(tol);
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
  const table = loadTmbCase(JSON.parse(readFileSync(fx.source, 'utf8')) as TmbCase);
  describe(`glmmTMB predict() ${fx.case}`, () => {
    it('gives ranef() and predict(type = link, conditional, response, zprob, zlink) at glmmTMB’s parameters (1e-6; condVar SDs 1e-4)', () => {
      const p = tmbPredictions(tmbModel(table, fx.spec), Float64Array.from(fx.par), fx.covFixed && Float64Array.from(fx.covFixed));
      expect(p).toBeDefined();
      compare(p!, fx, 1e-6, fx.covFixed ? 1e-4 : null);
    });
    it('gives them from Quadrat’s own fit (2e-3)', () => {
      const fit = fitTmb(table, fx.spec);
      expect(fit.fitted).toBeDefined();
      compare(fit.fitted!, fx, 2e-3, fx.covFixed ? 1e-2 : null, 0.1);
    });
  });
}
