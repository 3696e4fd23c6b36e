import { describe, expect, it } from 'vitest';
import { AndersonMixer } from '../../../src-engine/nlme/anderson';

/** G(f) = A f + b with A's eigenvalues −0.6 and 0.9 (slow, and alternating as the nlme alternation's). */
function G(f: Float64Array): Float64Array {
  const c = Math.SQRT1_2;
  // A = Q diag(−0.6, 0.9) Qᵀ, Q the rotation by 45°
  const a = [c * f[0] + c * f[1], -c * f[0] + c * f[1]];
  const d = [-0.6 * a[0], 0.9 * a[1]];
  return Float64Array.from([c * d[0] - c * d[1] + 1, c * d[0] + c * d[1] + 2]);
}

function stepsToFixedPoint(memory: number): { steps: number; f: Float64Array; theta: Float64Array } {
  const mixer = new AndersonMixer(memory);
  let f: Float64Array = Float64Array.from([0, 0]);
  let theta: Float64Array = Float64Array.from([0]);
  for (let k = 1; k <= 1000; k++) {
    const g = G(f);
    // θ is carried along as a function of the fitted values (θ = f₀ + f₁ at G's output)
    const next = Float64Array.from([g[0] + g[1]]);
    if (Math.hypot(g[0] - f[0], g[1] - f[1]) < 1e-12) return { steps: k, f: g, theta: next };
    ({ fitted: f, par: theta } = mixer.next(f, g, next));
  }
  return { steps: Infinity, f, theta };
}

describe('AndersonMixer', () => {
  // the fixed point of f = A f + b: (I − A) f = b
  const c = Math.SQRT1_2;
  const bRot = [c * 1 + c * 2, -c * 1 + c * 2];
  const fixRot = [bRot[0] / 1.6, bRot[1] / 0.1];
  const fixed = [c * fixRot[0] - c * fixRot[1], c * fixRot[0] + c * fixRot[1]];

  it('without memory is the plain iteration; with it reaches the same fixed point in far fewer steps', () => {
    const plain = stepsToFixedPoint(0);
    const mixed = stepsToFixedPoint(2);
    expect(plain.steps).toBeGreaterThan(200);
    expect(mixed.steps).toBeLessThanOrEqual(6);
    for (const r of [plain, mixed]) {
      expect(r.f[0]).toBeCloseTo(fixed[0], 9);
      expect(r.f[1]).toBeCloseTo(fixed[1], 9);
      expect(r.theta[0]).toBeCloseTo(fixed[0] + fixed[1], 9);
    }
  });
});
