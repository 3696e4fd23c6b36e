import { describe, expect, it } from 'vitest';
import { LmmInference } from '../../../src-engine/inference/contest';
import { emmeans, holm } from '../../../src-engine/inference/emmeans';
import { nakagawaR2 } from '../../../src-engine/inference/icc';
import { loadLmmFixture } from '../reference/fixtures';
import { close, fitAtR } from './fitCase';

// Reference values computed in R 4.2.2 / lme4 1.1-31 with Nakagawa & Schielzeth's definition
// (var(Xβ̂) and mean(diag(Z Σ Zᵀ)) per random term, as MuMIn/performance compute them):
//   varF <- var(X %*% fixef(m)); varR <- Σ_g sum(rowSums((Z_g %*% Σ_g) * Z_g)) / n
const R2 = {
  sleepstudy_reml: { marginal: 0.278651058161875, conditional: 0.799219922782924 },
  oats: { marginal: 0.380490099922719, conditional: 0.79024640067472 },
};

describe('Nakagawa R²', () => {
  it.each(Object.entries(R2))('%s', (name, want) => {
    const fx = loadLmmFixture(name);
    const got = nakagawaR2(fitAtR(fx, fx.expected.theta));
    expect(close(got.marginal, want.marginal, 1e-6)).toBe(true);
    expect(close(got.conditional, want.conditional, 1e-6)).toBe(true);
  });
});

describe('p-value adjustments', () => {
  it("Holm as R's p.adjust", () => {
    expect(holm([0.01, 0.04, 0.03, 0.005, 0.2]).map((v) => Number(v.toPrecision(12)))).toEqual([0.04, 0.09, 0.09, 0.025, 0.2]);
  });

  it('emmeans with Holm and with no adjustment order the same contrasts', () => {
    const fx = loadLmmFixture('oats');
    const inf = new LmmInference(fitAtR(fx, fx.expected.theta));
    const none = emmeans(inf, 'Variety', { adjust: 'none' });
    const h = emmeans(inf, 'Variety', { adjust: 'holm' });
    expect(h.contrasts.map((c) => c.pValue)).toEqual(holm(none.contrasts.map((c) => c.pValue)));
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
