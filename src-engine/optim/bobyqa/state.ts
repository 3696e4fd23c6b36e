/// <reference path="./portable.d.ts" />
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
 *
 * Portable AssemblyScript (portable.d.ts): no destructuring, labels or closures; integers typed i32.
 */
export class BobyqaState {
  n: i32;
  npt: i32;
  /** Number of columns of Z: npt − n − 1. */
  nz: i32;
  xbase: Float64Array;
  xpt: Float64Array;
  fval: Float64Array;
  kopt: i32 = 0;
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

  constructor(n: i32) {
    const npt = 2 * n + 1;
    const nz = npt - n - 1;
    this.n = n;
    this.npt = npt;
    this.nz = nz;
    this.xbase = new Float64Array(n);
    this.xpt = new Float64Array(npt * n);
    this.fval = new Float64Array(npt);
    this.xopt = new Float64Array(n);
    this.gopt = new Float64Array(n);
    this.hq = new Float64Array(n * n);
    this.pq = new Float64Array(npt);
    this.bmat = new Float64Array((npt + n) * n);
    this.zmat = new Float64Array(npt * nz);
    this.sl = new Float64Array(n);
    this.su = new Float64Array(n);
  }
}

/** out = ∇²Q · v. */
export function hessVec(s: BobyqaState, v: Float64Array, out: Float64Array): void {
  const n = s.n;
  const npt = s.npt;
  const xpt = s.xpt;
  const hq = s.hq;
  const pq = s.pq;
  for (let i = 0; i < n; i++) {
    let sum: f64 = 0;
    for (let j = 0; j < n; j++) sum += hq[i * n + j] * v[j];
    out[i] = sum;
  }
  for (let k = 0; k < npt; k++) {
    if (pq[k] === 0) continue;
    let t: f64 = 0;
    for (let j = 0; j < n; j++) t += xpt[k * n + j] * v[j];
    t *= pq[k];
    for (let i = 0; i < n; i++) out[i] += t * xpt[k * n + i];
  }
}

/** Predicted change Q(xopt + d) − Q(xopt). */
export function modelChange(s: BobyqaState, d: Float64Array, work: Float64Array): f64 {
  hessVec(s, d, work);
  let q: f64 = 0;
  for (let i = 0; i < s.n; i++) q += d[i] * (s.gopt[i] + 0.5 * work[i]);
  return q;
}

/** Diagonal element j of ∇²Q. */
export function hessDiag(s: BobyqaState, j: i32): f64 {
  let c = s.hq[j * s.n + j];
  for (let k = 0; k < s.npt; k++) {
    const x = s.xpt[k * s.n + j];
    c += s.pq[k] * (x * x);
  }
  return c;
}

/** out = Ω e_k, the k-th column of Ω = Z Zᵀ. */
export function omegaColumn(s: BobyqaState, k: i32, out: Float64Array): void {
  const npt = s.npt;
  const nz = s.nz;
  const zmat = s.zmat;
  for (let i = 0; i < npt; i++) {
    let sum: f64 = 0;
    for (let j = 0; j < nz; j++) sum += zmat[i * nz + j] * zmat[k * nz + j];
    out[i] = sum;
  }
}

/** Ω_kk, the diagonal of Ω. */
export function omegaDiag(s: BobyqaState, k: i32): f64 {
  let sum: f64 = 0;
  for (let j = 0; j < s.nz; j++) {
    const z = s.zmat[k * s.nz + j];
    sum += z * z;
  }
  return sum;
}

/** Squared distance between interpolation point k and the vector y (both relative to xbase). */
export function distSq(s: BobyqaState, k: i32, y: Float64Array): f64 {
  let sum: f64 = 0;
  for (let i = 0; i < s.n; i++) {
    const t = s.xpt[k * s.n + i] - y[i];
    sum += t * t;
  }
  return sum;
}

/** Moves xopt (and gopt, which lives at xopt) to interpolation point k; d = xpt_k − old xopt. */
export function moveOptimum(s: BobyqaState, k: i32, work: Float64Array, d: Float64Array): void {
  const n = s.n;
  for (let i = 0; i < n; i++) d[i] = s.xpt[k * n + i] - s.xopt[i];
  hessVec(s, d, work);
  for (let i = 0; i < n; i++) {
    s.gopt[i] += work[i];
    s.xopt[i] = s.xpt[k * n + i];
  }
  s.kopt = k;
}
