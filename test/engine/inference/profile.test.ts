import { describe, expect, it } from 'vitest';
import { confintProfile } from '../../../src-engine/inference/profile';
import { inferenceCaseNames, loadInferenceFixture } from '../reference/fixtures';
import { close, fitCase } from './fitCase';

describe('profile confidence intervals against lme4', () => {
  it.each(inferenceCaseNames())('%s', (name) => {
    const fx = loadInferenceFixture(name);
    const got = confintProfile(fitCase(fx));
    const want = fx.expected.confint.profile;
    expect(got.map((r) => r.term)).toEqual(want.map((r) => r.term));
    const bad: string[] = [];
    got.forEach((r, i) => {
      const w = want[i];
      const scale = Math.max(Math.abs(w.upper ?? 0), Math.abs(w.lower ?? 0), 1e-8);
      for (const k of ['lower', 'upper'] as const) if (!close(r[k], w[k], 1e-3, 1e-3 * scale)) bad.push(`${r.term} ${k} ${r[k]} vs ${w[k]}`);
    });
    expect(bad).toEqual([]);
  });
});
