/**
 * Central-difference gradient and Hessian at x in 1 + 2n + n(n − 1) evaluations instead of deriv12's
 * 1 + 2n + 2n(n − 1): the GLMM fit's (lme4's convergence checks, the Hessian-based vcov of β̂;
 * VerbAgg 73 evaluations instead of 129) and nlme's apVar (steps 1e-4·max(1, |xᵢ|)).
 *
 * The gradient and the diagonal are deriv12's (f(x ± hᵢ eᵢ)). An off-diagonal entry reuses those:
 *   Hᵢⱼ = [f(x + hᵢeᵢ + hⱼeⱼ) + f(x − hᵢeᵢ − hⱼeⱼ) − f(x ± hᵢeᵢ) − f(x ± hⱼeⱼ) + 2 f(x)] / (2hᵢhⱼ),
 * which is central too (odd terms cancel): its error is O(h²), as deriv12's four-point cross difference,
 * and differs from it by (h²/6)·(the fourth derivatives' combination) — about 1e-8 relative at h = 1e-4,
 * far below the 1e-4 at which lme4's own Hessian is compared (test/engine/optim/centralDifferences.test.ts).
 * Points are clamped at `lower` (lme4's bounds on θ); `delta` is one step for all coordinates or one each.
 *
 * `oneSided`: each cross term from f(x + hᵢeᵢ + hⱼeⱼ) alone, Hᵢⱼ = [that − f(x + hᵢeᵢ) − f(x + hⱼeⱼ) + f(x)] / (hᵢhⱼ),
 * O(h) accurate, in 1 + 2n + n(n − 1)/2 evaluations: enough for Newton's steps (optim/newton.ts), whose
 * fixed point the central gradient decides. `fx`: f(x) when the caller has it (one evaluation fewer).
 */
export function gradientHessian(
  f: (x: Float64Array) => number,
  x: Float64Array,
  lower: Float64Array,
  delta: number | ArrayLike<number> = 1e-4,
  { oneSided = false, fx = f(x) }: { oneSided?: boolean; fx?: number } = {},
): { gradient: Float64Array; hessian: Float64Array } {
  const k = x.length;
  const h = typeof delta === 'number' ? new Float64Array(k).fill(delta) : Float64Array.from(delta);
  const g = new Float64Array(k);
  const H = new Float64Array(k * k); // column-major
  const at = (i: number, si: number, j = -1, sj = 0) => {
    const y = x.slice();
    y[i] = Math.max(x[i] + si * h[i], lower[i]);
    if (j >= 0) y[j] = Math.max(x[j] + sj * h[j], lower[j]);
    return f(y);
  };
  const fadd = new Float64Array(k);
  const fsub = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    fadd[i] = at(i, 1);
    fsub[i] = at(i, -1);
    g[i] = (fadd[i] - fsub[i]) / (2 * h[i]);
    H[i * k + i] = (fadd[i] - 2 * fx + fsub[i]) / (h[i] * h[i]);
    for (let j = 0; j < i; j++) {
      const fpp = at(i, 1, j, 1);
      if (oneSided) {
        H[j * k + i] = H[i * k + j] = (fpp - fadd[i] - fadd[j] + fx) / (h[i] * h[j]);
        continue;
      }
      const fmm = at(i, -1, j, -1);
      H[j * k + i] = H[i * k + j] = (fpp + fmm - fadd[i] - fsub[i] - fadd[j] - fsub[j] + 2 * fx) / (2 * h[i] * h[j]);
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
