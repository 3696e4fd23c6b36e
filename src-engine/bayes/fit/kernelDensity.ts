/**
 * R's density(x, bw = "nrd0", from, to, n = 512) with the gaussian kernel, as bayesplot's density
 * overlays draw it: x is binned linearly onto n points over [from − 4·bw, to + 4·bw] (R's BinDist), the
 * bins are convolved with the kernel (R uses an FFT; the direct sum here is the same sum) and the result
 * is interpolated linearly at n points from `from` to `to`.
 */

/** R's bw.nrd0: 0.9 · min(sd, IQR/1.34) · n^(−1/5), with R's fallbacks when that is 0. */
export function bandwidthNrd0(x: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2) throw new Error('bandwidthNrd0: need at least 2 data points');
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const sorted = Float64Array.from(x).sort();
  const q = (p: number) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, n - 1)] ?? sorted[lo]) - sorted[lo]);
  };
  let lo = Math.min(sd, (q(0.75) - q(0.25)) / 1.34);
  if (!lo) lo = sd || Math.abs(x[0]) || 1;
  return 0.9 * lo * n ** -0.2;
}

export function kernelDensity(x: ArrayLike<number>, from: number, to: number, points = 512): { x: number[]; y: number[]; bandwidth: number } {
  const bw = bandwidthNrd0(x);
  const n = points <= 512 ? 512 : 2 ** Math.ceil(Math.log2(points));
  const lo = from - 4 * bw;
  const up = to + 4 * bw;
  // BinDist: linear binning with weight 1/N, into 2n cells of which the first n are used
  const y = new Float64Array(2 * n);
  const delta = (up - lo) / (n - 1);
  const w = 1 / x.length;
  for (let i = 0; i < x.length; i++) {
    const pos = (x[i] - lo) / delta;
    const ix = Math.floor(pos);
    const fx = pos - ix;
    if (ix >= 0 && ix <= n - 2) {
      y[ix] += w * (1 - fx);
      y[ix + 1] += w * fx;
    } else if (ix === -1) y[0] += w * fx;
    else if (ix === n - 1) y[ix] += w * (1 - fx);
  }
  // the kernel at the lags R's FFT pairs the bins with: seq(0, 2(up − lo), length.out = 2n), a step a
  // little wider than the bins' (R's own quirk, kept so the numbers are R's)
  const lag = (2 * (up - lo)) / (2 * n - 1);
  const kern = Float64Array.from({ length: n }, (_, k) => Math.exp(-0.5 * ((k * lag) / bw) ** 2) / (bw * Math.sqrt(2 * Math.PI)));
  const dens = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let k = 0; k < n; k++) if (y[k] !== 0) s += y[k] * kern[Math.abs(j - k)];
    dens[j] = Math.max(0, s);
  }
  const xs: number[] = [];
  const ys: number[] = [];
  for (let t = 0; t < points; t++) {
    const at = points === 1 ? from : from + ((to - from) * t) / (points - 1);
    const pos = (at - lo) / delta;
    const k = Math.min(Math.max(Math.floor(pos), 0), n - 2);
    const f = pos - k;
    xs.push(at);
    ys.push(dens[k] * (1 - f) + dens[k + 1] * f);
  }
  return { x: xs, y: ys, bandwidth: bw };
}
