/**
 * Which interpolation point a BOBYQA step replaces: the one farthest from the best point (for a
 * geometry step), or the one that maximizes the update's denominator (for a trust-region step).
 */
import { type BobyqaState } from './state';

/** The interpolation point farthest from xopt with squared distance above `limit`; −1 if none. */
export function farthestPoint(st: BobyqaState, limit: number): number {
  const { n, npt, xpt, xopt } = st;
  let kfar = -1;
  let far = limit;
  for (let k = 0; k < npt; k++) {
    let ds = 0;
    for (let i = 0; i < n; i++) ds += (xpt[k * n + i] - xopt[i]) ** 2;
    if (ds > far) {
      far = ds;
      kfar = k;
    }
  }
  return kfar;
}

export interface KnewPick {
  knew: number;
  denom: number;
  scaden: number;
  biglsq: number;
}

/**
 * The point to replace by a trust-region step: the one maximizing the update's denominator
 * σ_k = β Ω_kk + vlag_k², weighted by max(1, (dist_k/delta)⁴) to prefer distant points.
 * Written into `out` (reused across iterations).
 */
export function chooseKnew(
  st: BobyqaState,
  vlag: Float64Array,
  beta: number,
  delta: number,
  from: Float64Array,
  skipKopt: boolean,
  out: KnewPick,
): void {
  const { n, nz, xpt, zmat } = st;
  const delsq = delta * delta;
  let scaden = 0;
  let biglsq = 0;
  let knew = -1;
  let denom = 0;
  for (let k = 0; k < st.npt; k++) {
    if (skipKopt && k === st.kopt) continue;
    // Ω_kk and ‖xpt_k − from‖², as omegaDiag and distSq compute them, inlined in this hot loop
    let omkk = 0;
    for (let c = 0; c < nz; c++) omkk += zmat[k * nz + c] ** 2;
    let ds = 0;
    for (let i = 0; i < n; i++) ds += (xpt[k * n + i] - from[i]) ** 2;
    const den = beta * omkk + vlag[k] ** 2;
    const temp = Math.max(1, (ds / delsq) ** 2);
    if (temp * den > scaden) {
      scaden = temp * den;
      knew = k;
      denom = den;
    }
    biglsq = Math.max(biglsq, temp * vlag[k] ** 2);
  }
  out.knew = knew;
  out.denom = denom;
  out.scaden = scaden;
  out.biglsq = biglsq;
}
