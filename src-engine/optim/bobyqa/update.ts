/// <reference path="./portable.d.ts" />
import { hypot } from './math';
import { BobyqaState } from './state';

/**
 * Replaces interpolation point knew by the candidate whose vlag (= H·w) and β were computed by
 * vlagBeta, updating H = W⁻¹ by Powell's formula
 *   H⁺ = H + σ⁻¹ [ α u uᵀ − β h hᵀ − τ (h uᵀ + u hᵀ) ],
 * with h = H e_knew, u = vlag − e_knew, α = h_knew, τ = vlag_knew and σ = αβ + τ² (denom, > 0).
 * Z is first rotated so that only its first column has a nonzero in row knew; then the Ω part of
 * the update is a rank-one change of that column alone. vlag is overwritten.
 */
export function updateInverse(
  s: BobyqaState,
  knew: i32,
  vlag: Float64Array,
  beta: f64,
  denom: f64,
  h: Float64Array,
): void {
  const n = s.n;
  const npt = s.npt;
  const nz = s.nz;
  const zmat = s.zmat;
  const bmat = s.bmat;
  let zmax: f64 = 0;
  for (let i = 0; i < npt * nz; i++) zmax = Math.max(zmax, Math.abs(zmat[i]));
  const ztest = 1e-20 * zmax;
  const row = knew * nz;
  for (let c = 1; c < nz; c++) {
    const zc = zmat[row + c];
    if (Math.abs(zc) <= ztest) {
      zmat[row + c] = 0;
      continue;
    }
    const z0 = zmat[row];
    const r = hypot(z0, zc);
    const cs = z0 / r;
    const sn = zc / r;
    for (let i = 0; i < npt; i++) {
      const a = zmat[i * nz];
      const b = zmat[i * nz + c];
      zmat[i * nz] = cs * a + sn * b;
      zmat[i * nz + c] = cs * b - sn * a;
    }
    zmat[row + c] = 0;
  }
  const zeta = zmat[row];
  for (let i = 0; i < npt; i++) h[i] = zeta * zmat[i * nz];
  const alpha = h[knew];
  const tau = vlag[knew];
  vlag[knew] -= 1;

  const sq = Math.sqrt(denom);
  const ta = tau / sq;
  const tb = zeta / sq;
  for (let i = 0; i < npt; i++) zmat[i * nz] = ta * zmat[i * nz] - tb * vlag[i];

  for (let j = 0; j < n; j++) h[npt + j] = bmat[knew * n + j];
  for (let j = 0; j < n; j++) {
    const uj = vlag[npt + j];
    const hj = h[npt + j];
    const ca = (alpha * uj - tau * hj) / denom;
    const cb = (-beta * hj - tau * uj) / denom;
    for (let i = 0; i < npt + j + 1; i++) {
      bmat[i * n + j] += ca * vlag[i] + cb * h[i];
    }
    // Υ is symmetric: mirror the new column j entries into row npt + j.
    for (let i = 0; i < j; i++) bmat[(npt + j) * n + i] = bmat[(npt + i) * n + j];
  }
}

/**
 * After updateInverse: puts the new point in slot knew and adds diff·Λ_knew to the model, where
 * diff = f − Q(xnew) and Λ_knew is the new Lagrange function (1 at xnew, 0 at the other points).
 * gopt stays the gradient at the (old) xopt. Before that, the old point's implicit Hessian term
 * moves into hq, since its pq weight is about to describe a different point.
 */
export function updateModel(
  s: BobyqaState,
  knew: i32,
  xnew: Float64Array,
  f: f64,
  diff: f64,
  work: Float64Array,
): void {
  const n = s.n;
  const npt = s.npt;
  const nz = s.nz;
  const xpt = s.xpt;
  const pq = s.pq;
  const hq = s.hq;
  const zmat = s.zmat;
  const bmat = s.bmat;
  const xopt = s.xopt;
  const gopt = s.gopt;
  const pold = pq[knew];
  if (pold !== 0) {
    for (let i = 0; i < n; i++) {
      const t = pold * xpt[knew * n + i];
      for (let j = 0; j < n; j++) hq[i * n + j] += t * xpt[knew * n + j];
    }
  }
  pq[knew] = 0;
  for (let i = 0; i < npt; i++) {
    let om: f64 = 0;
    for (let c = 0; c < nz; c++) om += zmat[i * nz + c] * zmat[knew * nz + c];
    work[i] = om; // Ω column knew (Hessian weights of Λ_knew)
    pq[i] += diff * om;
  }
  s.fval[knew] = f;
  for (let i = 0; i < n; i++) xpt[knew * n + i] = xnew[i];
  // ∇Λ_knew(xopt) = Ξ row knew + Σ_k Ω_k,knew (xpt_k·xopt) xpt_k
  for (let i = 0; i < n; i++) gopt[i] += diff * bmat[knew * n + i];
  for (let k = 0; k < npt; k++) {
    let xo: f64 = 0;
    for (let j = 0; j < n; j++) xo += xpt[k * n + j] * xopt[j];
    const t = diff * work[k] * xo;
    for (let i = 0; i < n; i++) gopt[i] += t * xpt[k * n + i];
  }
}
