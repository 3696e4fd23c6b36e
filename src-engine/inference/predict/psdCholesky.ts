/**
 * The lower Cholesky factor of a small covariance matrix that may be only semi-definite (a singular
 * fit's Σ has a zero variance; a correlation of ±1 makes it rank-deficient): a pivot that is zero up to
 * rounding zeroes its column, so draws L·w still have covariance A.
 */
export function psdCholesky(A: Float64Array | readonly number[], n: number, rowMajor = false): Float64Array {
  const a = (i: number, j: number) => (rowMajor ? A[i * n + j] : A[j * n + i]);
  const L = new Float64Array(n * n); // column-major
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(a(i, i)));
  const tol = 1e-12 * scale;
  for (let j = 0; j < n; j++) {
    let d = a(j, j);
    for (let k = 0; k < j; k++) d -= L[k * n + j] * L[k * n + j];
    if (!(d > tol)) continue;
    const ljj = Math.sqrt(d);
    L[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a(i, j);
      for (let k = 0; k < j; k++) s -= L[k * n + i] * L[k * n + j];
      L[j * n + i] = s / ljj;
    }
  }
  return L;
}

/** out = L w for the column-major lower factor L. */
export function lowerTimes(L: Float64Array, n: number, w: Float64Array, out: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k <= i; k++) s += L[k * n + i] * w[k];
    out[i] = s;
  }
  return out;
}
