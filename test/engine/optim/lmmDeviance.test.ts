import { describe, expect, it } from 'vitest';
import { bobyqa, minimizeWithFallback } from '../../../src-engine/optim/minimize';
import { loadLmmFixture } from '../reference/fixtures';
import { dyestuffCriterion, sleepstudyCriterion } from './profiledDeviance';

/**
 * The optimizer on realistic objectives: profiled deviances / REML criteria of lme4 models,
 * started where lmer starts (θ = 1 on the diagonal, 0 below) with lme4's bounds and tolerances.
 * Optima and lme4's evaluation counts (nloptwrap) come from the R fixtures.
 */
const cases = [
  { fixture: 'dyestuff_reml', f: dyestuffCriterion(true), x0: [1], lower: [0], maxEvals: 20 },
  { fixture: 'dyestuff_ml', f: dyestuffCriterion(false), x0: [1], lower: [0], maxEvals: 20 },
  { fixture: 'sleepstudy_reml', f: sleepstudyCriterion(true), x0: [1, 0, 1], lower: [0, -Infinity, 0], maxEvals: 75 },
  { fixture: 'sleepstudy_ml', f: sleepstudyCriterion(false), x0: [1, 0, 1], lower: [0, -Infinity, 0], maxEvals: 75 },
];

describe('bobyqa on lme4 profiled deviances', () => {
  for (const c of cases) {
    it(`${c.fixture}: reaches lme4's optimum`, () => {
      const expected = loadLmmFixture(c.fixture).expected;
      const target = expected.remlCriterion ?? expected.deviance;
      // the test's dense criterion agrees with lme4 at lme4's θ̂
      expect(c.f(Float64Array.from(expected.theta))).toBeCloseTo(target, 8);
      const r = bobyqa(c.f, c.x0, { lower: c.lower });
      expect(r.status).toBe('converged');
      expect(r.f - target).toBeLessThan(1e-6);
      expect(r.f - target).toBeGreaterThan(-1e-6);
      r.x.forEach((v, i) => expect(Math.abs(v - expected.theta[i])).toBeLessThan(c.x0.length === 1 ? 1e-5 : 1e-4));
      expect(r.evaluations).toBeLessThanOrEqual(c.maxEvals);
    });
  }

  it('Dyestuff REML: criterion 319.6543 at θ̂ = 0.8483 (the values in lme4’s documentation)', () => {
    const r = minimizeWithFallback(dyestuffCriterion(true), [1], { lower: [0] });
    expect(r.optimizer).toBe('bobyqa');
    expect(r.attempts).toHaveLength(1);
    expect(r.f).toBeCloseTo(319.6543, 4);
    expect(r.x[0]).toBeCloseTo(0.8483, 4);
  });

  it('Dyestuff ML: deviance 327.3270599 at θ̂ = 0.7525807', () => {
    const r = bobyqa(dyestuffCriterion(false), [1], { lower: [0] });
    expect(Math.abs(r.f - 327.3270599)).toBeLessThan(1e-6);
    expect(r.x[0]).toBeCloseTo(0.7525807, 5);
  });
});
