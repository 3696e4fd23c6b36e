/**
 * brms's log_lik(): for each draw, the log density of each observation given that draw, normalized
 * as Stan's lpmf/lpdf (binomial coefficients and −log y! included), at the draw's linear predictor
 * (drawPredictor.ts).
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import { QuadratError } from '../../errors/quadratError';
import { drawNames } from '../model/brmsDraws';
import { type BrmsModel } from '../model/brmsModel';
import { drawLayout, drawLinearPredictor } from '../model/drawPredictor';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/**
 * The pointwise log-likelihood of every draw: result[i] holds observation i over the draws.
 * `draws[s]` is one draw with values in the order of `names` (default: drawNames(model)).
 */
export function pointwiseLogLik(model: BrmsModel, draws: readonly ArrayLike<number>[], names: readonly string[] = drawNames(model)): Float64Array[] {
  const { data, family } = model;
  const { n, y, trials } = data;
  const L = drawLayout(model, names);
  const S = draws.length;
  const out = Array.from({ length: n }, () => new Float64Array(S));
  const eta = new Float64Array(n);
  const constant = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (family.name === 'binomial' || family.name === 'bernoulli') constant[i] = gammaln(trials![i] + 1) - gammaln(y[i] + 1) - gammaln(trials![i] - y[i] + 1);
    else if (family.name === 'poisson' || family.name === 'negbinomial') constant[i] = -gammaln(y[i] + 1);
    else constant[i] = -LOG_SQRT_2PI;
  }
  for (let s = 0; s < S; s++) {
    const d = draws[s];
    drawLinearPredictor(model, L, d, eta);
    const dpar = L.dpar >= 0 ? d[L.dpar] : NaN;
    for (let i = 0; i < n; i++) out[i][s] = constant[i] + observationLogLik(family.name, y[i], trials ? trials[i] : 1, eta[i], dpar);
  }
  return out;
}

/** The data-dependent part of one observation's log density at η (the constant is added by the caller). */
function observationLogLik(family: string, y: number, trials: number, eta: number, dpar: number): number {
  switch (family) {
    case 'bernoulli':
    case 'binomial':
      return y * eta - trials * softplus(eta);
    case 'poisson':
      return y * eta - Math.exp(eta);
    case 'gaussian': {
      const r = (y - eta) / dpar;
      return -Math.log(dpar) - 0.5 * r * r;
    }
    case 'negbinomial': {
      const phi = dpar;
      const logPhi = Math.log(phi);
      const logMuPhi = eta > logPhi ? eta + Math.log1p(Math.exp(logPhi - eta)) : logPhi + Math.log1p(Math.exp(eta - logPhi));
      return gammaln(y + phi) - gammaln(phi) + phi * logPhi - (y + phi) * logMuPhi + y * eta;
    }
    default:
      throw new QuadratError('model', `No pointwise log-likelihood for the ${family} family.`);
  }
}
