/**
 * posterior's autocovariance: the biased (divide-by-N) autocovariance of one chain at lags 0…N−1,
 * by FFT of the centred, zero-padded chain, scaled so lag 0 equals var·(N−1)/N. A constant chain has
 * zero autocovariance at every lag.
 */
import { fftInPlace } from './fft';
import { mean, variance } from './draws';

export function autocovariance(x: Float64Array): Float64Array {
  const N = x.length;
  const varx = variance(x);
  const ac = new Float64Array(N);
  if (varx === 0) return ac;
  let size = 1;
  while (size < 2 * N) size <<= 1;
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  const m = mean(x);
  for (let i = 0; i < N; i++) re[i] = x[i] - m;
  fftInPlace(re, im, false);
  for (let i = 0; i < size; i++) {
    re[i] = re[i] * re[i] + im[i] * im[i];
    im[i] = 0;
  }
  fftInPlace(re, im, true);
  const scale = (varx * (N - 1)) / N / re[0];
  for (let i = 0; i < N; i++) ac[i] = re[i] * scale;
  return ac;
}
