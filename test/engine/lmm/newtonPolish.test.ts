import { describe, expect, it } from 'vitest';
import { newtonPolish } from '../../../src-engine/lmm/newtonPolish';
import { bobyqa } from '../../../src-engine/optim/minimize';
import { type MinimizeResult } from '../../../src-engine/optim/types';
import { buildDesign } from '../../../src-engine/design/buildDesign';
import { LmmModel } from '../../../src-engine/lmm/lmmModel';
import { momentTheta } from '../../../src-engine/lmm/initialTheta';
import { loadCaseTable } from './loadCase';

/** A smooth, non-quadratic function with its minimum at (1.5, -0.3, 0.7) and value 2. */
function bowl(x: Float64Array): number {
  const a = x[0] - 1.5;
  const b = x[1] + 0.3;
  const c = x[2] - 0.7;
  return 2 + a * a + 0.5 * b * b + 3 * c * c + 0.4 * a * b + 0.2 * a * a * a * a + Math.exp(c) - 1 - c;
}
const free = Float64Array.from([-Infinity, -Infinity, -Infinity]);
const noResume = (): MinimizeResult => {
  throw new Error('resume must not be called');
};
const counting = (fn: (x: Float64Array) => number) => {
  const f = (x: Float64Array) => (f.calls++, fn(x));
  f.calls = 0;
  return f;
};

describe('newtonPolish', () => {
  it('one Newton step from within 1e-3 of the optimum lands within 1e-6 of it', () => {
    const x0 = Float64Array.from([1.5008, -0.3006, 0.7004]);
    const r = newtonPolish(bowl, x0, bowl(x0), free, noResume);
    expect(r.how).toBe('newton');
    expect(r.evaluations).toBe(1);
    expect(r.f).toBeLessThan(bowl(x0));
    [1.5, -0.3, 0.7].forEach((v, i) => expect(Math.abs(r.x[i] - v)).toBeLessThan(1e-6));
    // the derivatives it returns are where it took them, ready for the convergence checks
    expect(Array.from(r.derivatives!.at)).toEqual(Array.from(x0));
    expect(r.derivatives!.hessian[0]).toBeCloseTo(2, 3); // H₁₁ (column-major)
  });

  it('leaves a θ near its bound to a resumed BOBYQA (a fit that may be singular)', () => {
    const lower = Float64Array.from([0]);
    const f = (x: Float64Array) => (x[0] - 0.001) ** 2;
    let resumedFrom: number[] = [];
    const resume = (from: Float64Array): MinimizeResult => {
      resumedFrom = Array.from(from);
      return bobyqa(f, from, { lower, rhobeg: 1e-2, rhoend: 1e-9, ftolAbs: 0 });
    };
    const r = newtonPolish(f, Float64Array.from([0.004]), f(Float64Array.from([0.004])), lower, resume);
    expect(r.how).toBe('resumed');
    expect(resumedFrom).toEqual([0.004]);
    expect(r.x[0]).toBeCloseTo(0.001, 7);
    expect(r.derivatives).toBeUndefined();
  });

  it('resumes BOBYQA where the Hessian is not positive definite (a saddle)', () => {
    const saddle = (x: Float64Array) => x[0] * x[0] - x[1] * x[1];
    let resumed = false;
    const resume = (from: Float64Array): MinimizeResult => {
      resumed = true;
      return { x: from, f: saddle(from), evaluations: 0, status: 'converged', message: '', optimizer: 'bobyqa', attempts: [] };
    };
    const x0 = Float64Array.from([0.1, 0.2]);
    const r = newtonPolish(saddle, x0, saddle(x0), Float64Array.from([-Infinity, -Infinity]), resume);
    expect(resumed).toBe(true);
    expect(r.how).toBe('resumed');
    expect(r.x).toEqual(x0);
  });

  it('keeps θ₀ when the step cannot lower a criterion that is flat to rounding', () => {
    const x0 = Float64Array.from([0.3]);
    // every point but θ₀ is worse by 1e-7: the derivatives are symmetric, so the step is tiny and fails
    const f = (x: Float64Array) => 1e-9 * (x[0] - 0.31) ** 2 + (x[0] === 0.3 ? 0 : 1e-7);
    const r = newtonPolish(f, x0, f(x0), free.subarray(0, 1), noResume);
    expect(r.how).toBe('at-optimum');
    expect(r.x).toBe(x0);
    expect(r.f).toBe(f(x0));
  });

  it('on a real LMM (Orthodont) reaches the tightly converged optimum with far fewer evaluations', () => {
    const table = loadCaseTable({ data: 'Orthodont.csv', factors: ['Subject', 'Sex'], subset: null } as never);
    const design = buildDesign(table, 'distance ~ age * Sex + (age | Subject)');
    const model = new LmmModel(design, true);
    const f = counting((t: Float64Array) => model.objective(t));
    const { lower } = model.thetaLayout;
    const start = momentTheta(design, model.thetaLayout)!; // fitDesign's start
    const tight = bobyqa((t) => model.objective(t), start, { lower, rhobeg: 0.2, rhoend: 2e-7, ftolAbs: 1e-10 });
    const loose = bobyqa(f, start, { lower, rhobeg: 0.2, rhoend: 1e-3, ftolAbs: 1e-10 });
    const r = newtonPolish(f, loose.x, loose.f, lower, noResume);
    expect(r.how).toBe('newton');
    expect(r.f).toBeLessThanOrEqual(tight.f + 1e-9);
    for (let i = 0; i < 3; i++) expect(Math.abs(r.x[i] - tight.x[i])).toBeLessThan(5e-5 * Math.max(1, Math.abs(tight.x[i])));
    expect(f.calls).toBeLessThan(tight.evaluations);
  });
});
