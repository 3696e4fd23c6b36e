import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bootIntervals, bootstrapSamples, confintBoot } from '../../../src-engine/inference/bootstrap';
import { loadLmmFixture } from '../reference/fixtures';
import { fitAtR } from './fitCase';

// lme4's confint(m, method = "boot", nsim = 400, boot.type = "perc", seed = 1, oldNames = FALSE) on
// sleepstudy: test/reference/bootstrap.R. Another RNG cannot reproduce R's draws, so the check is
// Monte-Carlo agreement: each limit within 15% of the interval's width (≈ 3.5 SD of the difference of
// two 400-draw percentile estimates).
const R_BOOT = (JSON.parse(readFileSync('test/reference/fixtures/values/bootstrap.json', 'utf8')) as { rows: { term: string; lower: number; upper: number }[] }).rows;

describe('parametric bootstrap', () => {
  const fx = loadLmmFixture('sleepstudy_reml');
  const fit = fitAtR(fx, fx.expected.theta);

  it('percentile intervals agree with lme4 within Monte-Carlo error', () => {
    const { rows, failed } = confintBoot(fit, { nsim: 400, seed: 1 });
    expect(failed).toBe(0);
    expect(rows.map((r) => r.term)).toEqual(R_BOOT.map((r) => r.term));
    rows.forEach((r, i) => {
      const w = R_BOOT[i];
      const width = w.upper - w.lower;
      expect(Math.abs(r.lower! - w.lower), `${r.term} lower ${r.lower} vs ${w.lower}`).toBeLessThan(0.15 * width);
      expect(Math.abs(r.upper! - w.upper), `${r.term} upper ${r.upper} vs ${w.upper}`).toBeLessThan(0.15 * width);
    });
  }, 120_000);

  it('is reproducible for a seed and the same when split into chunks', () => {
    const whole = bootstrapSamples(fit, { seed: 7, count: 6 });
    const a = bootstrapSamples(fit, { seed: 7, start: 0, count: 2 });
    const b = bootstrapSamples(fit, { seed: 7, start: 2, count: 4 });
    expect([...a.values, ...b.values]).toEqual(whole.values);
    expect(bootstrapSamples(fit, { seed: 8, count: 2 }).values).not.toEqual(a.values);
    expect(bootIntervals(fit, whole).length).toBe(6);
  });

  it('stops when cancelled', () => {
    expect(() => bootstrapSamples(fit, { seed: 1, count: 5, signal: { aborted: true } })).toThrow(/cancelled/);
  });
});
