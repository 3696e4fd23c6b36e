/**
 * Central-difference gradient and Hessian of the GLMM objective at the optimum, for lme4's convergence
 * checks and the Hessian-based covariance of β̂, in 1 + 2n + n(n − 1) evaluations instead of deriv12's
 * 1 + 2n + 2n(n − 1) (n = k + p; VerbAgg: 73 instead of 129).
 *
 * The gradient and the diagonal are deriv12's (f(x ± h eᵢ)). An off-diagonal entry reuses those:
 *   Hᵢⱼ = [f(x + h eᵢ + h eⱼ) + f(x − h eᵢ − h eⱼ) − f(x + h eᵢ) − f(x − h eᵢ) − f(x + h eⱼ) − f(x − h eⱼ) + 2 f(x)] / (2h²),
 * which is central too (odd terms cancel): its error is O(h²), as deriv12's four-point cross difference,
 * and differs from it by (h²/6)·(the fourth derivatives' combination) — about 1e-8 relative at h = 1e-4,
 * far below the 1e-4 at which lme4's own Hessian is compared (test/engine/glmm/hessian.test.ts).
 */
export function gradientHessian(f: (x: Float64Array) => number, x: Float64Array, lower: Float64Array, delta = 1e-4): { gradient: Float64Array; hessian: Float64Array } {
  const k = x.length;
  const fx = f(x);
  const g = new Float64Array(k);
  const H = new Float64Array(k * k); // column-major
  const at = (i: number, di: number, j = -1, dj = 0) => {
    const y = x.slice();
    y[i] = Math.max(x[i] + di, lower[i]);
    if (j >= 0) y[j] = Math.max(x[j] + dj, lower[j]);
    return f(y);
  };
  const fadd = new Float64Array(k);
  const fsub = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    fadd[i] = at(i, delta);
    fsub[i] = at(i, -delta);
    g[i] = (fadd[i] - fsub[i]) / (2 * delta);
    H[i * k + i] = (fadd[i] - 2 * fx + fsub[i]) / (delta * delta);
    for (let j = 0; j < i; j++) {
      const fpp = at(i, delta, j, delta);
      const fmm = at(i, -delta, j, -delta);
      H[j * k + i] = H[i * k + j] = (fpp + fmm - fadd[i] - fsub[i] - fadd[j] - fsub[j] + 2 * fx) / (2 * delta * delta);
    }
  }
  return { gradient: g, hessian: H };
}

/**
 * The same gradient and Hessian from an exact gradient: the gradient at x as it is, the Hessian as
 * central differences of the gradient, (∇f(x + h eᵢ) − ∇f(x − h eᵢ)) / 2h, symmetrized — 2n + 1
 * gradients (each one objective evaluation and a solve) instead of 1 + 2n + n(n − 1) evaluations, and
 * O(h²) accurate as deriv12's. Undefined when a gradient cannot be had.
 */
export function hessianFromGradient(grad: (x: Float64Array) => Float64Array | undefined, x: Float64Array, delta = 1e-4): { gradient: Float64Array; hessian: Float64Array } | undefined {
  const k = x.length;
  const g0 = grad(x);
  if (!g0) return undefined;
  const gradient = g0.slice();
  const J: Float64Array[] = [];
  for (let i = 0; i < k; i++) {
    const up = x.slice();
    up[i] += delta;
    const gp = grad(up)?.slice();
    const down = x.slice();
    down[i] -= delta;
    const gm = grad(down);
    if (!gp || !gm) return undefined;
    J.push(Float64Array.from(gp, (v, j) => (v - gm[j]) / (2 * delta)));
  }
  const hessian = new Float64Array(k * k); // column-major
  for (let j = 0; j < k; j++) for (let i = 0; i < k; i++) hessian[j * k + i] = (J[i][j] + J[j][i]) / 2;
  return { gradient, hessian };
}
