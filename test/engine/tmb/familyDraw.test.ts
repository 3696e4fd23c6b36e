/**
 * The random generators of glmmTMB's families (familyDraw.ts, genpoisDraw.ts) against their moments
 * in glmmTMB's parameterisations: 40 000 draws each, the mean within 4 Monte Carlo SEs and the
 * variance within 5% (a generator with the wrong variance function, e.g. nbinom1's for nbinom2, or φ
 * taken as σ instead of σ², is far outside both).
 */
import { describe, expect, it } from 'vitest';
import { rngFor } from '../../../src-engine/inference/bootstrap';
import { type TmbFamilyName } from '../../../src-engine/tmb/countDensity';
import { type DrawContext, familyDraw } from '../../../src-engine/tmb/familyDraw';
import { genpoisDraw } from '../../../src-engine/tmb/genpoisDraw';

const N = 40000;

function moments(f: TmbFamilyName, mu: number, phi: number, ctx: DrawContext = {}, stream = 0) {
  const draw = familyDraw(f, rngFor(99, stream), ctx);
  let s = 0, s2 = 0;
  const ys = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const y = draw(0, mu, phi);
    ys[i] = y;
    s += y;
  }
  const mean = s / N;
  for (const y of ys) s2 += (y - mean) ** 2;
  return { mean, variance: s2 / (N - 1), ys };
}

const cases: { f: TmbFamilyName; mu: number; phi: number; ctx?: DrawContext; mean: number; variance: number; integer?: boolean }[] = [
  { f: 'poisson', mu: 3.2, phi: 1, mean: 3.2, variance: 3.2, integer: true },
  { f: 'nbinom2', mu: 4, phi: 1.5, mean: 4, variance: 4 * (1 + 4 / 1.5), integer: true },
  { f: 'nbinom1', mu: 4, phi: 1.5, mean: 4, variance: 4 * (1 + 1.5), integer: true },
  { f: 'genpois', mu: 2.5, phi: 2, mean: 2.5, variance: 2.5 * 2, integer: true },
  { f: 'genpois', mu: 6, phi: 0.7, mean: 6, variance: 6 * 0.7, integer: true },
  { f: 'beta_family', mu: 0.3, phi: 8, mean: 0.3, variance: (0.3 * 0.7) / 9 },
  { f: 'betabinomial', mu: 0.3, phi: 4, ctx: { size: Float64Array.of(12) }, mean: 12 * 0.3, variance: 12 * 0.3 * 0.7 * (1 + 11 / 5), integer: true },
  { f: 'tweedie', mu: 2, phi: 1.3, ctx: { power: 1.4 }, mean: 2, variance: 1.3 * Math.pow(2, 1.4) },
  { f: 'Gamma', mu: 250, phi: 30, mean: 250, variance: (250 * 250) / 30 },
  { f: 'lognormal', mu: 2, phi: 1, mean: 2, variance: 1 },
  { f: 'gaussian', mu: 280, phi: 900, mean: 280, variance: 900 },
];

describe('familyDraw', () => {
  cases.forEach((c, k) => {
    it(`${c.f}(μ = ${c.mu}, φ = ${c.phi}) has mean ${c.mean.toPrecision(4)} and variance ${c.variance.toPrecision(4)}`, () => {
      const m = moments(c.f, c.mu, c.phi, c.ctx, k);
      expect(Math.abs(m.mean - c.mean), `mean ${m.mean}`).toBeLessThan(4 * Math.sqrt(c.variance / N));
      expect(Math.abs(m.variance / c.variance - 1), `variance ${m.variance}`).toBeLessThan(0.05);
      if (c.integer) expect(m.ys.every((y) => Number.isInteger(y) && y >= 0)).toBe(true);
    });
  });
  it('tweedie puts exp(−μ^{2−p}/(φ(2−p))) of its mass at zero', () => {
    const m = moments('tweedie', 2, 1.3, { power: 1.4 }, 50);
    const p0 = Math.exp(-Math.pow(2, 0.6) / (1.3 * 0.6));
    const zeros = m.ys.filter((y) => y === 0).length / N;
    expect(Math.abs(zeros - p0)).toBeLessThan(4 * Math.sqrt((p0 * (1 - p0)) / N));
  });
  it('genpois inverts its own cumulative probabilities: u just above f(0) gives 1, u below it 0', () => {
    const theta = 2.5 / Math.sqrt(2);
    expect(genpoisDraw(2.5, 2, Math.exp(-theta) * 0.999)).toBe(0);
    expect(genpoisDraw(2.5, 2, Math.exp(-theta) * 1.001)).toBe(1);
  });
});
