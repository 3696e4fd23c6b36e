/**
 * Marginal means of glmmTMB GLMMs against emmeans for glmmTMB (test/reference/glmmTMB_predict.R):
 * the conditional mean (type = "response"), the probability of a zero (component = "zi") and the
 * response mean including the zero part, from Quadrat's fit. The fixtures of the families beyond the
 * counts (beta, betabinomial, tweedie, zero-inflated genpois, gaussian with a dispersion formula) have
 * emmeans' numbers written out in R (manual_means, checked there against emmeans on the count cases).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitTmb } from '../../../src-engine/tmb/fitTmb';
import { tmbMeanFactors, tmbMeans, type MeanCell } from '../../../src-engine/tmb/tmbMeans';
import { tmbModel } from '../../../src-engine/tmb/tmbModel';
import { loadCaseTable } from '../lmm/loadCase';
import { loadTmbCase, type TmbCase } from './loadTmbCase';

const DIR = 'test/reference/fixtures/glmmTMB_predict';
interface Row { level: string; estimate: number; SE: number; df?: number; lowerCL?: number; upperCL?: number }
interface Fixture {
  case: string; source: string;
  spec: { formula: string; family: string; ziformula: string; dispformula: string };
  emmeans?: { specs: string; cond: Row[]; zi: Row[]; response: Row[] };
}
/** relative error, with an absolute floor for probabilities near 0 (sppGP's structural zeros) */
const close = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol * Math.max(Math.abs(b), 1e-4);

function check(cell: MeanCell, e: Row, what: string) {
  expect(close(cell.estimate, e.estimate, 2e-4), `${what} ${e.level} estimate ${cell.estimate} vs ${e.estimate}`).toBe(true);
  expect(close(cell.SE, e.SE, 2e-3), `${what} ${e.level} SE ${cell.SE} vs ${e.SE}`).toBe(true);
  if (e.lowerCL !== undefined) {
    expect(close(cell.lowerCL, e.lowerCL, 2e-3), `${what} ${e.level} lower`).toBe(true);
    expect(close(cell.upperCL, e.upperCL!, 2e-3), `${what} ${e.level} upper`).toBe(true);
  }
}

for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()) {
  const fx = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Fixture;
  // the fixtures of the families beyond the counts have predictions and ranef only (no emmeans block)
  const emm = fx.emmeans;
  if (!emm) continue;
  const table = loadTmbCase(JSON.parse(readFileSync(fx.source, 'utf8')) as TmbCase);
  describe(`emmeans for glmmTMB ${fx.case} ~ ${emm.specs}`, () => {
    const model = tmbModel(table, fx.spec);
    const fit = fitTmb(table, fx.spec);
    const r = tmbMeans(model, fit, emm.specs);
    it('has emmeans’ levels and df', () => {
      expect(r.rows.map((x) => x.level)).toEqual(emm.cond.map((x) => x.level));
      expect(r.df).toBe(emm.cond[0].df);
      expect(tmbMeanFactors(model)).toContain(emm.specs);
    });
    it('gives the conditional means (type = "response")', () => r.rows.forEach((x, i) => check(x.cond, emm.cond[i], 'cond')));
    it('gives the probability of a zero (component = "zi") or none without a zero part', () => {
      if (emm.zi.length === 0) r.rows.forEach((x) => expect(x.zi).toBeNull());
      else r.rows.forEach((x, i) => {
        // sppGP's zero-inflation is far out on its ridge in both programs: its probability is ~0
        if (emm.zi[i].estimate < 1e-6) expect(x.zi!.estimate).toBeLessThan(1e-4);
        else check(x.zi!, emm.zi[i], 'zi');
      });
    });
    it('gives the response mean including the zero part', () => r.rows.forEach((x, i) => check(x.response, emm.response[i], 'response')));
  });
}

describe('tmbMeans refuses', () => {
  it('a variable that is not a factor of the model, naming the factors', () => {
    const fx = JSON.parse(readFileSync(join(DIR, 'sal_zinb.json'), 'utf8')) as Fixture;
    const table = loadCaseTable({ data: 'Salamanders.csv', factors: ['site', 'spp', 'mined'], subset: null } as never);
    const model = tmbModel(table, fx.spec);
    const fit = fitTmb(table, fx.spec);
    expect(() => tmbMeans(model, fit, 'cover')).toThrow(/not a factor .*spp, mined/);
  });
});
