import { describe, expect, it } from 'vitest';
import { minimizeWithFallback, nelderMead } from '../../../src-engine/optim/minimize';

const rosenbrock = (x: Float64Array) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;

describe('nelderMead', () => {
  it('minimizes a 2-D quadratic', () => {
    const r = nelderMead((x) => (x[0] - 1) ** 2 + 3 * (x[1] + 2) ** 2, [0, 0], { lower: [-Infinity, -Infinity], rhobeg: 0.5, rhoend: 1e-8, ftolAbs: 0 });
    expect(r.status).toBe('converged');
    expect(r.optimizer).toBe('nelder-mead');
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(-2, 6);
  });

  it('solves the Rosenbrock function', () => {
    const r = nelderMead(rosenbrock, [-1.2, 1], { lower: [-Infinity, -Infinity], rhobeg: 0.5, rhoend: 1e-9, ftolAbs: 0 });
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
  });

  it('stays in the box and finds a minimum on the bound', () => {
    const r = nelderMead(
      (x) => {
        if (x[0] < 0) throw new Error('outside');
        return (x[0] + 1) ** 2 + (x[1] - 2) ** 2;
      },
      [1, 1],
      { lower: [0, -Infinity], rhobeg: 0.5, rhoend: 1e-9, ftolAbs: 0 },
    );
    expect(r.x[0]).toBeLessThan(1e-6);
    expect(r.x[1]).toBeCloseTo(2, 5);
  });

  it('treats non-finite values as +∞ and backs away from them', () => {
    const r = nelderMead((x) => (x[0] > 2 ? NaN : (x[0] - 1.5) ** 2 + x[1] ** 2), [1.9, 1], { lower: [-Infinity, -Infinity], rhobeg: 0.5, ftolAbs: 0, rhoend: 1e-8 });
    expect(r.status).toBe('converged');
    expect(r.x[0]).toBeCloseTo(1.5, 5);
  });

  it("reports 'max-evaluations'", () => {
    const r = nelderMead(rosenbrock, [-1.2, 1], { lower: [-Infinity, -Infinity], maxEvaluations: 15 });
    expect(r.status).toBe('max-evaluations');
    expect(r.evaluations).toBe(15);
  });
});

describe('minimizeWithFallback', () => {
  it('keeps the BOBYQA result when it converges', () => {
    const r = minimizeWithFallback((x) => (x[0] - 1) ** 2 + (x[1] - 2) ** 2, [0, 0], { lower: [-Infinity, -Infinity] });
    expect(r.optimizer).toBe('bobyqa');
    expect(r.attempts.map((a) => a.optimizer)).toEqual(['bobyqa']);
    expect(r.status).toBe('converged');
  });

  it('retries with Nelder–Mead from the best point when BOBYQA fails', () => {
    // BOBYQA cannot model a NaN; the simplex walks around it.
    const f = (x: Float64Array) => (x[1] > 0.25 ? NaN : (x[0] - 1) ** 2 + (x[1] + 0.5) ** 2);
    const counts: number[] = [];
    const r = minimizeWithFallback(f, [0.5, 0], { lower: [-Infinity, -Infinity], rhobeg: 0.3, rhoend: 1e-8, ftolAbs: 0, onEvaluation: (k) => void counts.push(k) });
    expect(r.attempts.map((a) => a.optimizer)).toEqual(['bobyqa', 'nelder-mead']);
    expect(r.attempts[0].status).toBe('failed');
    expect(r.optimizer).toBe('nelder-mead');
    expect(r.status).toBe('converged');
    expect(r.evaluations).toBe(r.attempts[0].evaluations + r.attempts[1].evaluations);
    expect(counts).toEqual(Array.from({ length: r.evaluations }, (_, i) => i + 1));
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(-0.5, 5);
    expect(r.f).toBeLessThanOrEqual(r.attempts[0].f);
  });

  it('retries after BOBYQA runs out of evaluations, and does not retry a cancellation', () => {
    const r = minimizeWithFallback(rosenbrock, [-1.2, 1], { lower: [-Infinity, -Infinity], maxEvaluations: 30 });
    expect(r.attempts.map((a) => a.status)).toEqual(['max-evaluations', 'max-evaluations']);
    expect(r.evaluations).toBe(60);
    const signal = { aborted: true };
    expect(() => minimizeWithFallback(rosenbrock, [-1.2, 1], { lower: [-Infinity, -Infinity], signal })).toThrow(/cancelled/);
  });
});
