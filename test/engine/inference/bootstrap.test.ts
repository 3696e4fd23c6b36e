import { describe, expect, it } from 'vitest';
import { bootIntervals, bootstrapSamples, confintBoot } from '../../../src-engine/inference/bootstrap';
import { loadLmmFixture } from '../reference/fixtures';
import { fitAtR } from './fitCase';

// R 4.2.2, lme4 1.1-31: confint(lmer(Reaction ~ Days + (Days | Subject), sleepstudy), method = "boot",
// nsim = 400, boot.type = "perc", seed = 1, oldNames = FALSE). Another RNG cannot reproduce R's draws,
// so the check is Monte-Carlo agreement: each limit within 15% of the interval's width (≈ 3.5 SD of the
// difference of two 400-draw percentile estimates).
const R_BOOT = [
  { term: 'sd_(Intercept)|Subject', lower: 11.76355299, upper: 37.31310485 },
  { term: 'cor_Days.(Intercept)|Subject', lower: -0.5247230696, upper: 0.9576950304 },
  { term: 'sd_Days|Subject', lower: 3.052569802, upper: 8.18868353 },
  { term: 'sigma', lower: 22.68463756, upper: 28.66199338 },
  { term: '(Intercept)', lower: 237.8508541, upper: 263.257532 },
  { term: 'Days', lower: 7.399528936, upper: 13.40854291 },
];

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
