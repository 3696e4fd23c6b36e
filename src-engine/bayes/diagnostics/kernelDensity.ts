/**
 * R's kernel density estimate density(x, bw = "nrd0", from, to, n): Gaussian kernel, bw.nrd0, linear
 * binning on 2n cells and the circular convolution R does by FFT (here summed directly), interpolated
 * linearly at n points from `from` to `to`. brms's density ratio reads it at one point (densityAt.ts,
 * n = 4096); pp_check's overlays draw it (ppCheck.ts, n = 512, as bayesplot).
 */
import { quantileSorted, sortedCopy } from './quantile';
import { variance } from './draws';

/** R's seq.int(from, to, length.out = n), filled symmetrically from both ends as R 4 does. */
export function seqLength(from: number, to: number, n: number): Float64Array {
  const out = new Float64Array(n);
  out[0] = from;
  if (n > 1) out[n - 1] = to;
  const by = (to - from) / (n - 1);
  for (let i = 1; i < n - 1; i++) out[i] = i < Math.floor(n / 2) ? from + i * by : to - (n - 1 - i) * by;
  return out;
}

/** R's bw.nrd0: 0.9 · min(sd, IQR/1.34) · n^(−1/5), with its fallbacks. */
export function bwNrd0(x: ArrayLike<number>): number {
  const hi = Math.sqrt(variance(x));
  const s = sortedCopy(x);
  let lo = Math.min(hi, (quantileSorted(s, 0.75) - quantileSorted(s, 0.25)) / 1.34);
  if (!lo) lo = hi || Math.abs(x[0]) || 1;
  return 0.9 * lo * Math.pow(x.length, -0.2);
}

/** R's density(x, from = from, to = to, n = n): its x (seq(from, to, length.out = n)), y and bw. */
export function kernelDensity(x: ArrayLike<number>, from: number, to: number, n = 4096): { x: Float64Array; y: Float64Array; bw: number } {
  const bw = bwNrd0(x);
  const lo = from - 4 * bw;
  const up = to + 4 * bw;
  // C_BinDist: linear binning with weights 1/N on 2n cells of which the first n are used
  const y = new Float64Array(2 * n);
  const delta = (up - lo) / (n - 1);
  const w = 1 / x.length;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) continue;
    const pos = (x[i] - lo) / delta;
    const ix = Math.floor(pos);
    const fx = pos - ix;
    if (ix >= 0 && ix <= n - 2) {
      y[ix] += w * (1 - fx);
      y[ix + 1] += w * fx;
    } else if (ix === -1) y[0] += w * fx;
    else if (ix === n - 1) y[ix] += w * (1 - fx);
  }
  // kernel ordinates at distances 0 … 2(up − lo), mirrored for negative lags
  const kords = seqLength(0, 2 * (up - lo), 2 * n);
  for (let i = n + 1; i < 2 * n; i++) kords[i] = -kords[2 * n - i];
  const norm = 1 / (bw * Math.sqrt(2 * Math.PI));
  const kern = Float64Array.from(kords, (d) => norm * Math.exp(-0.5 * (d / bw) * (d / bw)));
  // fft(fft(y) · Conj(fft(kern)), inverse = TRUE) / 2n is the circular cross-correlation
  const dens = new Float64Array(n);
  const nonzero: number[] = [];
  for (let j = 0; j < 2 * n; j++) if (y[j] !== 0) nonzero.push(j);
  for (let k = 0; k < n; k++) {
    let s = 0;
    for (const j of nonzero) s += y[j] * kern[(j - k + 2 * n) % (2 * n)];
    dens[k] = Math.max(0, s);
  }
  const xords = seqLength(lo, up, n);
  const xs = seqLength(from, to, n);
  return { x: xs, y: Float64Array.from(xs, (v) => approx(xords, dens, v)), bw };
}

/** R's approx(x, y, v) (linear) for v inside the sorted x. */
function approx(x: Float64Array, y: Float64Array, v: number): number {
  let i = 0;
  let j = x.length - 1;
  if (v < x[i] || v > x[j]) return NaN;
  while (i < j - 1) {
    const ij = (i + j) >> 1;
    if (v < x[ij]) j = ij;
    else i = ij;
  }
  if (v === x[j]) return y[j];
  if (v === x[i]) return y[i];
  return y[i] + (y[j] - y[i]) * ((v - x[i]) / (x[j] - x[i]));
}
