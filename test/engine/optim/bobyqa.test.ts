import { describe, expect, it } from 'vitest';
import { isQuadratError } from '../../../src-engine/errors/quadratError';
import { bobyqa } from '../../../src-engine/optim/minimize';

const rosenbrock = (x: Float64Array) => {
  let s = 0;
  for (let i = 0; i < x.length - 1; i++) s += 100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2;
  return s;
};
const free = (n: number) => new Array<number>(n).fill(-Infinity);
const counting = (f: (x: Float64Array) => number) => {
  const calls = { n: 0 };
  return { calls, f: (x: Float64Array) => (calls.n++, f(x)) };
};

describe('bobyqa: unconstrained test functions', () => {
  it('solves the 2-D Rosenbrock function from (−1.2, 1)', () => {
    const r = bobyqa(rosenbrock, [-1.2, 1], { lower: free(2), rhobeg: 0.5, rhoend: 1e-8, ftolAbs: 0 });
    expect(r.status).toBe('converged');
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
    expect(r.f).toBeLessThan(1e-12);
    expect(r.evaluations).toBeLessThan(230); // 192 when written; NLopt 186, minqa 346
  });

  it('solves the 5-D Rosenbrock function', () => {
    const r = bobyqa(rosenbrock, [-1.2, 1, -1.2, 1, -1.2], { lower: free(5), rhobeg: 0.5, rhoend: 1e-8, ftolAbs: 0 });
    expect(r.status).toBe('converged');
    for (const v of r.x) expect(v).toBeCloseTo(1, 5);
    expect(r.evaluations).toBeLessThan(460); // 381 when written
  });

  it('converges on a 3-D convex quadratic to 1e-8 in fewer than 60 evaluations', () => {
    // minimum at the solution of [[2, .5, 0], [.5, 4, 0], [0, 0, 6]] x = [2, −8, 3]
    const f = (x: Float64Array) => (x[0] - 1) ** 2 + 2 * (x[1] + 2) ** 2 + 3 * (x[2] - 0.5) ** 2 + 0.5 * x[0] * x[1];
    const { calls, f: g } = counting(f);
    const r = bobyqa(g, [0, 0, 0], { lower: free(3), rhobeg: 0.5, rhoend: 1e-8, ftolAbs: 0 });
    const exact = [48 / 31, -68 / 31, 0.5];
    for (let i = 0; i < 3; i++) expect(Math.abs(r.x[i] - exact[i])).toBeLessThan(1e-8);
    expect(r.evaluations).toBe(calls.n);
    expect(r.evaluations).toBeLessThan(60); // 49 when written; NLopt 49, minqa 65
  });

  it('minimizes a 1-D function', () => {
    const r = bobyqa((x) => (x[0] - 3) ** 2 + 1, [0], { lower: [-Infinity], rhobeg: 0.5, rhoend: 1e-8, ftolAbs: 0 });
    expect(r.x[0]).toBeCloseTo(3, 8);
    expect(r.f).toBeCloseTo(1, 12);
    expect(r.evaluations).toBeLessThan(25);
  });

  it('handles badly scaled quadratics (curvatures 1e-2 … 1e4, rotated)', () => {
    const w = [1e-2, 1, 1e2, 1e4];
    const f = (x: Float64Array) => {
      // rotate pairs by 30° so the scaling is not axis-aligned
      const c = Math.cos(Math.PI / 6);
      const s = Math.sin(Math.PI / 6);
      const y = [c * (x[0] - 1) - s * (x[1] - 2), s * (x[0] - 1) + c * (x[1] - 2), c * (x[2] + 1) - s * (x[3] - 0.5), s * (x[2] + 1) + c * (x[3] - 0.5)];
      return y.reduce((a, v, i) => a + w[i] * v * v, 0);
    };
    const r = bobyqa(f, [0, 0, 0, 0], { lower: free(4), rhobeg: 0.5, rhoend: 1e-10, ftolAbs: 0 });
    expect(r.status).toBe('converged');
    expect(r.f).toBeLessThan(1e-12);
    [1, 2, -1, 0.5].forEach((v, i) => expect(r.x[i]).toBeCloseTo(v, 4));
  });

  it('copes with a small high-frequency ripple (noise-like) on a quadratic', () => {
    const f = (x: Float64Array) =>
      (x[0] - 0.3) ** 2 + 3 * (x[1] + 0.7) ** 2 + 1e-9 * Math.sin(1e5 * x[0]) * Math.cos(1e5 * x[1]);
    const r = bobyqa(f, [2, 2], { lower: free(2), rhobeg: 0.5, rhoend: 1e-8, ftolAbs: 0 });
    expect(r.status).toBe('converged');
    expect(Math.abs(r.x[0] - 0.3)).toBeLessThan(1e-3);
    expect(Math.abs(r.x[1] + 0.7)).toBeLessThan(1e-3);
    expect(r.f).toBeLessThan(1e-6);
  });
});

describe('bobyqa: bounds', () => {
  it('finds a minimum on the bound: (x+1)² + (y−2)², x ≥ 0', () => {
    const r = bobyqa((x) => (x[0] + 1) ** 2 + (x[1] - 2) ** 2, [1, 1], { lower: [0, -Infinity], rhobeg: 0.5 });
    expect(r.status).toBe('converged');
    expect(r.x[0]).toBe(0); // exactly on the bound
    expect(r.x[1]).toBeCloseTo(2, 6);
    expect(r.evaluations).toBeLessThan(40);
  });

  it('mixes bounded and unbounded coordinates, with lower and upper bounds active', () => {
    // optimum (0, 2/3, 2): x0 ≥ 0 and x2 ≤ 2 active, x1 free
    const f = (x: Float64Array) => (x[0] + 1) ** 2 + (x[1] - 1) ** 2 + 10 * (x[2] - 3) ** 2 + 0.5 * (x[0] - x[1]) ** 2;
    const r = bobyqa(f, [1, 0, 1.5], { lower: [0, -Infinity, 1], upper: [Infinity, Infinity, 2], rhobeg: 0.2, ftolAbs: 0 });
    expect(r.status).toBe('converged');
    expect(r.x[0]).toBe(0);
    expect(r.x[1]).toBeCloseTo(2 / 3, 7);
    expect(r.x[2]).toBe(2);
  });

  it('never evaluates outside the box', () => {
    const lower = [0.5, -1, 0];
    const upper = [2, 1, 0.25];
    const r = bobyqa(
      (x) => {
        for (let i = 0; i < 3; i++) if (x[i] < lower[i] || x[i] > upper[i]) throw new Error('outside');
        return rosenbrock(x);
      },
      [1, 0, 0.1],
      { lower, upper, rhobeg: 0.1 },
    );
    expect(r.status).toBe('converged');
    expect(r.x[2]).toBe(0.25);
  });

  it('holds a parameter whose bounds coincide fixed', () => {
    const seen: number[] = [];
    const r = bobyqa(
      (x) => (seen.push(x[1]), (x[0] - 1) ** 2 + (x[1] - 5) ** 2 + (x[2] + 1) ** 2),
      [0, 2, 0],
      { lower: [-Infinity, 2, -Infinity], upper: [Infinity, 2, Infinity], ftolAbs: 0 },
    );
    expect(new Set(seen)).toEqual(new Set([2]));
    expect(r.x[0]).toBeCloseTo(1, 7);
    expect(r.x[1]).toBe(2);
    expect(r.x[2]).toBeCloseTo(-1, 7);
  });

  it('shrinks rhobeg when a box is narrower than 2·rhobeg', () => {
    const r = bobyqa((x) => (x[0] - 0.05) ** 2 + x[1] ** 2, [0, 1], { lower: [0, -Infinity], upper: [0.1, Infinity], rhobeg: 1 });
    expect(r.status).toBe('converged');
    expect(r.x[0]).toBeCloseTo(0.05, 7);
  });
});

describe('bobyqa: stopping and control', () => {
  it("reports 'max-evaluations' with the best point seen", () => {
    let best = Infinity;
    const r = bobyqa(
      (x) => {
        const v = rosenbrock(x);
        best = Math.min(best, v);
        return v;
      },
      [-1.2, 1],
      { lower: free(2), maxEvaluations: 20 },
    );
    expect(r.status).toBe('max-evaluations');
    expect(r.evaluations).toBe(20);
    expect(r.f).toBe(best);
    expect(rosenbrock(r.x)).toBe(r.f);
  });

  it('stops on ftolAbs with fewer evaluations than a tight rhoend', () => {
    const f = (x: Float64Array) => 1000 + (x[0] - 1) ** 2 + 5 * (x[1] - 2) ** 2 + Math.sin(x[0]) ** 4;
    const loose = bobyqa(f, [0, 0], { lower: free(2), ftolAbs: 1e-4, rhoend: 1e-12 });
    const tight = bobyqa(f, [0, 0], { lower: free(2), ftolAbs: 0, rhoend: 1e-12 });
    expect(loose.status).toBe('converged');
    expect(loose.message).toMatch(/ftolAbs/);
    expect(loose.evaluations).toBeLessThan(tight.evaluations);
    expect(loose.f - tight.f).toBeLessThan(1e-3);
  });

  it('throws a cancelled QuadratError when the signal is aborted', () => {
    const signal = { aborted: false };
    let calls = 0;
    const run = () =>
      bobyqa(
        (x) => {
          if (++calls === 10) signal.aborted = true;
          return rosenbrock(x);
        },
        [-1.2, 1],
        { lower: free(2), signal },
      );
    expect(run).toThrow(/cancelled/);
    try {
      calls = 0;
      signal.aborted = false;
      run();
    } catch (e) {
      expect(isQuadratError(e) && e.kind).toBe('cancelled');
    }
    expect(calls).toBe(10);
  });

  it('reports every evaluation to onEvaluation, which can stop the fit', () => {
    const seen: number[] = [];
    const r = bobyqa(rosenbrock, [-1.2, 1], {
      lower: free(2),
      onEvaluation: (k, f, x) => {
        expect(f).toBe(rosenbrock(x));
        seen.push(k);
      },
    });
    expect(seen).toEqual(Array.from({ length: r.evaluations }, (_, i) => i + 1));
    expect(() => bobyqa(rosenbrock, [-1.2, 1], { lower: free(2), onEvaluation: (k) => k < 5 })).toThrow(/cancelled/);
  });

  it("returns 'failed' when the objective is not finite", () => {
    const r = bobyqa((x) => (x[0] > 1.1 ? NaN : (x[0] - 2) ** 2 + x[1] ** 2), [1, 1], { lower: free(2), rhobeg: 0.2 });
    expect(r.status).toBe('failed');
    expect(r.x[0]).toBeLessThanOrEqual(1.1);
    expect(Number.isFinite(r.f)).toBe(true);
  });

  it('rejects inconsistent input with a QuadratError', () => {
    const f = (x: Float64Array) => x[0] ** 2;
    expect(() => bobyqa(f, [1, 2], { lower: [0] })).toThrow(/2 parameters/);
    expect(() => bobyqa(f, [1], { lower: [1], upper: [0] })).toThrow(/inconsistent bounds/);
    expect(() => bobyqa(f, [NaN], { lower: [0] })).toThrow(/not a finite number/);
    expect(() => bobyqa(f, [], { lower: [] })).toThrow(/at least one parameter/);
  });
});
