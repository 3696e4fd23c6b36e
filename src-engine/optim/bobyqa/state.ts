/**
 * The state of Powell's BOBYQA between iterations (names follow his report, 0-based, row-major).
 *
 * Interpolation points are stored as displacements xpt[k] from xbase. The quadratic model is
 *   Q(xopt + d) = fopt + gopt·d + ½ dᵀ(HQ + Σ_k pq_k xpt_k xpt_kᵀ) d,
 * whose Hessian is held partly explicitly (hq) and partly implicitly (pq). H = W⁻¹, the inverse of
 * the KKT matrix of the least-Frobenius-norm interpolation problem, is held as
 *   Ω = Z Zᵀ (zmat, npt × (npt−n−1)),
 *   bmat rows 0..npt−1 = Ξ (gradient rows of H, transposed), rows npt..npt+n−1 = Υ (n × n).
 * The first (constant) row of Ξ and Υ is never needed and not stored.
 */
export interface BobyqaState {
  n: number;
  npt: number;
  /** Number of columns of Z: npt − n − 1. */
  nz: number;
  xbase: Float64Array;
  xpt: Float64Array;
  fval: Float64Array;
  kopt: number;
  /** Copy of xpt row kopt. */
  xopt: Float64Array;
  /** Gradient of the model at xopt. */
  gopt: Float64Array;
  hq: Float64Array;
  pq: Float64Array;
  bmat: Float64Array;
  zmat: Float64Array;
  /** Bounds relative to xbase (may be ±Infinity). */
  sl: Float64Array;
  su: Float64Array;
}

export function newState(n: number): BobyqaState {
  const npt = 2 * n + 1;
  const nz = npt - n - 1;
  return {
    n,
    npt,
    nz,
    xbase: new Float64Array(n),
    xpt: new Float64Array(npt * n),
    fval: new Float64Array(npt),
    kopt: 0,
    xopt: new Float64Array(n),
    gopt: new Float64Array(n),
    hq: new Float64Array(n * n),
    pq: new Float64Array(npt),
    bmat: new Float64Array((npt + n) * n),
    zmat: new Float64Array(npt * nz),
    sl: new Float64Array(n),
    su: new Float64Array(n),
  };
}

/** out = ∇²Q · v. */
export function hessVec(s: BobyqaState, v: Float64Array, out: Float64Array): void {
  const { n, npt, xpt, hq, pq } = s;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += hq[i * n + j] * v[j];
    out[i] = sum;
  }
  for (let k = 0; k < npt; k++) {
    if (pq[k] === 0) continue;
    let t = 0;
    for (let j = 0; j < n; j++) t += xpt[k * n + j] * v[j];
    t *= pq[k];
    for (let i = 0; i < n; i++) out[i] += t * xpt[k * n + i];
  }
}

/** Predicted change Q(xopt + d) − Q(xopt). */
export function modelChange(s: BobyqaState, d: Float64Array, work: Float64Array): number {
  hessVec(s, d, work);
  let q = 0;
  for (let i = 0; i < s.n; i++) q += d[i] * (s.gopt[i] + 0.5 * work[i]);
  return q;
}

/** Diagonal element j of ∇²Q. */
export function hessDiag(s: BobyqaState, j: number): number {
  let c = s.hq[j * s.n + j];
  for (let k = 0; k < s.npt; k++) c += s.pq[k] * s.xpt[k * s.n + j] ** 2;
  return c;
}

/** out = Ω e_k, the k-th column of Ω = Z Zᵀ. */
export function omegaColumn(s: BobyqaState, k: number, out: Float64Array): void {
  const { npt, nz, zmat } = s;
  for (let i = 0; i < npt; i++) {
    let sum = 0;
    for (let j = 0; j < nz; j++) sum += zmat[i * nz + j] * zmat[k * nz + j];
    out[i] = sum;
  }
}

/** Ω_kk, the diagonal of Ω. */
export function omegaDiag(s: BobyqaState, k: number): number {
  let sum = 0;
  for (let j = 0; j < s.nz; j++) sum += s.zmat[k * s.nz + j] ** 2;
  return sum;
}

/** Squared distance between interpolation point k and the vector y (both relative to xbase). */
export function distSq(s: BobyqaState, k: number, y: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < s.n; i++) sum += (s.xpt[k * s.n + i] - y[i]) ** 2;
  return sum;
}

/** Moves xopt (and gopt, which lives at xopt) to interpolation point k; d = xpt_k − old xopt. */
export function moveOptimum(s: BobyqaState, k: number, work: Float64Array, d: Float64Array): void {
  const { n } = s;
  for (let i = 0; i < n; i++) d[i] = s.xpt[k * n + i] - s.xopt[i];
  hessVec(s, d, work);
  for (let i = 0; i < n; i++) {
    s.gopt[i] += work[i];
    s.xopt[i] = s.xpt[k * n + i];
  }
  s.kopt = k;
}
