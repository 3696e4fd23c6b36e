/**
 * Anderson acceleration (Walker & Ni 2011, "type II") of the alternation for variance functions of
 * the fitted values: the alternation is a fixed-point iteration f ↦ G(f) (optimize with f held, the
 * new fitted values), which contracts linearly (on sleepstudy by ~0.15 a step, with alternating
 * sign); mixing the last m steps, f_{k+1} = G(f_k) − ΔG γ with γ = argmin ‖r_k − ΔR γ‖ (r = G(f) − f),
 * removes the slowest modes. The inner optimizer's warm start θ is mixed with the same γ.
 */
export class AndersonMixer {
  private readonly f: Float64Array[] = [];
  private readonly g: Float64Array[] = [];
  private readonly theta: Float64Array[] = [];

  constructor(private readonly memory: number) {}

  /** f was the held fitted values, g the new ones, theta the inner optimum; returns the next f and start. */
  next(f: Float64Array, g: Float64Array, theta: Float64Array): { fitted: Float64Array; par: Float64Array } {
    this.f.push(f);
    this.g.push(g);
    this.theta.push(theta);
    if (this.f.length > this.memory + 1) {
      this.f.shift();
      this.g.shift();
      this.theta.shift();
    }
    const m = this.f.length - 1;
    if (m === 0 || this.memory === 0) return { fitted: g, par: theta };
    const n = f.length;
    const r = residual(f, g);
    // ΔR's columns r_k − r_{k−j}; least squares by the normal equations (m ≤ 3, tiny)
    const dR: Float64Array[] = [];
    for (let j = 0; j < m; j++) {
      const rj = residual(this.f[j], this.g[j]);
      const d = new Float64Array(n);
      for (let i = 0; i < n; i++) d[i] = r[i] - rj[i];
      dR.push(d);
    }
    const gamma = leastSquares(dR, r);
    if (!gamma) {
      this.clear(f, g, theta);
      return { fitted: g, par: theta };
    }
    const fitted = g.slice();
    const par = theta.slice();
    for (let j = 0; j < m; j++) {
      const gj = this.g[j];
      const tj = this.theta[j];
      for (let i = 0; i < n; i++) fitted[i] -= gamma[j] * (g[i] - gj[i]);
      for (let k = 0; k < par.length; k++) par[k] -= gamma[j] * (theta[k] - tj[k]);
    }
    for (let i = 0; i < n; i++) if (!Number.isFinite(fitted[i])) return { fitted: g, par: theta };
    return { fitted, par };
  }

  private clear(f: Float64Array, g: Float64Array, theta: Float64Array): void {
    this.f.length = this.g.length = this.theta.length = 0;
    this.f.push(f);
    this.g.push(g);
    this.theta.push(theta);
  }
}

function residual(f: Float64Array, g: Float64Array): Float64Array {
  const r = new Float64Array(f.length);
  for (let i = 0; i < f.length; i++) r[i] = g[i] - f[i];
  return r;
}

/** argmin ‖r − Σ γ_j a_j‖ by the normal equations; null when they are singular. */
function leastSquares(a: Float64Array[], r: Float64Array): number[] | null {
  const m = a.length;
  const A = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => dot(a[i], a[j])));
  const b = a.map((ai) => dot(ai, r));
  // Gaussian elimination with partial pivoting
  for (let c = 0; c < m; c++) {
    let p = c;
    for (let i = c + 1; i < m; i++) if (Math.abs(A[i][c]) > Math.abs(A[p][c])) p = i;
    if (!(Math.abs(A[p][c]) > 1e-14 * Math.max(1e-300, A[c][c], A[p][p]))) return null;
    [A[c], A[p]] = [A[p], A[c]];
    [b[c], b[p]] = [b[p], b[c]];
    for (let i = c + 1; i < m; i++) {
      const t = A[i][c] / A[c][c];
      for (let j = c; j < m; j++) A[i][j] -= t * A[c][j];
      b[i] -= t * b[c];
    }
  }
  const x = new Array<number>(m).fill(0);
  for (let i = m - 1; i >= 0; i--) {
    let s = b[i];
    for (let j = i + 1; j < m; j++) s -= A[i][j] * x[j];
    x[i] = s / A[i][i];
  }
  return x;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
