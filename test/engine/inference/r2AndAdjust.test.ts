import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LmmInference } from '../../../src-engine/inference/lmmInference';
import { emmeans, holm } from '../../../src-engine/inference/emmeans';
import { nakagawaR2 } from '../../../src-engine/inference/icc';
import { loadLmmFixture } from '../reference/fixtures';
import { close, fitAtR } from './fitCase';

// Nakagawa & Schielzeth's R² as R computes it (var(Xβ̂), mean(diag(Z Σ Zᵀ)), σ̂²): test/reference/r2.R
const R2 = JSON.parse(readFileSync('test/reference/fixtures/values/r2.json', 'utf8')) as Record<string, { marginal: number; conditional: number } | object>;
const R2_CASES = ['sleepstudy_reml', 'oats'].map((name) => [name, R2[name] as { marginal: number; conditional: number }] as const);

describe('Nakagawa R²', () => {
  it.each(R2_CASES)('%s', (name, want) => {
    const fx = loadLmmFixture(name);
    const got = nakagawaR2(fitAtR(fx, fx.expected.theta));
    expect(close(got.marginal, want.marginal, 1e-6)).toBe(true);
    expect(close(got.conditional, want.conditional, 1e-6)).toBe(true);
  });
});

describe('p-value adjustments', () => {
  // R's values from test/reference/adjust.R
  const R = JSON.parse(readFileSync('test/reference/fixtures/adjust/adjust.json', 'utf8')) as { pAdjustInput: number[]; pAdjustHolm: number[]; oatsHolm: { contrast: string; pValue: number }[] };

  it("Holm as R's p.adjust", () => {
    holm(R.pAdjustInput).forEach((v, i) => expect(v).toBeCloseTo(R.pAdjustHolm[i], 12));
  });

  it("emmeans with Holm as R's emmeans(m, pairwise ~ Variety, adjust = 'holm')", () => {
    const fx = loadLmmFixture('oats');
    const inf = new LmmInference(fitAtR(fx, fx.expected.theta));
    const none = emmeans(inf, 'Variety', { adjust: 'none' });
    const h = emmeans(inf, 'Variety', { adjust: 'holm' });
    h.contrasts.forEach((c, k) => {
      expect(c.contrast).toBe(R.oatsHolm[k].contrast);
      expect(Math.abs(c.pValue - R.oatsHolm[k].pValue)).toBeLessThan(1e-4 * R.oatsHolm[k].pValue);
    });
    none.contrasts.forEach((c) => expect(c.pValue).toBeLessThan(emmeans(inf, 'Variety').contrasts.find((t) => t.contrast === c.contrast)!.pValue));
  });

  it('refuses a variable that is not a factor', () => {
    const fx = loadLmmFixture('oats');
    const inf = new LmmInference(fitAtR(fx, fx.expected.theta));
    expect(() => emmeans(inf, 'nitro')).toThrow(/not a factor/);
    expect(() => emmeans(inf, 'Variety', { by: 'nitro' })).toThrow(/nitro is not a factor among the fixed effects to compare within \(factors: Variety\)/);
    expect(() => emmeans(inf, 'Variety', { by: 'Variety' })).toThrow(/within Variety itself/);
  });

  it('with a by factor, Holm adjusts within each of its levels (each is its own family, as emmeans)', () => {
    const fx = loadLmmFixture('ham');
    const inf = new LmmInference(fitAtR(fx, fx.expected.theta));
    const none = emmeans(inf, 'Product', { by: 'Information', adjust: 'none' });
    const h = emmeans(inf, 'Product', { by: 'Information', adjust: 'holm' });
    for (const level of ['1', '2']) {
      const p = (e: typeof none) => e.contrasts.filter((c) => c.by === level).map((c) => c.pValue);
      expect(p(h)).toEqual(holm(p(none)));
    }
  });
});
