/**
 * The binomial and Poisson AIC terms (R's family$aic, −2 Σ w log p(y | μ)) with what depends only on
 * the response computed once per response, not at every one of the hundreds of objective evaluations.
 *
 * Bit for bit @stdlib's logpmf sums: binomial log p = binomcoefln(n, x) + (x ln p + (n − x) log1p(−p)),
 * Poisson log p = x ln λ − λ − ln x!. Per observation the weight factor, x and n, and for Poisson
 * ln x! (@stdlib's factorialln is gammaln(x + 1)) are cached. For the binomial the log-choose is cached
 * only where it is exactly 0 (x = 0 or x = n, every 0/1 response); there the term with a zero factor is
 * skipped (it adds ±0), so one logarithm per observation is taken instead of two. V8's Math.log and
 * Math.log1p are fdlibm's, as @stdlib's ln and log1p are. Anything else (0 < x < n, μ at 0 or 1, x not
 * a whole number within 0..n) goes through @stdlib's logpmf itself. test/engine/glmm/aicTerms.test.ts
 * compares both with the direct formula.
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import binomialLogpmf from '@stdlib/stats-base-dists-binomial-logpmf';
import poissonLogpmf from '@stdlib/stats-base-dists-poisson-logpmf';
import { type GlmResponse } from './family';

interface BinomialTerms {
  /** (prior weight / m), 0 where m ≤ 0 (the observation adds nothing). */
  coef: Float64Array;
  x: Float64Array;
  size: Float64Array;
  /** 1 where x is 0 or n (log-choose exactly 0): the fast path applies. */
  fast: Uint8Array;
}

interface PoissonTerms {
  /** ln y! where y is a whole number ≥ 0, NaN elsewhere (then @stdlib's logpmf decides). */
  lfact: Float64Array;
}

const binomialCache = new WeakMap<GlmResponse, BinomialTerms>();
const poissonCache = new WeakMap<GlmResponse, PoissonTerms>();

const isCount = (v: number) => Number.isInteger(v) && v >= 0;

function binomialTerms(r: GlmResponse): BinomialTerms {
  const hit = binomialCache.get(r);
  if (hit) return hit;
  const nObs = r.y.length;
  // m = if (any(n > 1)) n else weights; the weights/m factor is 1 for a cbind response
  const useN = r.n.some((v) => v > 1);
  const t: BinomialTerms = { coef: new Float64Array(nObs), x: new Float64Array(nObs), size: new Float64Array(nObs), fast: new Uint8Array(nObs) };
  for (let i = 0; i < nObs; i++) {
    const m = useN ? r.n[i] : r.weights[i];
    if (!(m > 0)) continue;
    const x = Math.round(m * r.y[i]);
    const size = Math.round(m);
    t.coef[i] = r.weights[i] / m;
    t.x[i] = x;
    t.size[i] = size;
    t.fast[i] = isCount(x) && isCount(size) && size !== Infinity && (x === 0 || x === size) ? 1 : 0;
  }
  binomialCache.set(r, t);
  return t;
}

/** R's binomial()$aic: −2 Σ (w/m) log dbinom(round(m y), round(m), μ). */
export function binomialAic(r: GlmResponse, mu: Float64Array): number {
  const { coef, x, size, fast } = binomialTerms(r);
  let s = 0;
  for (let i = 0; i < coef.length; i++) {
    const c = coef[i];
    if (c === 0) continue;
    const p = mu[i];
    if (fast[i] === 1 && p > 0 && p < 1) {
      const xi = x[i];
      const fails = size[i] - xi;
      s += c * (0 + ((xi > 0 ? xi * Math.log(p) : 0) + (fails > 0 ? fails * Math.log1p(-p) : 0)));
    } else {
      s += c * binomialLogpmf(x[i], size[i], p);
    }
  }
  return -2 * s;
}

function poissonTerms(r: GlmResponse): PoissonTerms {
  const hit = poissonCache.get(r);
  if (hit) return hit;
  const lfact = Float64Array.from(r.y, (y) => (isCount(y) && y !== Infinity ? gammaln(y + 1) : NaN));
  const t = { lfact };
  poissonCache.set(r, t);
  return t;
}

/** R's poisson()$aic: −2 Σ w log dpois(y, μ). */
export function poissonAic(r: GlmResponse, mu: Float64Array): number {
  const { lfact } = poissonTerms(r);
  const { y, weights } = r;
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const lam = mu[i];
    const lf = lfact[i];
    const lp = lam > 0 && lf === lf ? y[i] * Math.log(lam) - lam - lf : poissonLogpmf(y[i], lam);
    s += lp * weights[i];
  }
  return -2 * s;
}

/** v ln v, 0 at v = 0 (the saturated model's terms). */
const vlogv = (v: number) => (v > 0 ? v * Math.log(v) : 0);

/**
 * aic(μ) − Σ devres(y, μ), which does not depend on μ: for binomial and Poisson the deviance is −2 times
 * the log-likelihood ratio against the saturated model, so
 *   binomial  −2 (w/m) log dbinom(x, m, μ) − devres = −2 (w/m) lchoose(m, x) − 2 w [y ln y + (1 − y) ln(1 − y)]
 *   Poisson   −2 w log dpois(y, μ) − devres          =  2 w [ln y! − y ln y + y]
 * (x = m y, and w the prior weight times m for a cbind response, as glmResponse leaves them). With it the
 * Laplace objective takes aic = Σ devres + this constant from the deviance PIRLS has already summed,
 * instead of a logarithm per observation at every evaluation; the two agree to rounding (~1e-15
 * relative). Undefined where the identity does not hold exactly as R's aic computes it (x or m not a
 * whole number, another family): then the aic is summed directly.
 */
export function aicMinusDeviance(family: string, r: GlmResponse): number | undefined {
  if (family === 'binomial') {
    const { coef, x, size } = binomialTerms(r);
    let s = 0;
    for (let i = 0; i < coef.length; i++) {
      const c = coef[i];
      if (c === 0) {
        if (r.weights[i] !== 0) return undefined;
        continue;
      }
      const xi = x[i];
      const m = size[i];
      if (!isCount(xi) || !isCount(m) || m === Infinity || xi > m || Math.abs(xi - m * r.y[i]) > 1e-9 * Math.max(1, xi)) return undefined;
      const lchoose = xi === 0 || xi === m ? 0 : gammaln(m + 1) - gammaln(xi + 1) - gammaln(m - xi + 1);
      s += -2 * c * lchoose - 2 * r.weights[i] * (vlogv(r.y[i]) + vlogv(1 - r.y[i]));
    }
    return Number.isFinite(s) ? s : undefined;
  }
  if (family === 'poisson') {
    const { lfact } = poissonTerms(r);
    let s = 0;
    for (let i = 0; i < lfact.length; i++) {
      if (lfact[i] !== lfact[i]) return undefined;
      const y = r.y[i];
      s += 2 * r.weights[i] * (lfact[i] - vlogv(y) + y);
    }
    return Number.isFinite(s) ? s : undefined;
  }
  return undefined;
}
