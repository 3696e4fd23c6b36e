import { describe, expect, it } from 'vitest';
import { buildDesign } from '../../../src-engine/design/buildDesign';
import { setCholeskyBackend } from '../../../src-engine/linalg/denseCholesky';
import { momentTheta, normalEquationsFromCrossproducts } from '../../../src-engine/lmm/initialTheta';
import { LmmModel } from '../../../src-engine/lmm/lmmModel';
import { loadLmmFixture } from '../reference/fixtures';
import { loadCaseTable } from './loadCase';

describe('momentTheta', () => {
  // prior weights, an offset, crossed intercepts and a vector-valued term
  for (const name of ['sleepstudy_weights', 'sleepstudy_offset', 'penicillin', 'ham', 'orthodont']) {
    it(`gives the same start from the crossproducts' normal equations as from X (${name})`, () => {
      const fx = loadLmmFixture(name);
      const design = buildDesign(loadCaseTable(fx), fx.formula, fx.weights ? { weights: fx.weights } : {});
      const model = new LmmModel(design, fx.REML);
      const direct = momentTheta(design, model.thetaLayout)!;
      const viaCp = momentTheta(design, model.thetaLayout, normalEquationsFromCrossproducts(model.cp))!;
      expect(direct).toBeDefined();
      direct.forEach((v, i) => expect(viaCp[i]).toBeCloseTo(v, 10));
      // a usable start: finite criterion, close to lme4's optimum
      expect(Number.isFinite(model.objective(direct))).toBe(true);
      direct.forEach((v, i) => expect(Math.abs(v - fx.expected.theta[i])).toBeLessThan(0.5 * Math.max(1, Math.abs(fx.expected.theta[i]))));
    });
  }
});

describe('momentTheta’s backfitting in the wasm kernel', () => {
  it('gives the JS’s bits (ham: 648 observations, two intercept terms; Penicillin below the threshold)', () => {
    for (const name of ['ham', 'penicillin', 'pastes']) {
      const fx = loadLmmFixture(name);
      const d = buildDesign(loadCaseTable(fx), fx.formula);
      const layout = new LmmModel(d, true).thetaLayout;
      const viaKernel = momentTheta(d, layout);
      setCholeskyBackend('js');
      const js = momentTheta(d, layout);
      setCholeskyBackend('auto');
      expect(viaKernel, name).toBeDefined();
      expect(Array.from(viaKernel!).map((v, i) => Object.is(v, js![i])), name).toEqual(Array.from(js!).map(() => true));
    }
  });
});
