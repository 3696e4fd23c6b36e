/**
 * log W(y, φ, p) of the Tweedie density (Dunn & Smyth 2005, eq. 2), summed exactly as TMB's
 * tweedie_logW (tiny_ad/tweedie/tweedie.cpp, from the cplm package) sums it: the same bounds on the
 * series (terms within e^−37 of the largest, found in steps of 5 from jmax) and the same terms
 *   w_j = j log z − lΓ(1 + j) − lΓ(−a j),   a = (p − 2)/(p − 1),   log z = −a log y − log φ/(p − 1) + a log(p − 1) − log(2 − p),
 * so that glmmTMB's objective is matched to rounding. With the bounds held fixed (as TMB's AD holds
 * them) the derivatives in κ = log φ and p are the weighted means of ∂w_j (weights e^{w_j − log W}).
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import { digamma } from '../../bayes/model/digamma';

const DROP = 37;
const INCRE = 5;
const NTERM = 20000;

/** [log W, ∂ log W/∂κ, ∂ log W/∂p] into out, for y > 0, φ > 0, 1 < p < 2. */
export function tweedieLogW(y: number, phi: number, p: number, out: Float64Array): void {
  const p1 = p - 1, p2 = 2 - p;
  const a = -p2 / p1, a1 = 1 / p1;
  const cc = a * Math.log(p1) - Math.log(p2);
  const jmax = Math.max(1, Math.pow(y, p2) / (phi * p2));
  const logz = -a * Math.log(y) - a1 * Math.log(phi) + cc;
  // the bounds of the series, as TMB finds them
  const cb = logz + a1 + a * Math.log(-a);
  const w = a1 * jmax;
  let j = jmax;
  for (;;) {
    j += INCRE;
    if (j * (cb - a1 * Math.log(j)) < w - DROP) break;
  }
  const jh = Math.ceil(j);
  j = jmax;
  for (;;) {
    j -= INCRE;
    if (j < 1 || j * (cb - a1 * Math.log(j)) < w - DROP) break;
  }
  const jl = Math.max(1, Math.floor(j));
  const nterms = Math.min(jh - jl + 1, NTERM);
  // ∂ log z/∂p and ∂a/∂p; ∂w_j/∂p = j ∂log z/∂p + j ∂a/∂p ψ(−a j), ∂w_j/∂κ = −j/(p − 1)
  const ap = 1 / (p1 * p1);
  const logzP = -ap * Math.log(y) + Math.log(phi) * ap + ap * Math.log(p1) + a / p1 + 1 / p2;
  let wmax = -Infinity;
  const ww = new Float64Array(nterms);
  for (let k = 0; k < nterms; k++) {
    const jj = k + jl;
    ww[k] = jj * logz - gammaln(1 + jj) - gammaln(-a * jj);
    if (ww[k] > wmax) wmax = ww[k];
  }
  let sum = 0, sumJ = 0, sumP = 0;
  for (let k = 0; k < nterms; k++) {
    const jj = k + jl, e = Math.exp(ww[k] - wmax);
    sum += e;
    sumJ += e * jj;
    sumP += e * jj * (logzP + ap * digamma(-a * jj));
  }
  out[0] = Math.log(sum) + wmax;
  out[1] = -a1 * (sumJ / sum);
  out[2] = sumP / sum;
}
