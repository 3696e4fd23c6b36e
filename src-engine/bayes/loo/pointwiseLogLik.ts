/**
 * brms's log_lik(): for each draw, the log density of each observation given that draw, normalized
 * as Stan's lpmf/lpdf (binomial coefficients and −log y! included), from the draw as brms names it
 * (b_Intercept, b_<coef>, r_<group>[<level>,<coef>], sigma or shape). The linear predictor uses the
 * uncentred intercept, η = b_Intercept + offset + X b + Σ r Z, which equals brms's centred one.
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import { QuadratError } from '../../errors/quadratError';
import { drawNames } from '../model/brmsDraws';
import { type BrmsModel } from '../model/brmsModel';
import { brmsName } from '../model/brmsNames';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** Where each quantity the likelihood needs sits in a draw of `names`. */
interface Layout {
  intercept: number;
  b: number[];
  /** Per term, per coefficient, per level: the index of r_<group>[<level>,<coef>]. */
  r: number[][][];
  dpar: number;
}

function layout(model: BrmsModel, names: readonly string[]): Layout {
  const at = new Map(names.map((n, i) => [n, i]));
  const need = (n: string): number => {
    const i = at.get(n);
    if (i === undefined) throw new QuadratError('input', `The draws have no "${n}", which the log-likelihood of this model needs.`);
    return i;
  };
  const { data, family } = model;
  return {
    intercept: data.hasIntercept ? need('b_Intercept') : -1,
    b: data.bNames.map((nm) => need(`b_${brmsName(nm)}`)),
    r: data.terms.map((t) => t.coefNames.map((c) => t.levels.map((lv) => need(`r_${t.group}[${lv},${brmsName(c)}]`)))),
    dpar: family.dpar ? need(family.dpar) : -1,
  };
}

/**
 * The pointwise log-likelihood of every draw: result[i] holds observation i over the draws.
 * `draws[s]` is one draw with values in the order of `names` (default: drawNames(model)).
 */
export function pointwiseLogLik(model: BrmsModel, draws: readonly ArrayLike<number>[], names: readonly string[] = drawNames(model)): Float64Array[] {
  const { data, family } = model;
  const { n, y, trials, Xc, meansX, offset } = data;
  const L = layout(model, names);
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
    const b0 = L.intercept >= 0 ? d[L.intercept] : 0;
    for (let i = 0; i < n; i++) eta[i] = b0 + (offset ? offset[i] : 0);
    L.b.forEach((j, k) => {
      const bk = d[j];
      const base = k * n;
      for (let i = 0; i < n; i++) eta[i] += (Xc[base + i] + meansX[k]) * bk;
    });
    data.terms.forEach((t, k) => {
      const M = t.coefNames.length;
      const idx = L.r[k];
      for (let i = 0; i < n; i++) {
        const lv = t.refs[i];
        for (let m = 0; m < M; m++) eta[i] += d[idx[m][lv]] * t.Z[i * M + m];
      }
    });
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
