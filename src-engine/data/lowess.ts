/**
 * R's lowess(x, y, f = 2/3, iter = 3, delta = 0.01 · range(x)): Cleveland's robust locally weighted
 * line, written after the algorithm of R's clowess (tricube weights over the nearest f·n points, a
 * weighted line at each point, points within delta of the last fitted one interpolated, then `iter`
 * rounds of bisquare robustness weights from the residuals' median). The scatter plot's smoother.
 */

/** One local fit at xs from points nleft..nright (0-based); null when every weight is zero. */
function lowest(x: Float64Array, y: Float64Array, xs: number, nleft: number, nright: number, w: Float64Array, rw: Float64Array | null): number | null {
  const n = x.length;
  const range = x[n - 1] - x[0];
  const h = Math.max(xs - x[nleft], x[nright] - xs);
  const h9 = 0.999 * h;
  const h1 = 0.001 * h;
  let a = 0;
  let j = nleft;
  while (j < n) {
    w[j] = 0;
    const r = Math.abs(x[j] - xs);
    if (r <= h9) {
      w[j] = r <= h1 ? 1 : (1 - (r / h) ** 3) ** 3;
      if (rw) w[j] *= rw[j];
      a += w[j];
    } else if (x[j] > xs) break;
    j++;
  }
  const nrt = j - 1;
  if (a <= 0) return null;
  for (j = nleft; j <= nrt; j++) w[j] /= a;
  if (h > 0) {
    a = 0;
    for (j = nleft; j <= nrt; j++) a += w[j] * x[j];
    let b = xs - a;
    let c = 0;
    for (j = nleft; j <= nrt; j++) c += w[j] * (x[j] - a) * (x[j] - a);
    if (Math.sqrt(c) > 0.001 * range) {
      b /= c;
      for (j = nleft; j <= nrt; j++) w[j] *= b * (x[j] - a) + 1;
    }
  }
  let ys = 0;
  for (j = nleft; j <= nrt; j++) ys += w[j] * y[j];
  return ys;
}

/** Sorted x and the smooth at each, as R's lowess() returns them (rows with a missing value dropped). */
export function lowess(xIn: ArrayLike<number>, yIn: ArrayLike<number>, options: { f?: number; iter?: number; delta?: number } = {}): { x: number[]; y: number[] } {
  const pairs: [number, number][] = [];
  for (let i = 0; i < xIn.length; i++) if (Number.isFinite(xIn[i]) && Number.isFinite(yIn[i])) pairs.push([xIn[i], yIn[i]]);
  pairs.sort((a, b) => a[0] - b[0]);
  const n = pairs.length;
  const x = Float64Array.from(pairs, (p) => p[0]);
  const y = Float64Array.from(pairs, (p) => p[1]);
  if (n === 0) return { x: [], y: [] };
  if (n < 2) return { x: [x[0]], y: [y[0]] };
  const f = options.f ?? 2 / 3;
  const nsteps = options.iter ?? 3;
  const delta = options.delta ?? 0.01 * (x[n - 1] - x[0]);
  const ys = new Float64Array(n);
  const res = new Float64Array(n);
  const w = new Float64Array(n);
  let rw: Float64Array | null = null;
  const ns = Math.max(Math.min(Math.floor(f * n + 1e-7), n), 2);
  for (let iter = 1; iter <= nsteps + 1; iter++) {
    let nleft = 0;
    let nright = ns - 1;
    let last = -1;
    let i = 0;
    for (;;) {
      if (nright < n - 1) {
        const d1 = x[i] - x[nleft];
        const d2 = x[nright + 1] - x[i];
        if (d1 > d2) {
          nleft++;
          nright++;
          continue;
        }
      }
      const fit = lowest(x, y, x[i], nleft, nright, w, rw);
      ys[i] = fit ?? y[i];
      if (last < i - 1) {
        const denom = x[i] - x[last];
        for (let j = last + 1; j < i; j++) {
          const alpha = (x[j] - x[last]) / denom;
          ys[j] = alpha * ys[i] + (1 - alpha) * ys[last];
        }
      }
      last = i;
      const cut = x[last] + delta;
      for (i = last + 1; i < n; i++) {
        if (x[i] > cut) break;
        if (x[i] === x[last]) {
          ys[i] = ys[last];
          last = i;
        }
      }
      i = Math.max(last + 1, i - 1);
      if (last >= n - 1) break;
    }
    let sc = 0;
    for (let k = 0; k < n; k++) {
      res[k] = y[k] - ys[k];
      sc += Math.abs(res[k]);
    }
    sc /= n;
    if (iter > nsteps) break;
    const abs = Float64Array.from(res, Math.abs).sort();
    const m1 = Math.floor(n / 2);
    const cmad = n % 2 === 0 ? 3 * (abs[m1] + abs[n - m1 - 1]) : 6 * abs[m1];
    if (cmad < 1e-7 * sc) break;
    const c9 = 0.999 * cmad;
    const c1 = 0.001 * cmad;
    rw = Float64Array.from(res, (r) => {
      const a = Math.abs(r);
      return a <= c1 ? 1 : a > c9 ? 0 : (1 - (a / cmad) ** 2) ** 2;
    });
  }
  return { x: Array.from(x), y: Array.from(ys) };
}
