/**
 * A projected quasi-Newton method in a box, the third kind of optimizer lme4's allFit tries (nlminb's
 * PORT routines and optimx's L-BFGS-B are quasi-Newton): BFGS updates of an inverse Hessian on the
 * free variables, gradients exact where the caller has them (the GLMM Laplace objective) and otherwise
 * by central differences (one-sided at a bound), an Armijo backtracking
 * search along the step projected onto the box. A variable at a bound whose gradient pushes outward
 * is held there; the run stops when the projected gradient vanishes, or when a step changes neither f
 * (by ftolAbs) nor x (by xtol). It uses derivatives, so it fails differently from BOBYQA and
 * Nelder–Mead — which is what a convergence verdict needs.
 */
import { BudgetExhausted, type Evaluator } from './evaluator';
import { type MinimizeStatus } from './types';

export interface QuasiNewtonSettings {
  /** Stop when every free component of the projected gradient is below this. */
  gtol: number;
  xtol: number;
  ftolAbs: number;
  maxIterations: number;
  /**
   * Scale the first inverse Hessian by sᵀy/yᵀy after the first step (Shanno–Phua), so the second step
   * has the right length; off by default (allFit's runs keep their path).
   */
  scaleFirst?: boolean;
  /** The starting inverse Hessian (n×n row-major); the identity by default and after a reset. */
  initialInverseHessian?: Float64Array;
  /**
   * While the inverse Hessian is the identity (the first step, after a reset), scale the step so no
   * component exceeds this: −g can be huge where the objective is steep, and every trial point of the
   * search costs an evaluation (nlminb bounds its first step likewise). Unbounded by default.
   */
  maxFirstStep?: number;
}

/** The exact gradient at x, just evaluated there as fx, into g; false when it cannot be had. */
export type GradientAt = (x: Float64Array, fx: number, g: Float64Array) => boolean;

export const DEFAULT_QN: QuasiNewtonSettings = { gtol: 1e-6, xtol: 1e-10, ftolAbs: 1e-10, maxIterations: 1000 };

function finite(f: number): number {
  return Number.isFinite(f) ? f : Infinity;
}

/** Central differences inside the box, one-sided at a bound. */
function gradient(ev: Evaluator, x: Float64Array, fx: number, lower: Float64Array, upper: Float64Array, g: Float64Array): void {
  const y = Float64Array.from(x);
  for (let i = 0; i < x.length; i++) {
    const h = 1e-6 * Math.max(1, Math.abs(x[i]));
    const up = x[i] + h <= upper[i];
    const down = x[i] - h >= lower[i];
    y[i] = x[i] + h;
    const fu = up ? finite(ev.eval(y)) : fx;
    y[i] = x[i] - h;
    const fd = down ? finite(ev.eval(y)) : fx;
    y[i] = x[i];
    g[i] = (fu - fd) / ((up ? h : 0) + (down ? h : 0));
  }
}

/** Backtracking (Armijo) along the projected path clamp(x + t·d), t = 1, ½, ¼, … (40 halvings): the first point that lowers f enough. */
function armijoSearch(ev: Evaluator, x: Float64Array, fx: number, g: Float64Array, d: Float64Array, clamp: (v: number, i: number) => number): { xn: Float64Array; fn: number } | undefined {
  const n = x.length;
  let t = 1;
  for (let k = 0; k < 40; k++) {
    const xn = Float64Array.from(x, (v, i) => clamp(v + t * d[i], i));
    let decrease = 0;
    for (let i = 0; i < n; i++) decrease += g[i] * (xn[i] - x[i]);
    const fn = finite(ev.eval(xn));
    if (fn <= fx + 1e-4 * decrease) return { xn, fn };
    t *= 0.5;
  }
  return undefined;
}

/** The BFGS update of the inverse Hessian (row-major n×n) for step s and gradient change y, sᵀy > 0: H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1/sᵀy. */
function bfgsUpdate(H: Float64Array, step: Float64Array, yv: Float64Array, sy: number): void {
  const n = step.length;
  const rho = 1 / sy;
  const Hy = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) Hy[i] += H[i * n + j] * yv[j];
  let yHy = 0;
  for (let i = 0; i < n; i++) yHy += yv[i] * Hy[i];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) H[i * n + j] += -rho * (step[i] * Hy[j] + Hy[i] * step[j]) + (rho * rho * yHy + rho) * step[i] * step[j];
}

export function runQuasiNewton(x0: Float64Array, lower: Float64Array, upper: Float64Array, s: QuasiNewtonSettings, ev: Evaluator, exact?: GradientAt): { status: MinimizeStatus; message: string } {
  const n = x0.length;
  const gradientAt = (x: Float64Array, fx: number, g: Float64Array): boolean => {
    if (!exact) {
      gradient(ev, x, fx, lower, upper, g);
      return true;
    }
    return exact(x, fx, g) && g.every(Number.isFinite);
  };
  const noGradient = { status: 'failed' as const, message: 'The gradient could not be computed.' };
  const clamp = (v: number, i: number) => Math.min(upper[i], Math.max(lower[i], v));
  try {
    let x: Float64Array = Float64Array.from(x0, clamp);
    let fx = finite(ev.eval(x));
    if (fx === Infinity) return { status: 'failed', message: 'The objective is not finite at the start.' };
    let g = new Float64Array(n);
    if (!gradientAt(x, fx, g)) return noGradient;
    const H = new Float64Array(n * n);
    // the caller's starting inverse Hessian until a reset, the identity (scaled after one step) from then on
    let informed = s.initialInverseHessian !== undefined;
    const reset = () => {
      H.fill(0);
      for (let i = 0; i < n; i++) H[i * n + i] = 1;
      informed = false;
    };
    if (s.initialInverseHessian) H.set(s.initialInverseHessian);
    else reset();
    let fresh = true;
    for (let iter = 0; iter < s.maxIterations; iter++) {
      // free: not held at a bound by a gradient pointing outward
      const free = Array.from({ length: n }, (_, i) => !((x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0)));
      let pg = 0;
      for (let i = 0; i < n; i++) if (free[i]) pg = Math.max(pg, Math.abs(g[i]));
      if (pg < s.gtol) return { status: 'converged', message: 'The projected gradient vanished.' };
      const d = new Float64Array(n);
      for (let i = 0; i < n; i++) if (free[i]) for (let j = 0; j < n; j++) if (free[j]) d[i] -= H[i * n + j] * g[j];
      let slope = 0;
      for (let i = 0; i < n; i++) slope += d[i] * g[i];
      if (!(slope < 0)) {
        reset();
        fresh = true;
        for (let i = 0; i < n; i++) d[i] = free[i] ? -g[i] : 0;
      }
      if (fresh && !informed && s.maxFirstStep !== undefined) {
        let big = 0;
        for (let i = 0; i < n; i++) big = Math.max(big, Math.abs(d[i]));
        if (big > s.maxFirstStep) for (let i = 0; i < n; i++) d[i] *= s.maxFirstStep / big;
      }
      const accepted = armijoSearch(ev, x, fx, g, d, clamp);
      if (!accepted) {
        if (fresh) return { status: 'converged', message: 'No step along the gradient lowers the objective further.' };
        reset();
        fresh = true;
        continue;
      }
      const { xn, fn } = accepted;
      const step = new Float64Array(n);
      let maxStep = 0;
      for (let i = 0; i < n; i++) {
        step[i] = xn[i] - x[i];
        maxStep = Math.max(maxStep, Math.abs(step[i]));
      }
      const gn = new Float64Array(n);
      if (!gradientAt(xn, fn, gn)) return noGradient;
      const yv = gn.map((v, i) => v - g[i]);
      let sy = 0;
      for (let i = 0; i < n; i++) sy += step[i] * yv[i];
      if (sy > 1e-12) {
        if (fresh && s.scaleFirst && !informed) {
          let yy = 0;
          for (let i = 0; i < n; i++) yy += yv[i] * yv[i];
          for (let i = 0; i < n; i++) H[i * n + i] = sy / yy;
        }
        bfgsUpdate(H, step, yv, sy);
        fresh = false;
      }
      const df = fx - fn;
      x = xn;
      fx = fn;
      g = gn;
      if (df < s.ftolAbs && maxStep < Math.max(s.xtol, 1e-8)) return { status: 'converged', message: 'The last step changed neither the objective nor the parameters.' };
    }
    return { status: 'max-evaluations', message: `Stopped after ${s.maxIterations} iterations.` };
  } catch (e) {
    if (e instanceof BudgetExhausted) return { status: 'max-evaluations', message: e.message };
    throw e;
  }
}
