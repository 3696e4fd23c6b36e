import { Matrix, inverse } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { Evaluator } from '../../../src-engine/optim/evaluator';
import { vlagBeta } from '../../../src-engine/optim/bobyqa/lagrange';
import { withEvaluator } from '../../../src-engine/optim/bobyqa/objective';
import { adjustStart, chooseSteps, prelim } from '../../../src-engine/optim/bobyqa/prelim';
import { shiftBase, ShiftWork } from '../../../src-engine/optim/bobyqa/shiftBase';
import { type BobyqaState, omegaDiag } from '../../../src-engine/optim/bobyqa/state';
import { updateInverse, updateModel } from '../../../src-engine/optim/bobyqa/update';

/** H = W⁻¹ computed directly from the interpolation points, for comparison with the updates. */
function directInverse(s: BobyqaState): Matrix {
  const { n, npt, xpt } = s;
  const size = npt + n + 1;
  const w = Matrix.zeros(size, size);
  for (let i = 0; i < npt; i++) {
    for (let j = 0; j < npt; j++) {
      let dot = 0;
      for (let c = 0; c < n; c++) dot += xpt[i * n + c] * xpt[j * n + c];
      w.set(i, j, 0.5 * dot * dot);
    }
    w.set(i, npt, 1);
    w.set(npt, i, 1);
    for (let c = 0; c < n; c++) {
      w.set(i, npt + 1 + c, xpt[i * n + c]);
      w.set(npt + 1 + c, i, xpt[i * n + c]);
    }
  }
  return inverse(w);
}

function maxStoredError(s: BobyqaState): number {
  const { n, npt, nz, zmat, bmat } = s;
  const h = directInverse(s);
  let scale = 0;
  let err = 0;
  const cmp = (stored: number, exact: number) => {
    scale = Math.max(scale, Math.abs(exact));
    err = Math.max(err, Math.abs(stored - exact));
  };
  for (let i = 0; i < npt; i++) {
    for (let j = 0; j < npt; j++) {
      let om = 0;
      for (let c = 0; c < nz; c++) om += zmat[i * nz + c] * zmat[j * nz + c];
      cmp(om, h.get(i, j));
    }
    for (let c = 0; c < n; c++) cmp(bmat[i * n + c], h.get(npt + 1 + c, i));
  }
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) cmp(bmat[(npt + a) * n + b], h.get(npt + 1 + a, npt + 1 + b));
  return err / scale;
}

function seeded(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

describe('BOBYQA inverse-KKT bookkeeping', () => {
  const n = 3;
  const f = (x: Float64Array) => x.reduce((a, v, i) => a + (i + 1) * v * v, 0);
  const lower = new Float64Array(n).fill(-10);
  const upper = new Float64Array(n).fill(10);
  const start = () => {
    const ev = new Evaluator(f, n, { maxEvaluations: 1000 });
    return withEvaluator(ev, () => prelim(Float64Array.from([0.3, -0.2, 0.5]), NaN, 0.5, lower, upper));
  };

  it('prelim builds H in closed form equal to the direct inverse', () => {
    expect(maxStoredError(start())).toBeLessThan(1e-12);
  });

  it('prelim uses 2ρ on the open side of a coordinate that starts on its bound', () => {
    const ev = new Evaluator(f, n, { maxEvaluations: 1000 });
    const lo = Float64Array.from([0, -10, -10]);
    const s = withEvaluator(ev, () => prelim(Float64Array.from([0, 1, 1]), NaN, 0.5, lo, upper));
    expect(s.xpt[1 * n + 0]).toBe(0.5);
    expect(s.xpt[(1 + n) * n + 0]).toBe(1);
    expect(maxStoredError(s)).toBeLessThan(1e-12);
  });

  it('updates and base shifts keep H equal to the direct inverse', () => {
    const s = start();
    const rnd = seeded(7);
    const vlag = new Float64Array(s.npt + n);
    const wcheck = new Float64Array(s.npt);
    const h = new Float64Array(s.npt + n);
    const work = new Float64Array(s.npt);
    const d = new Float64Array(n);
    const xnew = new Float64Array(n);
    const sw = new ShiftWork(n, s.npt, s.nz);
    let worst = 0;
    for (let iter = 0; iter < 40; iter++) {
      // Drift steadily away from xbase so that shifts are exercised.
      for (let i = 0; i < n; i++) {
        d[i] = 0.3 * (rnd() - 0.5) + 0.05;
        xnew[i] = s.xopt[i] + d[i];
      }
      const beta = vlagBeta(s, d, vlag, wcheck);
      let knew = -1;
      let denom = 0;
      for (let k = 0; k < s.npt; k++) {
        if (k === s.kopt) continue;
        const den = beta * omegaDiag(s, k) + vlag[k] ** 2;
        if (den > denom) {
          denom = den;
          knew = k;
        }
      }
      updateInverse(s, knew, vlag, beta, denom, h);
      updateModel(s, knew, xnew, 0, 0, work);
      // Move xopt to the new point (the model is irrelevant here).
      s.kopt = knew;
      for (let i = 0; i < n; i++) s.xopt[i] = s.xpt[knew * n + i];
      worst = Math.max(worst, maxStoredError(s));
      if (iter % 10 === 9) {
        shiftBase(s, sw);
        worst = Math.max(worst, maxStoredError(s));
      }
    }
    expect(worst).toBeLessThan(1e-8);
  });

  it('vlag holds the Lagrange function values at the candidate', () => {
    const s = start();
    const d = Float64Array.from([0.1, -0.2, 0.05]);
    const vlag = new Float64Array(s.npt + n);
    const wcheck = new Float64Array(s.npt);
    const beta = vlagBeta(s, d, vlag, wcheck);
    // Compare with H·w computed directly.
    const hm = directInverse(s);
    const x = Float64Array.from(s.xopt, (v, i) => v + d[i]);
    const w = new Float64Array(s.npt + n + 1);
    for (let k = 0; k < s.npt; k++) {
      let dot = 0;
      for (let c = 0; c < n; c++) dot += s.xpt[k * n + c] * x[c];
      w[k] = 0.5 * dot * dot;
    }
    w[s.npt] = 1;
    for (let c = 0; c < n; c++) w[s.npt + 1 + c] = x[c];
    const hw = hm.mmul(Matrix.columnVector(Array.from(w))).to1DArray();
    for (let k = 0; k < s.npt; k++) expect(vlag[k]).toBeCloseTo(hw[k], 10);
    let xx = 0;
    for (const v of x) xx += v * v;
    const wHw = hw.reduce((a, v, i) => a + v * w[i], 0);
    expect(beta).toBeCloseTo(0.5 * xx * xx - wHw, 10);
  });

  it('chooses initial steps that stay in the box and keep the three points apart', () => {
    expect(chooseSteps(5, 5, 1)).toEqual([1, -1]);
    expect(chooseSteps(0, 5, 1)).toEqual([1, 2]); // on the lower bound: ρ and 2ρ
    expect(chooseSteps(5, 0, 1)).toEqual([-1, -2]); // on the upper bound
    expect(chooseSteps(0.3, 1.7, 1)).toEqual([1, 1.7]); // rebuild near a bound: best separation
    expect(chooseSteps(0.8, 1.2, 1)).toEqual([1, -0.8]);
    expect(chooseSteps(1.5, 0.5, 1)).toEqual([-1, 0.5]);
  });

  it("applies Powell's start rule near the bounds", () => {
    const x = Float64Array.from([0.05, 0.5, 3, -2]);
    adjustStart(x, Float64Array.from([0, 0, 0, -Infinity]), Float64Array.from([10, 10, 3.1, Infinity]), 0.2);
    // within ρ of a bound but not on it: moved to ρ away from the bound
    expect(Array.from(x)).toEqual([0.2, 0.5, 2.9, -2]);
    const y = Float64Array.from([0, 10]);
    adjustStart(y, Float64Array.from([0, 0]), Float64Array.from([10, 10]), 0.2);
    expect(Array.from(y)).toEqual([0, 10]); // on a bound: stays there
  });

  it('rebuilds around a known best point without re-evaluating it', () => {
    let calls = 0;
    const ev = new Evaluator((x) => (calls++, f(x)), n, { maxEvaluations: 1000 });
    const center = Float64Array.from([0.1, 9.7, -9.9]);
    const s = withEvaluator(ev, () => prelim(center, f(center), 0.5, lower, upper));
    expect(calls).toBe(2 * n);
    expect(s.fval[0]).toBe(f(center));
    for (let k = 0; k < s.npt; k++) {
      for (let i = 0; i < n; i++) {
        const x = center[i] + s.xpt[k * n + i];
        expect(x).toBeGreaterThanOrEqual(lower[i]);
        expect(x).toBeLessThanOrEqual(upper[i]);
      }
    }
    expect(maxStoredError(s)).toBeLessThan(1e-12);
  });
});
