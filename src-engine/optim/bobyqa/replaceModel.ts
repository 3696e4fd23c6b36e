import { type BobyqaState } from './state';

/**
 * Powell's safeguard: if trust-region steps keep doing badly while the model's (projected)
 * gradient is much larger than that of the least-Frobenius-norm interpolant of the current data,
 * three times in a row, the model is replaced by that interpolant. Returns the new count.
 * fdiff (length ≥ npt + n) also receives that interpolant's gradient in its last n entries;
 * xo (length npt) is work space.
 */
export function maybeReplaceModel(
  st: BobyqaState,
  ratio: number,
  itest: number,
  fdiff: Float64Array,
  lambda: Float64Array,
  xo: Float64Array,
): number {
  // A successful step resets the count and changes nothing else: skip the O(npt²) work.
  if (ratio > 0.01) return 0;
  const { n, npt, nz, xpt, zmat, bmat, xopt, gopt, sl, su, fval, kopt } = st;
  for (let k = 0; k < npt; k++) {
    fdiff[k] = fval[k] - fval[kopt];
    lambda[k] = 0;
  }
  for (let c = 0; c < nz; c++) {
    let t = 0;
    for (let k = 0; k < npt; k++) t += zmat[k * nz + c] * fdiff[k];
    for (let k = 0; k < npt; k++) lambda[k] += t * zmat[k * nz + c];
  }
  for (let k = 0; k < npt; k++) {
    let t = 0;
    for (let j = 0; j < n; j++) t += xpt[k * n + j] * xopt[j];
    xo[k] = t;
  }
  let gqsq = 0;
  let gisq = 0;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let k = 0; k < npt; k++) sum += bmat[k * n + i] * fdiff[k] + xpt[k * n + i] * lambda[k] * xo[k];
    fdiff[npt + i] = sum;
    if (xopt[i] === sl[i]) {
      gqsq += Math.min(0, gopt[i]) ** 2;
      gisq += Math.min(0, sum) ** 2;
    } else if (xopt[i] === su[i]) {
      gqsq += Math.max(0, gopt[i]) ** 2;
      gisq += Math.max(0, sum) ** 2;
    } else {
      gqsq += gopt[i] ** 2;
      gisq += sum * sum;
    }
  }
  const next = gqsq < 10 * gisq ? 0 : itest + 1;
  if (next < 3) return next;
  for (let i = 0; i < n; i++) gopt[i] = fdiff[npt + i];
  st.hq.fill(0);
  for (let k = 0; k < npt; k++) st.pq[k] = lambda[k];
  return 0;
}
