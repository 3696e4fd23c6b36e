import { describe, expect, it } from 'vitest';
import { bobyqa } from '../../../../src-engine/optim/minimize';
import { dyestuffCriterion, sleepstudyCriterion } from '../profiledDeviance';
import { problems } from './problems';
import rCounts from './rCounts.json';

/**
 * Our BOBYQA against Powell's Fortran (R minqa) and NLopt's LN_BOBYQA (R nloptr) on the same
 * problems with the same rhobeg/rhoend (rCounts.json, written by bobyqaCounts.R): it must reach
 * at least the same minimum, with at most 25% more evaluations than the worse of the two.
 */
interface Run {
  evaluations: number;
  f: number;
}
const rProblems = rCounts.problems as Record<string, { minqa: Run; nlopt: Run }>;
const rLmm = rCounts.lmm as Record<string, { nloptwrap: Run; minqa: Run }>;

describe('cross-check with R (minqa, nloptr)', () => {
  for (const [name, p] of Object.entries(problems)) {
    it(name, () => {
      const r = rProblems[name];
      const ours = bobyqa(p.f, p.x0, { lower: p.lower, upper: p.upper, rhobeg: p.rhobeg, rhoend: rCounts.settings.rhoend, ftolAbs: 0 });
      expect(ours.status).toBe('converged');
      const bestR = Math.min(r.minqa.f, r.nlopt.f);
      expect(ours.f).toBeLessThanOrEqual(bestR + 1e-9 * (1 + Math.abs(bestR)));
      expect(ours.evaluations).toBeLessThanOrEqual(1.25 * Math.max(r.minqa.evaluations, r.nlopt.evaluations));
    });
  }

  const lmm: [string, (t: Float64Array) => number, number[], number[]][] = [
    ['dyestuff_reml', dyestuffCriterion(true), [1], [0]],
    ['dyestuff_ml', dyestuffCriterion(false), [1], [0]],
    ['sleepstudy_reml', sleepstudyCriterion(true), [1, 0, 1], [0, -Infinity, 0]],
    ['sleepstudy_ml', sleepstudyCriterion(false), [1, 0, 1], [0, -Infinity, 0]],
  ];
  for (const [name, f, x0, lower] of lmm) {
    it(`${name} with default settings vs lmer's optimizers`, () => {
      const r = rLmm[name];
      const ours = bobyqa(f, x0, { lower });
      const bestR = Math.min(r.nloptwrap.f, r.minqa.f);
      expect(ours.f - bestR).toBeLessThan(1e-6);
      expect(ours.evaluations).toBeLessThanOrEqual(1.5 * r.nloptwrap.evaluations);
    });
  }
});
