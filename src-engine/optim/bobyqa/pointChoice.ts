/// <reference path="./portable.d.ts" />
/**
 * Which interpolation point a BOBYQA step replaces: the one farthest from the best point (for a
 * geometry step), or the one that maximizes the update's denominator (for a trust-region step).
 */
import { BobyqaState } from './state';

/** The interpolation point farthest from xopt with squared distance above `limit`; −1 if none. */
export function farthestPoint(st: BobyqaState, limit: f64): i32 {
  const n = st.n;
  const npt = st.npt;
  const xpt = st.xpt;
  const xopt = st.xopt;
  let kfar = -1;
  let far = limit;
  for (let k = 0; k < npt; k++) {
    let ds: f64 = 0;
    for (let i = 0; i < n; i++) {
      const t = xpt[k * n + i] - xopt[i];
      ds += t * t;
    }
    if (ds > far) {
      far = ds;
      kfar = k;
    }
  }
  return kfar;
}

export class KnewPick {
  knew: i32 = -1;
  denom: f64 = 0;
  scaden: f64 = 0;
  biglsq: f64 = 0;
}

/**
 * The point to replace by a trust-region step: the one maximizing the update's denominator
 * σ_k = β Ω_kk + vlag_k², weighted by max(1, (dist_k/delta)⁴) to prefer distant points.
 * Written into `out` (reused across iterations).
 */
export function chooseKnew(
  st: BobyqaState,
  vlag: Float64Array,
  beta: f64,
  delta: f64,
  from: Float64Array,
  skipKopt: boolean,
  out: KnewPick,
): void {
  const n = st.n;
  const nz = st.nz;
  const xpt = st.xpt;
  const zmat = st.zmat;
  const delsq = delta * delta;
  let scaden: f64 = 0;
  let biglsq: f64 = 0;
  let knew = -1;
  let denom: f64 = 0;
  for (let k = 0; k < st.npt; k++) {
    if (skipKopt && k === st.kopt) continue;
    // Ω_kk and ‖xpt_k − from‖², as omegaDiag and distSq compute them, inlined in this hot loop
    let omkk: f64 = 0;
    for (let c = 0; c < nz; c++) {
      const z = zmat[k * nz + c];
      omkk += z * z;
    }
    let ds: f64 = 0;
    for (let i = 0; i < n; i++) {
      const t = xpt[k * n + i] - from[i];
      ds += t * t;
    }
    const vk = vlag[k];
    const q = ds / delsq;
    const den = beta * omkk + vk * vk;
    const temp = Math.max(1, q * q);
    if (temp * den > scaden) {
      scaden = temp * den;
      knew = k;
      denom = den;
    }
    biglsq = Math.max(biglsq, temp * (vk * vk));
  }
  out.knew = knew;
  out.denom = denom;
  out.scaden = scaden;
  out.biglsq = biglsq;
}
