/**
 * R's spline(method = "fmm"): the interpolating cubic spline of Forsythe, Malcolm & Moler, whose end
 * conditions match the third derivatives of cubics through the first and last four points.
 */
export function fmmSpline(x: Float64Array, y: Float64Array): (u: number) => number {
  const n = x.length;
  const b = new Float64Array(n);
  const c = new Float64Array(n);
  const d = new Float64Array(n);
  if (n < 3) {
    const t = (y[1] - y[0]) / (x[1] - x[0]);
    return (u) => y[0] + (u - x[0]) * t;
  }
  // tridiagonal system: b diagonal, d off-diagonal, c right-hand side (0-based from R's 1-based)
  d[0] = x[1] - x[0];
  c[1] = (y[1] - y[0]) / d[0];
  for (let i = 1; i < n - 1; i++) {
    d[i] = x[i + 1] - x[i];
    b[i] = 2 * (d[i - 1] + d[i]);
    c[i + 1] = (y[i + 1] - y[i]) / d[i];
    c[i] = c[i + 1] - c[i];
  }
  b[0] = -d[0];
  b[n - 1] = -d[n - 2];
  c[0] = 0;
  c[n - 1] = 0;
  if (n > 3) {
    c[0] = c[2] / (x[3] - x[1]) - c[1] / (x[2] - x[0]);
    c[n - 1] = c[n - 2] / (x[n - 1] - x[n - 3]) - c[n - 3] / (x[n - 2] - x[n - 4]);
    c[0] = (c[0] * d[0] * d[0]) / (x[3] - x[0]);
    c[n - 1] = (-c[n - 1] * d[n - 2] * d[n - 2]) / (x[n - 1] - x[n - 4]);
  }
  for (let i = 1; i < n; i++) {
    const t = d[i - 1] / b[i - 1];
    b[i] -= t * d[i - 1];
    c[i] -= t * c[i - 1];
  }
  c[n - 1] /= b[n - 1];
  for (let i = n - 2; i >= 0; i--) c[i] = (c[i] - d[i] * c[i + 1]) / b[i];
  b[n - 1] = (y[n - 1] - y[n - 2]) / d[n - 2] + d[n - 2] * (c[n - 2] + 2 * c[n - 1]);
  for (let i = 0; i < n - 1; i++) {
    b[i] = (y[i + 1] - y[i]) / d[i] - d[i] * (c[i + 1] + 2 * c[i]);
    d[i] = (c[i + 1] - c[i]) / d[i];
    c[i] *= 3;
  }
  c[n - 1] *= 3;
  d[n - 1] = d[n - 2];
  return (u) => {
    let i = 0;
    let j = n;
    if (u < x[0] || (n > 1 && x[1] < u)) {
      do {
        const k = (i + j) >> 1;
        if (u < x[k]) j = k;
        else i = k;
      } while (j > i + 1);
    }
    const dx = u - x[i];
    return y[i] + dx * (b[i] + dx * (c[i] + dx * d[i]));
  };
}
