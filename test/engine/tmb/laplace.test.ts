/**
 * The Laplace objective's inner loop (src-engine/tmb/laplace.ts) finds the modes wherever it is
 * started: an evaluation after one far away (whose modes are its warm start) gives the value a fresh
 * evaluation gives.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tmbModel } from '../../../src-engine/tmb/tmbModel';
import { loadCaseTable } from '../lmm/loadCase';

describe('Laplace inner loop', () => {
  for (const name of ['sal_poisson', 'sal_zinb']) {
    it(`${name}: the value at a point does not depend on the previous point's modes`, () => {
      const fx = JSON.parse(readFileSync(`test/reference/fixtures/glmmTMB/${name}.json`, 'utf8'));
      const table = loadCaseTable({ data: fx.data, factors: fx.factors, subset: fx.subset } as never);
      const req = { formula: fx.formula, family: fx.family, ziformula: fx.ziformula, dispformula: fx.dispformula };
      const par = Float64Array.from(fx.expected.par as number[]);
      const m = par.length;
      // far below with a wide prior: the counts pull the modes ~150 up; then the optimum, whose modes are
      // near zero (from there Newton creeps down an exponential, about one unit of η per step)
      const far = par.slice();
      far[0] -= 150;
      far[m - 1] += 6;
      const warm = tmbModel(table, req);
      warm.objective(far);
      const afterFar = warm.objective(par);
      const fresh = tmbModel(table, req).objective(par);
      expect(Math.abs(afterFar - fresh)).toBeLessThan(1e-8 * Math.abs(fresh));
      expect(Math.abs(fresh + fx.expected.logLik)).toBeLessThan(1e-4);
    });
  }
});
