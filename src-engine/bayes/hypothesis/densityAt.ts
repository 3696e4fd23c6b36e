/**
 * brms's density_ratio() building block: the value at one point of R's kernel density estimate
 * density(x, from, to, n = 4096) (Gaussian kernel, bw.nrd0, linear binning on 2n cells and the
 * circular convolution R does by FFT, here summed directly), interpolated as spline(dens$x, dens$y,
 * xout = point) with R's "fmm" cubic spline.
 */
import { quantileSorted, sortedCopy } from '../diagnostics/quantile';
import { variance } from '../diagnostics/draws';
import { fmmSpline } from './fmmSpline';

const N_GRID = 4096;

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

/** R's density(x, from, to, n = 4096)$y on seq(from, to, length.out = 4096). */
export function kernelDensity(x: ArrayLike<number>, from: number, to: number): { x: Float64Array; y: Float64Array } {
  const n = N_GRID;
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
  return { x: xs, y: Float64Array.from(xs, (v) => approx(xords, dens, v)) };
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

/** brms's eval_density: the estimate's range is widened by sd/4 past the point when it lies outside the draws. */
export function densityAt(x: ArrayLike<number>, point: number): number {
  let from = Infinity;
  let to = -Infinity;
  for (let i = 0; i < x.length; i++) {
    if (x[i] < from) from = x[i];
    if (x[i] > to) to = x[i];
  }
  const sd = Math.sqrt(variance(x));
  if (from > point) from = point - sd / 4;
  else if (to < point) to = point + sd / 4;
  const d = kernelDensity(x, from, to);
  return fmmSpline(d.x, d.y)(point);
}
