/** The projected quasi-Newton run of the convergence verdict: bounds, known minima, the LMM criterion, budget. */
import { describe, expect, it } from 'vitest';
import { bobyqa, quasiNewton } from '../../../src-engine/optim/minimize';
import { buildDesign } from '../../../src-engine/design/buildDesign';
import { LmmModel } from '../../../src-engine/lmm/lmmModel';
import { loadCaseTable } from '../lmm/loadCase';

describe('quasiNewton', () => {
  it('finds the minimum of Rosenbrock’s valley', () => {
    const f = (x: Float64Array) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;
    const r = quasiNewton(f, [-1.2, 1], { lower: [-Infinity, -Infinity] });
    expect(r.status).toBe('converged');
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
  });

  it('stops on a bound when the gradient pushes outward, and moves along the others', () => {
    // minimum at (−1, 2) without bounds; with x ≥ 0 it is (0, 2)
    const f = (x: Float64Array) => (x[0] + 1) ** 2 + (x[1] - 2) ** 2 + 0.5 * x[0] * (x[1] - 2);
    const r = quasiNewton(f, [1, 0], { lower: [0, -Infinity] });
    expect(r.status).toBe('converged');
    expect(r.x[0]).toBe(0);
    expect(r.x[1]).toBeCloseTo(2, 6);
  });

  it('reaches the REML optimum BOBYQA reaches on sleepstudy with slopes', () => {
    const table = loadCaseTable({ data: 'sleepstudy.csv', factors: ['Subject'], subset: null } as never);
    const model = new LmmModel(buildDesign(table, 'Reaction ~ Days + (Days | Subject)'), true);
    const f = (t: Float64Array) => model.objective(t);
    const { lower, initial } = model.thetaLayout;
    const qn = quasiNewton(f, initial, { lower });
    const bq = bobyqa(f, initial, { lower });
    expect(qn.status).toBe('converged');
    expect(Math.abs(qn.f - bq.f)).toBeLessThan(1e-6);
    qn.x.forEach((v, i) => expect(v).toBeCloseTo(bq.x[i], 3));
  });

  it('stops at its evaluation budget and says so', () => {
    const f = (x: Float64Array) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;
    const r = quasiNewton(f, [-1.2, 1], { lower: [-Infinity, -Infinity], maxEvaluations: 20 });
    expect(r.status).toBe('max-evaluations');
    expect(r.evaluations).toBe(20);
  });
});
