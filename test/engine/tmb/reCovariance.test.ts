/**
 * A random-effect term's covariance from glmmTMB's θ (src-engine/tmb/reCovariance.ts): the correlation
 * matrix glmmTMB 1.1.5 reports for a 3×3 "us" term fitted in R (VarCorr of
 * glmmTMB(count ~ x1 + (x1 + x2 | site), Salamanders, poisson) with x1, x2 from set.seed(1) rnorm:
 * m$fit$par's θ and attr(VarCorr(m)$cond$site, "correlation")), ½ log det Σ, P = Σ⁻¹, and ∂Σ/∂θ
 * against central differences.
 */
import { describe, expect, it } from 'vitest';
import { correlationOf, termCovariance, thetaCount } from '../../../src-engine/tmb/reCovariance';

const GLMMTMB_THETA = [0.3386104, -1.4458912, -1.4210329, 0.4870508, 0.2742556, -0.8930442];
const GLMMTMB_CORR = [[1, 0.4378759, 0.2004086], [0.4378759, 1, -0.4989385], [0.2004086, -0.4989385, 1]];

describe('random-effect covariance from θ', () => {
  it('counts θ as glmmTMB: k log SDs, then k(k − 1)/2 correlations for us', () => {
    expect([thetaCount(1, 'us'), thetaCount(2, 'us'), thetaCount(3, 'us'), thetaCount(3, 'diag')]).toEqual([1, 3, 6, 3]);
  });
  it('gives glmmTMB’s correlations and SDs for a 3×3 us term (correlation parameters row by row)', () => {
    const c = termCovariance(3, 'us', GLMMTMB_THETA);
    const corr = correlationOf(c);
    GLMMTMB_CORR.flat().forEach((v, i) => expect(corr[i]).toBeCloseTo(v, 6));
    for (let a = 0; a < 3; a++) expect(Math.sqrt(c.sigma[a * 4])).toBeCloseTo(Math.exp(GLMMTMB_THETA[a]), 12);
  });
  it('k = 2: ρ = θ₃ / √(1 + θ₃²); diag has zero correlations', () => {
    expect(correlationOf(termCovariance(2, 'us', [0, 0, 0.0901356923075501]))[1]).toBeCloseTo(0.0897717572410614, 12);
    const d = termCovariance(2, 'diag', [0.5, -1]);
    [Math.exp(1), 0, 0, Math.exp(-2)].forEach((v, i) => expect(d.sigma[i]).toBeCloseTo(v, 14));
  });
  it('its factor B is lower triangular with a positive diagonal and B Bᵀ = Σ (what simulations draw with)', () => {
    const c = termCovariance(3, 'us', GLMMTMB_THETA);
    const B = c.factor;
    for (let i = 0; i < 3; i++) {
      expect(B[i * 4]).toBeGreaterThan(0);
      for (let j = i + 1; j < 3; j++) expect(B[i * 3 + j]).toBe(0);
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let m = 0; m < 3; m++) s += B[i * 3 + m] * B[j * 3 + m];
        expect(s).toBeCloseTo(c.sigma[i * 3 + j], 13);
      }
    }
  });
  for (const [k, structure, theta] of [[3, 'us', GLMMTMB_THETA], [2, 'us', [-0.3, 0.2, 1.4]], [2, 'diag', [0.1, -0.7]], [1, 'us', [0.4]]] as const) {
    it(`${k}×${k} ${structure}: P Σ = I, ½ log det Σ, and ∂Σ/∂θ equal central differences`, () => {
      const c = termCovariance(k, structure, theta);
      for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) {
        let v = 0;
        for (let e = 0; e < k; e++) v += c.prec[a * k + e] * c.sigma[e * k + b];
        expect(v).toBeCloseTo(a === b ? 1 : 0, 12);
      }
      // det by expansion for k ≤ 3
      const S = c.sigma;
      const det = k === 1 ? S[0] : k === 2 ? S[0] * S[3] - S[1] * S[2]
        : S[0] * (S[4] * S[8] - S[5] * S[7]) - S[1] * (S[3] * S[8] - S[5] * S[6]) + S[2] * (S[3] * S[7] - S[4] * S[6]);
      expect(c.halfLogDet).toBeCloseTo(0.5 * Math.log(det), 12);
      const h = 1e-6;
      c.dSigma.forEach((dS, m) => {
        const up = [...theta], down = [...theta];
        up[m] += h; down[m] -= h;
        const su = termCovariance(k, structure, up).sigma, sd = termCovariance(k, structure, down).sigma;
        dS.forEach((v, i) => expect(v).toBeCloseTo((su[i] - sd[i]) / (2 * h), 8));
      });
    });
  }
});
