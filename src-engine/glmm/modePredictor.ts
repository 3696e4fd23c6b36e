/**
 * Warm starts for PIRLS: the modes at a new parameter vector predicted from the modes already found at
 * nearby ones, by a model affine in the parameters (a secant model, as BOBYQA's for the objective).
 *
 * PIRLS converges quadratically and stops only when a step moves the modes by ≤ 1e-13, so from a start
 * e away it needs about 1 + log₂(13 / −log₁₀ e) iterations: 3–4 from the last point's modes (e ~ the
 * optimizer's step), 2 from a start within ~1e-7. The modes are a smooth function of (θ, β), so an
 * affine fit through points a distance h apart predicts them to O(h²): the Hessian's points
 * x ± h eᵢ ± h eⱼ (h = 1e-4) exactly so, and BOBYQA's late points, clustered within its trust radius.
 * The result does not depend on the start beyond the stopping rule's 1e-13 (pirls.ts).
 *
 * The fit: with base b the stored point nearest to the new x, rows Dⱼ = xⱼ − x_b and Uⱼ = mⱼ − m_b over
 * the other stored points, the prediction is m_b + Σⱼ cⱼ Uⱼ with Dᵀc = x − x_b (as nearly as the rows
 * allow) and Σⱼ (cⱼ |Dⱼ|²)² least — near points first, since point j adds an error ~ |cⱼ| |Dⱼ|² —
 * from ridge-regularised normal equations on the rows' Gram matrix.
 */

/** Points kept: enough for an affine model in every direction, twice over. */
function capacityFor(q: number): number {
  return Math.max(2 * q + 2, 4);
}

/** Largest Σ|cⱼ| trusted: beyond it the prediction extrapolates far and the base's modes are used. */
const MAX_WEIGHT = 8;

export class ModePredictor {
  private readonly pars: Float64Array[] = [];
  private readonly modes: Float64Array[] = [];
  private readonly capacity: number;
  private next = 0;
  private parBuffer: Float64Array | undefined;
  private modeBuffer: Float64Array | undefined;

  constructor(
    /** Number of parameters. */
    private readonly q: number,
    /** Length of the modes vector. */
    private readonly len: number,
  ) {
    this.capacity = capacityFor(q);
  }

  /** Remember the modes found at x (copied). */
  record(x: ArrayLike<number>, mode: ArrayLike<number>): void {
    if (this.pars.length < this.capacity) {
      // the slots are views into one buffer each: one off-heap allocation per kind, not one per point
      const k = this.pars.length;
      this.parBuffer ??= new Float64Array(this.capacity * this.q);
      this.modeBuffer ??= new Float64Array(this.capacity * this.len);
      this.pars.push(this.parBuffer.subarray(k * this.q, (k + 1) * this.q));
      this.modes.push(this.modeBuffer.subarray(k * this.len, (k + 1) * this.len));
    }
    const slot = this.next;
    this.next = (this.next + 1) % this.capacity;
    this.pars[slot].set(x);
    this.modes[slot].set(mode);
  }

  /** Predicted modes at x into out; false (out untouched) when nothing is stored yet. */
  predict(x: ArrayLike<number>, out: Float64Array): boolean {
    const count = this.pars.length;
    if (count === 0) return false;
    const { q, len } = this;
    let base = 0;
    let best = Infinity;
    for (let j = 0; j < count; j++) {
      const d2 = dist2(this.pars[j], x, q);
      if (d2 < best) [best, base] = [d2, j];
    }
    out.set(this.modes[base]);
    if (best === 0 || count === 1) return true;
    const xb = this.pars[base];
    // rows Dⱼ = xⱼ − x_b of the other distinct points, each divided by |Dⱼ|² so that near points are
    // preferred (point j's curvature error is ~ |cⱼ| |Dⱼ|²); G = D̃ D̃ᵀ, right side r = D̃ (x − x_b)
    const rows: number[] = [];
    const norm2: number[] = [];
    for (let j = 0; j < count; j++) {
      if (j === base) continue;
      const d2 = dist2(this.pars[j], xb, q);
      if (d2 > 0) {
        rows.push(j);
        norm2.push(d2);
      }
    }
    const m = rows.length;
    if (m === 0) return true;
    // plain arrays: a typed array over 64 bytes is allocated off V8's heap (≈ 3 µs), and this runs
    // once per PIRLS call (each GLMM evaluation)
    const G = new Array<number>(m * m).fill(0);
    const r = new Array<number>(m).fill(0);
    let scale = 0;
    for (let a = 0; a < m; a++) {
      const pa = this.pars[rows[a]];
      let s = 0;
      for (let t = 0; t < q; t++) s += (pa[t] - xb[t]) * (x[t] - xb[t]);
      r[a] = s / norm2[a];
      for (let b = 0; b <= a; b++) {
        const pb = this.pars[rows[b]];
        let g = 0;
        for (let t = 0; t < q; t++) g += (pa[t] - xb[t]) * (pb[t] - xb[t]);
        G[a * m + b] = G[b * m + a] = g / (norm2[a] * norm2[b]);
      }
      scale = Math.max(scale, G[a * m + a]);
    }
    for (let a = 0; a < m; a++) G[a * m + a] += 1e-10 * scale;
    const e = solveSpd(G, r, m);
    if (!e) return true;
    const c = e.map((v, a) => v / norm2[a]);
    let total = 0;
    for (let a = 0; a < m; a++) total += Math.abs(c[a]);
    if (!(total <= MAX_WEIGHT)) return true;
    const mb = this.modes[base];
    for (let a = 0; a < m; a++) {
      const ca = c[a];
      if (ca === 0) continue;
      const ma = this.modes[rows[a]];
      for (let i = 0; i < len; i++) out[i] += ca * (ma[i] - mb[i]);
    }
    return true;
  }
}

function dist2(a: Float64Array, x: ArrayLike<number>, q: number): number {
  let s = 0;
  for (let t = 0; t < q; t++) s += (a[t] - x[t]) * (a[t] - x[t]);
  return s;
}

/** Solve G c = r for a small symmetric positive definite G (Cholesky, in place); undefined if it breaks down. */
function solveSpd(G: number[], r: number[], m: number): number[] | undefined {
  for (let j = 0; j < m; j++) {
    let d = G[j * m + j];
    for (let k = 0; k < j; k++) d -= G[j * m + k] * G[j * m + k];
    if (!(d > 0)) return undefined;
    const ljj = Math.sqrt(d);
    G[j * m + j] = ljj;
    for (let i = j + 1; i < m; i++) {
      let s = G[i * m + j];
      for (let k = 0; k < j; k++) s -= G[i * m + k] * G[j * m + k];
      G[i * m + j] = s / ljj;
    }
  }
  const c = r.slice();
  for (let i = 0; i < m; i++) {
    let s = c[i];
    for (let k = 0; k < i; k++) s -= G[i * m + k] * c[k];
    c[i] = s / G[i * m + i];
  }
  for (let i = m - 1; i >= 0; i--) {
    let s = c[i];
    for (let k = i + 1; k < m; k++) s -= G[k * m + i] * c[k];
    c[i] = s / G[i * m + i];
  }
  return c;
}
