/// <reference path="./portable.d.ts" />
import { BobyqaState } from './state';

/**
 * Powell's safeguard: if trust-region steps keep doing badly while the model's (projected)
 * gradient is much larger than that of the least-Frobenius-norm interpolant of the current data,
 * three times in a row, the model is replaced by that interpolant. Returns the new count.
 * fdiff (length ≥ npt + n) also receives that interpolant's gradient in its last n entries;
 * xo (length npt) is work space.
 */
export function maybeReplaceModel(
  st: BobyqaState,
  ratio: f64,
  itest: i32,
  fdiff: Float64Array,
  lambda: Float64Array,
  xo: Float64Array,
): i32 {
  // A successful step resets the count and changes nothing else: skip the O(npt²) work.
  if (ratio > 0.01) return 0;
  const n = st.n;
  const npt = st.npt;
  const nz = st.nz;
  const xpt = st.xpt;
  const zmat = st.zmat;
  const bmat = st.bmat;
  const xopt = st.xopt;
  const gopt = st.gopt;
  const sl = st.sl;
  const su = st.su;
  const fval = st.fval;
  const kopt = st.kopt;
  for (let k = 0; k < npt; k++) {
    fdiff[k] = fval[k] - fval[kopt];
    lambda[k] = 0;
  }
  for (let c = 0; c < nz; c++) {
    let t: f64 = 0;
    for (let k = 0; k < npt; k++) t += zmat[k * nz + c] * fdiff[k];
    for (let k = 0; k < npt; k++) lambda[k] += t * zmat[k * nz + c];
  }
  for (let k = 0; k < npt; k++) {
    let t: f64 = 0;
    for (let j = 0; j < n; j++) t += xpt[k * n + j] * xopt[j];
    xo[k] = t;
  }
  let gqsq: f64 = 0;
  let gisq: f64 = 0;
  for (let i = 0; i < n; i++) {
    let sum: f64 = 0;
    for (let k = 0; k < npt; k++) sum += bmat[k * n + i] * fdiff[k] + xpt[k * n + i] * lambda[k] * xo[k];
    fdiff[npt + i] = sum;
    let gq = gopt[i];
    let gi = sum;
    if (xopt[i] === sl[i]) {
      gq = Math.min(0, gq);
      gi = Math.min(0, gi);
    } else if (xopt[i] === su[i]) {
      gq = Math.max(0, gq);
      gi = Math.max(0, gi);
    }
    gqsq += gq * gq;
    gisq += gi * gi;
  }
  const next = gqsq < 10 * gisq ? 0 : itest + 1;
  if (next < 3) return next;
  for (let i = 0; i < n; i++) gopt[i] = fdiff[npt + i];
  st.hq.fill(0);
  for (let k = 0; k < npt; k++) st.pq[k] = lambda[k];
  return 0;
}
