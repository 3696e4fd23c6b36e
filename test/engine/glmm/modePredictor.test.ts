import { describe, expect, it } from 'vitest';
import { ModePredictor } from '../../../src-engine/glmm/modePredictor';

/** A smooth vector function of 3 parameters, as the modes are of (θ, β). */
const modesAt = (x: number[]) => [Math.sin(x[0]) + x[1] * x[2], Math.exp(0.3 * x[1]) - x[0], x[0] * x[0] + Math.cos(x[2]), 2 * x[0] - x[1] + 0.5 * x[2]];

describe('ModePredictor', () => {
  it('has nothing to say before a point is recorded, and returns a recorded point’s modes there', () => {
    const p = new ModePredictor(3, 4);
    const out = new Float64Array(4);
    expect(p.predict([0, 0, 0], out)).toBe(false);
    p.record([0.1, 0.2, 0.3], modesAt([0.1, 0.2, 0.3]));
    p.record([0.5, 0.2, 0.3], modesAt([0.5, 0.2, 0.3]));
    expect(p.predict([0.1, 0.2, 0.3], out)).toBe(true);
    expect([...out]).toEqual(modesAt([0.1, 0.2, 0.3]));
  });

  it('predicts the Hessian’s points x ± h eᵢ ± h eⱼ to O(h²) from the points already found', () => {
    const x = [0.4, -0.2, 0.7];
    const h = 1e-4;
    const p = new ModePredictor(3, 4);
    const out = new Float64Array(4);
    const visit = (y: number[]) => {
      const want = modesAt(y);
      expect(p.predict(y, out)).toBe(true);
      return Math.max(...want.map((w, i) => Math.abs(out[i] - w)));
    };
    const errs: number[] = [];
    const at = (y: number[]) => {
      errs.push(visit(y));
      p.record(y, modesAt(y));
    };
    p.record(x, modesAt(x));
    for (let i = 0; i < 3; i++) {
      const up = x.slice();
      up[i] += h;
      visit(up); // the first point along an axis: no information about that direction yet
      p.record(up, modesAt(up));
      const down = x.slice();
      down[i] -= h;
      at(down);
      for (let j = 0; j < i; j++) {
        const pp = x.slice();
        pp[i] += h;
        pp[j] += h;
        at(pp);
        const mm = x.slice();
        mm[i] -= h;
        mm[j] -= h;
        at(mm);
      }
    }
    // the last point's modes would be ~h away; the affine prediction is within a few h²
    for (const e of errs) expect(e).toBeLessThan(10 * h * h);
  });

  it('falls back to the nearest point’s modes rather than extrapolate far', () => {
    const p = new ModePredictor(1, 1);
    p.record([0], [0]);
    p.record([1e-6], [1]);
    const out = new Float64Array(1);
    expect(p.predict([1], out)).toBe(true);
    expect(out[0]).toBe(1);
  });
});
