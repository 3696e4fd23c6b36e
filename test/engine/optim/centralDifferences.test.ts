import { describe, expect, it } from 'vitest';
import { buildDesign } from '../../../src-engine/design/buildDesign';
import { makeFamily } from '../../../src-engine/glmm/family';
import { glmStart } from '../../../src-engine/glmm/glmStart';
import { GlmmModel } from '../../../src-engine/glmm/glmmModel';
import { gradientHessian } from '../../../src-engine/optim/centralDifferences';
import { glmResponse } from '../../../src-engine/glmm/response';
import { deriv12 } from '../../../src-engine/lmm/convergence';
import { loadCaseTable } from '../lmm/loadCase';

const free = (k: number) => new Float64Array(k).fill(-Infinity);

describe('gradientHessian (the GLMM fit’s and nlme apVar’s Hessian, 1 + 2n + n(n − 1) evaluations)', () => {
  it('matches the analytic gradient and Hessian of a smooth non-quadratic function', () => {
    // f = exp(a·x) + Σ c_i x_i⁴ + xᵀ B x: every third and fourth derivative present
    const a = [0.3, -0.2, 0.5, 0.1];
    const c = [0.7, 0.2, 1.1, 0.4];
    const B = [
      [2, 0.3, -0.1, 0.2],
      [0.3, 1.5, 0.4, 0],
      [-0.1, 0.4, 3, -0.5],
      [0.2, 0, -0.5, 1],
    ];
    const f = (x: Float64Array) => {
      let ax = 0;
      let s = 0;
      for (let i = 0; i < 4; i++) {
        ax += a[i] * x[i];
        s += c[i] * x[i] ** 4;
        for (let j = 0; j < 4; j++) s += x[i] * B[i][j] * x[j];
      }
      return Math.exp(ax) + s;
    };
    const x = Float64Array.from([0.4, -0.7, 0.2, 1.1]);
    const e = Math.exp(a.reduce((s, ai, i) => s + ai * x[i], 0));
    const { gradient, hessian } = gradientHessian(f, x, free(4));
    for (let i = 0; i < 4; i++) {
      const gi = a[i] * e + 4 * c[i] * x[i] ** 3 + 2 * B[i].reduce((s, b, j) => s + b * x[j], 0);
      expect(gradient[i]).toBeCloseTo(gi, 6);
      for (let j = 0; j < 4; j++) {
        const hij = a[i] * a[j] * e + (i === j ? 12 * c[i] * x[i] ** 2 : 0) + 2 * B[i][j];
        expect(Math.abs(hessian[j * 4 + i] - hij)).toBeLessThan(1e-5 * Math.max(1, Math.abs(hij)));
      }
    }
  });

  it('gives deriv12’s gradient and Hessian to 1e-6 relative on a GLMM objective (cbpp, Laplace)', () => {
    const table = loadCaseTable({ data: 'cbpp.csv', factors: ['herd', 'period'], subset: null } as never);
    const family = makeFamily('binomial');
    const design = buildDesign(table, 'cbind(incidence, size - incidence) ~ period + (1 | herd)', { family: 'binomial' });
    const resp = glmResponse(design);
    const model = new GlmmModel(design, family, resp, glmStart(design, family, resp));
    // glmer's estimates for this model
    const par = Float64Array.from([0.6420622, -1.3983429, -0.9919250, -1.1282168, -1.5797454]);
    const f = (x: Float64Array) => model.objective(x, 1);
    const ours = gradientHessian(f, par, free(5));
    const ref = deriv12(f, par, free(5));
    const scale = Math.max(...Array.from(ref.hessian, Math.abs));
    for (let i = 0; i < 5; i++) {
      expect(Math.abs(ours.gradient[i] - ref.gradient[i])).toBeLessThan(1e-6 * Math.max(1, Math.abs(ref.gradient[i])));
      for (let j = 0; j < 5; j++) expect(Math.abs(ours.hessian[j * 5 + i] - ref.hessian[j * 5 + i]), `H[${i}][${j}]`).toBeLessThan(1e-6 * scale);
    }
  });
  it('takes one step per coordinate (nlme’s apVar: 1e-4·max(1, |xᵢ|)) and clamps at the lower bounds', () => {
    // f = Σ sᵢ² xᵢ⁴ + x₀x₁: coordinates on scales 1e-2 … 1e3, so one common step would be far too
    // coarse for some and too fine for others
    const s = [100, 1, 0.01];
    const f = (x: Float64Array) => x.reduce((acc, v, i) => acc + (s[i] * v) ** 4, 0) + x[0] * x[1];
    const x = Float64Array.from([0.02, 1.5, 300]);
    const steps = x.map((v) => 1e-4 * Math.max(1, Math.abs(v)));
    const { gradient, hessian } = gradientHessian(f, x, free(3), steps);
    const hii = (i: number) => 12 * s[i] ** 4 * x[i] ** 2;
    for (let i = 0; i < 3; i++) {
      const gi = 4 * s[i] ** 4 * x[i] ** 3 + (i === 0 ? x[1] : i === 1 ? x[0] : 0);
      expect(Math.abs(gradient[i] - gi), `g[${i}]`).toBeLessThan(1e-4 * Math.max(1, Math.abs(gi))); // O(h²): 2.5e-5 at x₀
      expect(Math.abs(hessian[i * 3 + i] - hii(i)), `H[${i}][${i}]`).toBeLessThan(1e-5 * hii(i));
    }
    expect(hessian[1 * 3 + 0]).toBeCloseTo(1, 5);
    expect(hessian[0 * 3 + 1]).toBe(hessian[1 * 3 + 0]);
    expect(hessian[2 * 3 + 0]).toBeCloseTo(0, 5);
    // one step of 1e-4 for all loses the large coordinate's curvature to rounding (f ≈ 81 there)
    const common = gradientHessian(f, x, free(3));
    expect(Math.abs(common.hessian[8] - hii(2))).toBeGreaterThan(1e-5 * hii(2));
    // at a bound the step down is clamped: f is never evaluated below it
    const seen: number[] = [];
    gradientHessian((y) => (seen.push(y[0]), y[0] ** 2), Float64Array.from([0]), Float64Array.from([0]), [0.5]);
    expect(Math.min(...seen)).toBe(0);
  });
});

describe('gradientHessian, oneSided (Newton’s steps: 2n + n(n − 1)/2 evaluations with f(x) given)', () => {
  it('gives a quadratic’s Hessian to rounding and the central gradient, from n(n − 1)/2 cross points', () => {
    // f = ½ xᵀ B x + bᵀx: the one-sided cross difference is exact for a quadratic (no third derivatives)
    const B = [
      [4, 1, 0.5],
      [1, 3, -0.4],
      [0.5, -0.4, 2],
    ];
    const b = [1, -2, 0.5];
    let calls = 0;
    const f = (x: Float64Array) => {
      calls++;
      let s = 0;
      for (let i = 0; i < 3; i++) {
        s += b[i] * x[i];
        for (let j = 0; j < 3; j++) s += 0.5 * x[i] * B[i][j] * x[j];
      }
      return s;
    };
    const x = Float64Array.from([0.3, -0.7, 1.2]);
    const fx = f(x);
    calls = 0;
    const { gradient, hessian } = gradientHessian(f, x, free(3), 1e-4, { oneSided: true, fx });
    expect(calls).toBe(2 * 3 + 3);
    for (let i = 0; i < 3; i++) {
      let gi = b[i];
      for (let j = 0; j < 3; j++) gi += B[i][j] * x[j];
      expect(gradient[i]).toBeCloseTo(gi, 7);
      for (let j = 0; j < 3; j++) expect(hessian[j * 3 + i]).toBeCloseTo(B[i][j], 4);
    }
  });
});
