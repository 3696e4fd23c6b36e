/**
 * Stan's cholesky_factor_corr[K] transform: K(K−1)/2 unconstrained y → canonical partial correlations
 * z = tanh(y) → the lower-triangular Cholesky factor L of a correlation matrix, row by row
 * (L[i][j] = z·√(1 − Σ_{k<j} L[i][k]²), L[i][i] = √(1 − Σ_{k<i} L[i][k]²)), with Stan's log-Jacobian
 * Σ log(1 − z²) + Σ_{i, 0<j<i} ½ log(1 − Σ_{k<j} L[i][k]²). The reverse pass is hand-derived.
 * Then the LKJ prior on L (lkj_corr_cholesky_lpdf) with its normalizing constant.
 */
import betaln from '@stdlib/math-base-special-betaln';

export class CholeskyCorr {
  readonly K: number;
  /** L, row-major K×K (upper part zero). */
  readonly L: Float64Array;
  /** Partial correlations z = tanh(y), in y's order. */
  private readonly z: Float64Array;
  /** Per row, the running sums Σ_{k<j} L[i][k]² (j = 0..i), row-major. */
  private readonly sums: Float64Array;

  constructor(K: number) {
    this.K = K;
    this.L = new Float64Array(K * K);
    this.z = new Float64Array((K * (K - 1)) / 2);
    this.sums = new Float64Array(K * K);
  }

  get dim(): number {
    return this.z.length;
  }

  /** Fill L from y[offset …]; returns the log-Jacobian. */
  forward(y: Float64Array, offset: number): number {
    const { K, L, z, sums } = this;
    let logJ = 0;
    for (let k = 0; k < z.length; k++) {
      const t = Math.tanh(y[offset + k]);
      z[k] = t;
      logJ += Math.log1p(-t * t);
    }
    L[0] = 1;
    let k = 0;
    for (let i = 1; i < K; i++) {
      let s = 0;
      for (let j = 0; j < i; j++) {
        sums[i * K + j] = s;
        if (j > 0) logJ += 0.5 * Math.log1p(-s);
        const v = z[k++] * Math.sqrt(1 - s);
        L[i * K + j] = v;
        s += v * v;
      }
      sums[i * K + i] = s;
      L[i * K + i] = Math.sqrt(1 - s);
    }
    return logJ;
  }

  /**
   * Given gL = ∂f/∂L (row-major, lower part read; gL is overwritten) for the L of the last forward(),
   * add ∂(f + logJ)/∂y to grad[offset …].
   */
  reverse(gL: Float64Array, grad: Float64Array, offset: number): void {
    const { K, L, z, sums } = this;
    let k = (K * (K - 1)) / 2;
    for (let i = K - 1; i >= 1; i--) {
      // adjoint of the running sum after the last off-diagonal entry, through L[i][i] = √(1 − s)
      let gs = -gL[i * K + i] / (2 * L[i * K + i]);
      for (let j = i - 1; j >= 0; j--) {
        k--;
        const s = sums[i * K + j];
        const root = Math.sqrt(1 - s);
        const v = L[i * K + j];
        const gv = gL[i * K + j] + 2 * v * gs;
        const gz = gv * root;
        gs += (-gv * z[k]) / (2 * root);
        if (j > 0) gs += -0.5 / (1 - s);
        const t = z[k];
        grad[offset + k] += gz * (1 - t * t) - 2 * t;
      }
    }
  }
}

/** log of the LKJ(η) normalizing constant for K×K correlation matrices (Lewandowski, Kurowicka & Joe 2009). */
export function lkjLogConstant(eta: number, K: number): number {
  let c = 0;
  for (let k = 1; k < K; k++) {
    const m = K - k;
    const a = eta + (m - 1) / 2;
    c += (2 * eta - 2 + m) * m * Math.LN2 + m * betaln(a, a);
  }
  return -c;
}

/**
 * lkj_corr_cholesky_lpdf(L | η) = const + Σ_{i≥1} (K − i − 1 + 2η − 2) log L[i][i]; adds its
 * derivative in each L[i][i] to gL and returns the value.
 */
export function lkjCholesky(L: Float64Array, K: number, eta: number, logConst: number, gL: Float64Array): number {
  let lp = logConst;
  for (let i = 1; i < K; i++) {
    const c = K - i - 1 + 2 * eta - 2;
    const d = L[i * K + i];
    lp += c * Math.log(d);
    gL[i * K + i] += c / d;
  }
  return lp;
}
