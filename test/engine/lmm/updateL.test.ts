import { describe, expect, it } from 'vitest';
import { buildReBlocks } from '../../../src-engine/lmm/reBlocks';
import { computeCrossproducts } from '../../../src-engine/lmm/crossproducts';
import { Factorizer } from '../../../src-engine/lmm/updateL';
import { profiledCriterion } from '../../../src-engine/lmm/objective';
import { penicillinDesign, sleepstudyDesign } from './helpers';
import { type MixedDesign } from '../../../src-engine/design/mixedDesign';

function criterion(d: MixedDesign, theta: number[], reml: boolean): number {
  const { blocks } = buildReBlocks(d);
  const cp = computeCrossproducts(d, blocks);
  const f = new Factorizer(cp, blocks);
  expect(f.factor(theta).ok).toBe(true);
  return profiledCriterion(f.parts(), d.n, d.p, reml, cp.logDetW);
}

// Values from lme4 1.1-31 (see /test/reference): the criterion at lme4's optimum θ.
describe('profiled criterion at lme4 optimum', () => {
  it('sleepstudy REML', () => {
    expect(criterion(sleepstudyDesign(), [0.966741774, 0.015169059, 0.230909953], true)).toBeCloseTo(1743.628272, 5);
  });
  it('sleepstudy ML', () => {
    expect(criterion(sleepstudyDesign(), [0.929190605, 0.018165755, 0.222643206], false)).toBeCloseTo(1751.939344, 5);
  });
  it('Penicillin REML (crossed: dense rest block)', () => {
    expect(criterion(penicillinDesign(), [1.5396756, 3.5125189], true)).toBeCloseTo(330.860589, 4);
  });
});
