/** Newton's method on finite differences (nlme's fits after BOBYQA's basin): known minima, damping, ridges, cost, cancellation. */
import { describe, expect, it } from 'vitest';
import { newtonMinimize, type NewtonSettings } from '../../../src-engine/optim/newton';
import { QuadratError } from '../../../src-engine/errors/quadratError';

const SETTINGS: NewtonSettings = { h: 1e-4, stepTol: 1e-5, decreaseTol: 1e-6, crawlGain: 1e-6, maxIterations: 10 };

function counted(f: (x: Float64Array) => number) {
  const out = { calls: 0, f: (x: Float64Array) => (out.calls++, f(x)) };
  return out;
}

describe('newtonMinimize', () => {
  it('takes a quadratic’s minimum in one step, at 1 + 2n + n(n − 1)/2 evaluations an iteration', () => {
    // f = ½ (x − c)ᵀ A (x − c) with A positive definite and coupled
    const c = [1, -2, 0.5];
    const A = [4, 1, 0.5, 1, 3, -0.4, 0.5, -0.4, 2];
    const f = counted((x) => {
      let s = 0;
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) s += 0.5 * (x[i] - c[i]) * A[i * 3 + j] * (x[j] - c[j]);
      return s;
    });
    const x0 = Float64Array.from([0, 0, 0]);
    const r = newtonMinimize(f.f, x0, f.f(x0), SETTINGS);
    expect(r.converged).toBe(true);
    for (let i = 0; i < 3; i++) expect(r.x[i]).toBeCloseTo(c[i], 7);
    // the first iteration lands on the minimum; the second's undamped step is below stepTol
    expect(r.evaluations).toBe(2 * (2 * 3 + 3 + 1));
    expect(f.calls).toBe(r.evaluations + 1);
  });

  it('crosses a curved valley BOBYQA crawls along (Rosenbrock, from inside its basin)', () => {
    const f = (x: Float64Array) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;
    const x0 = Float64Array.from([0.8, 0.6]);
    const r = newtonMinimize(f, x0, f(x0), SETTINGS);
    expect(r.converged).toBe(true);
    // stopped once a step promised < 1e-6: the next would have gained ≲ 1e-9 here (condition number ~2500)
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
    expect(r.f).toBeLessThan(1e-9);
  });

  it('damps the step where the Hessian is indefinite, and still descends', () => {
    // a saddle-shaped start: ∂²f/∂x² < 0 at x = 0.1, the minimum at x = ±1 (with y = 0)
    const f = (x: Float64Array) => (x[0] ** 2 - 1) ** 2 + x[1] ** 2;
    const x0 = Float64Array.from([0.1, 0.3]);
    const r = newtonMinimize(f, x0, f(x0), { ...SETTINGS, maxIterations: 30 });
    expect(r.converged).toBe(true);
    expect(Math.abs(r.x[0])).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(0, 6);
  });

  it('gives up on a ridge where damped steps gain next to nothing, returning its best point', () => {
    // concave and almost flat: every step needs damping and gains < crawlGain
    const f = (x: Float64Array) => -1e-4 * x[0] ** 2 + (x[1] - 1) ** 2;
    const x0 = Float64Array.from([0.01, 1]);
    const f0 = f(x0);
    const r = newtonMinimize(f, x0, f0, SETTINGS);
    expect(r.converged).toBe(false);
    // after the first iteration (5 differences and the damped trials), not after maxIterations
    expect(r.evaluations).toBeLessThan(10);
    expect(r.f).toBeLessThan(f0);
    expect(r.f).toBe(f(r.x));
  });

  it('returns unconverged, at its start, when the objective is not finite around it', () => {
    const f = (x: Float64Array) => (x[0] > 0 ? Infinity : x[0] ** 2);
    const x0 = Float64Array.from([0]);
    const r = newtonMinimize(f, x0, 0, SETTINGS);
    expect(r.converged).toBe(false);
    expect(Array.from(r.x)).toEqual([0]);
  });

  it('stops with a cancellation error when the signal is aborted', () => {
    const signal = { aborted: false };
    const f = (x: Float64Array) => {
      signal.aborted = true;
      return x[0] ** 2;
    };
    expect(() => newtonMinimize(f, Float64Array.from([1]), 1, { ...SETTINGS, signal })).toThrow(QuadratError);
  });
});
