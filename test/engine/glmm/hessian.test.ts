import { describe, expect, it } from 'vitest';
import { buildDesign } from '../../../src-engine/design/buildDesign';
import { makeFamily } from '../../../src-engine/glmm/family';
import { glmStart } from '../../../src-engine/glmm/glmStart';
import { GlmmModel } from '../../../src-engine/glmm/glmmModel';
import { gradientHessian } from '../../../src-engine/glmm/hessian';
import { glmResponse } from '../../../src-engine/glmm/response';
import { deriv12 } from '../../../src-engine/lmm/convergence';
import { loadCaseTable } from '../lmm/loadCase';

const free = (k: number) => new Float64Array(k).fill(-Infinity);

describe('gradientHessian (the GLMM fit’s Hessian, 1 + 2n + n(n − 1) evaluations)', () => {
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
});
