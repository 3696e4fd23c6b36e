/**
 * Starting β for a GLMM: the fixed-effects-only GLM fitted by IRLS from family$initialize's μ, as
 * glm.fit would. A few iterations suffice (the optimizer refines β); it only has to be sensible.
 */
import { type MixedDesign } from '../design/mixedDesign';
import { weightedLeastSquares } from '../linalg/leastSquares';
import { type Family, type GlmResponse } from './family';

export function glmStart(design: MixedDesign, family: Family, resp: GlmResponse, iterations = 25): Float64Array {
  const { n, p, X, offset } = design;
  const { link } = family;
  const eta = new Float64Array(n);
  for (let i = 0; i < n; i++) eta[i] = link.linkfun(family.muStart(resp.y[i], resp.weights[i]));
  let beta: Float64Array | undefined;
  let lastDev = Infinity;
  const etaOf = (b: Float64Array, out: Float64Array): number => {
    let dev = 0;
    for (let i = 0; i < n; i++) {
      let s = offset ? offset[i] : 0;
      for (let a = 0; a < p; a++) s += X[a * n + i] * b[a];
      out[i] = s;
      if (!link.validEta(s)) return NaN;
      const mu = link.linkinv(s);
      if (!family.validMu(mu)) return NaN;
      dev += family.devResid(resp.y[i], mu, resp.weights[i]);
    }
    return dev;
  };
  // the working response, weights and next η: one array each for all iterations
  const z = new Float64Array(n);
  const W = new Float64Array(n);
  const next = new Float64Array(n);
  for (let it = 0; it < iterations; it++) {
    // the IRLS step: weighted least squares of the working response z on X with weights W
    z.fill(0);
    W.fill(0);
    for (let i = 0; i < n; i++) {
      const mu = link.linkinv(eta[i]);
      const d = link.muEta(eta[i]);
      const w = (resp.weights[i] * d * d) / family.variance(mu);
      if (!(w > 0) || !Number.isFinite(w)) continue;
      W[i] = w;
      z[i] = eta[i] - (offset ? offset[i] : 0) + (resp.y[i] - mu) / d;
    }
    const ls = weightedLeastSquares(X, n, p, z, W);
    if (!ls) break;
    const x = ls.beta;
    let dev = etaOf(x, next);
    // glm.fit's step-halving towards the last valid coefficients (sqrt, identity, inverse links)
    for (let h = 0; h < 30 && !Number.isFinite(dev) && beta; h++) {
      for (let a = 0; a < p; a++) x[a] = (x[a] + beta[a]) / 2;
      dev = etaOf(x, next);
    }
    if (!Number.isFinite(dev)) {
      if (beta) break;
      // no valid coefficients yet: start again from the intercept at the mean response
      const b = interceptStart(design, family, resp);
      if (!b || !Number.isFinite(etaOf(b, next))) break;
      beta = b;
      eta.set(next);
      continue;
    }
    beta = x;
    eta.set(next);
    if (Math.abs(lastDev - dev) < 1e-8 * (Math.abs(dev) + 0.1)) break;
    lastDev = dev;
  }
  return beta ?? interceptStart(design, family, resp) ?? new Float64Array(p);
}

/** β = (g(ȳ), 0, …, 0) when X has an intercept column: a valid η for every link. */
function interceptStart(design: MixedDesign, family: Family, resp: GlmResponse): Float64Array | undefined {
  const { n, p, X } = design;
  const j = design.fixedNames.indexOf('(Intercept)');
  if (j < 0 || design.offset) return undefined;
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < n; i++) {
    sw += resp.weights[i];
    swy += resp.weights[i] * resp.y[i];
  }
  const b = new Float64Array(p);
  b[j] = family.link.linkfun(Math.min(Math.max(swy / sw, 1e-4), family.name === 'binomial' ? 1 - 1e-4 : Infinity));
  void X;
  return b;
}
