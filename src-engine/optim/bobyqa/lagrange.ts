/// <reference path="./portable.d.ts" />
import { BobyqaState } from './state';

/**
 * For the candidate point xopt + d, fills vlag (length npt + n) with H·w, i.e. the values of the
 * npt Lagrange functions at the candidate followed by the gradient rows, and returns
 * β = ½‖x − xbase‖⁴ − wᵀHw. Uses w(x) − w(xopt) in place of w(x) (Powell's device), because
 * H·w(xopt) = e_kopt is known exactly and the differences are far smaller.
 *
 * wcheck receives the first npt components of w(x) − w(xopt).
 */
export function vlagBeta(
  s: BobyqaState,
  d: Float64Array,
  vlag: Float64Array,
  wcheck: Float64Array,
): f64 {
  const n = s.n;
  const npt = s.npt;
  const nz = s.nz;
  const xpt = s.xpt;
  const xopt = s.xopt;
  const bmat = s.bmat;
  const zmat = s.zmat;
  let xoptsq: f64 = 0;
  let dsq: f64 = 0;
  let dx: f64 = 0;
  for (let i = 0; i < n; i++) {
    xoptsq += xopt[i] * xopt[i];
    dsq += d[i] * d[i];
    dx += d[i] * xopt[i];
  }
  for (let k = 0; k < npt; k++) {
    let xd: f64 = 0;
    let xo: f64 = 0;
    let bd: f64 = 0;
    for (let j = 0; j < n; j++) {
      const p = xpt[k * n + j];
      xd += p * d[j];
      xo += p * xopt[j];
      bd += bmat[k * n + j] * d[j];
    }
    wcheck[k] = xd * (0.5 * xd + xo);
    vlag[k] = bd;
  }
  let beta: f64 = 0;
  for (let c = 0; c < nz; c++) {
    let zw: f64 = 0;
    for (let k = 0; k < npt; k++) zw += zmat[k * nz + c] * wcheck[k];
    beta -= zw * zw;
    for (let k = 0; k < npt; k++) vlag[k] += zw * zmat[k * nz + c];
  }
  let bsum: f64 = 0;
  for (let j = 0; j < n; j++) {
    let sum: f64 = 0;
    for (let k = 0; k < npt; k++) sum += wcheck[k] * bmat[k * n + j];
    bsum += sum * d[j];
    for (let i = 0; i < n; i++) sum += bmat[(npt + i) * n + j] * d[i];
    vlag[npt + j] = sum;
    bsum += sum * d[j];
  }
  vlag[s.kopt] += 1;
  return dx * dx + dsq * (xoptsq + 2 * dx + 0.5 * dsq) + beta - bsum;
}
