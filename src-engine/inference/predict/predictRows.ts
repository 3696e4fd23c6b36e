/**
 * Predictions for new rows with their uncertainty. The estimate is lme4's predict(): x'β̂ (population,
 * re.form = NA) or x'β̂ + z'b̂ for the row's own group (re.form = NULL; a group the fit did not see gets
 * b = 0). Its variance has up to three parts, each independent of the others:
 *   x'Vx           the fixed effects (V = vcov(β̂));
 *   z'C_l z        the row's group's effects (C_l its condVar), or z'Σz for a group the fit did not see;
 *   σ²             a new observation around its mean (LMMs).
 * A confidence interval carries the first (population) or the first two (group); a prediction
 * interval adds σ², and at the population level z'Σz — the spread of a new group. Intervals are
 * normal on the link scale (the delta method, as the GLMM FAQ's recipe), or quantiles of draws
 * β* ~ N(β̂, V), b* ~ N(b̂_l, C_l) or N(0, Σ), ε* ~ N(0, σ²) (merTools' predictInterval); the response
 * scale applies g⁻¹ to both ends. For GLMMs a population mean can be bias-adjusted as emmeans does:
 * g⁻¹(η) + ½ z'Σz · (g⁻¹)''(η), the mean over groups rather than the typical group's mean.
 */
import { QuadratError } from '../../errors/quadratError';
import { quantileSorted } from '../../bayes/diagnostics/quantile';
import { normals, rngFor } from '../bootstrap';
import { qnorm } from '../distributions';
import { secondDerivative } from '../../glmm/glmmInference';
import { type NewDataDesign } from './newDataDesign';
import { type PredictionModel } from './predictionModel';
import { lowerTimes, psdCholesky } from './psdCholesky';

export type PredictLevel = 'population' | 'group';
export type IntervalKind = 'none' | 'confidence' | 'prediction';

export interface PredictOptions {
  /** population: fixed effects only (re.form = NA); group: each row's own group (re.form = NULL). */
  readonly re: PredictLevel;
  readonly interval: IntervalKind;
  readonly method: 'delta' | 'simulation';
  readonly level: number;
  /** GLMMs: the mean (response) or the linear predictor (link). */
  readonly scale: 'response' | 'link';
  readonly nsim: number;
  readonly seed: number;
}

export const DEFAULT_PREDICT_OPTIONS: PredictOptions = { re: 'population', interval: 'confidence', method: 'delta', level: 0.95, scale: 'response', nsim: 1000, seed: 1 };

export interface PredictionRow {
  /** Index (0-based) of the new row. */
  readonly row: number;
  readonly estimate: number;
  /** The linear predictor η (equal to the estimate for an LMM). */
  readonly eta: number;
  /** √ of the interval's variance on the link scale (the delta method's SE). */
  readonly se: number;
  readonly lower: number | null;
  readonly upper: number | null;
  /** GLMM population means on the response scale: emmeans' bias-adjusted back-transform. */
  readonly biasAdjusted: number | null;
  /** The grouping factors whose level in this row the fit did not see ("Subject = 999"). */
  newGroups: string[];
}

interface Parts {
  eta: number;
  varFixed: number;
  varGroup: number;
  varNewGroup: number;
}

function quadForm(A: Float64Array, z: Float64Array, zo: number, S: number, ao = 0): number {
  let s = 0;
  for (let r = 0; r < S; r++) for (let c = 0; c < S; c++) s += z[zo + r] * A[ao + c * S + r] * z[zo + c];
  return s;
}

/** Each row's η and its three variance parts. */
export function predictionParts(model: PredictionModel, nd: NewDataDesign, re: PredictLevel): Parts[] {
  const m = nd.rows.length;
  const p = model.beta.length;
  return Array.from({ length: m }, (_, i) => {
    let eta = nd.offset ? nd.offset[i] : 0;
    const x = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      x[j] = nd.X[j * m + i];
      eta += x[j] * model.beta[j];
    }
    let varFixed = 0;
    for (let a = 0; a < p; a++) for (let c = 0; c < p; c++) varFixed += x[a] * model.vcov[a * p + c] * x[c];
    let varGroup = 0;
    let varNewGroup = 0;
    model.blocks.forEach((b, k) => {
      const { z, level } = nd.blocks[k];
      const S = b.S;
      const spread = quadForm(b.sigma, z, i * S, S);
      varNewGroup += spread;
      const l = level[i];
      if (l < 0) {
        varGroup += spread;
        return;
      }
      if (re === 'group') for (let j = 0; j < S; j++) eta += z[i * S + j] * b.b[l * S + j];
      varGroup += b.condVar ? quadForm(b.condVar, z, i * S, S, l * S * S) : NaN;
    });
    return { eta, varFixed, varGroup, varNewGroup };
  });
}

function intervalVariance(parts: Parts, model: PredictionModel, o: PredictOptions): number {
  const groupPart = o.re === 'group' ? parts.varGroup : o.interval === 'prediction' ? parts.varNewGroup : 0;
  return parts.varFixed + groupPart + (o.interval === 'prediction' ? model.residualVariance : 0);
}

/** Draws of each row's η (and ε for an LMM's prediction interval); returns sorted draws per row. */
function simulate(model: PredictionModel, nd: NewDataDesign, o: PredictOptions): Float64Array[] {
  const m = nd.rows.length;
  const p = model.beta.length;
  const normal = normals(rngFor(o.seed, 0));
  const LV = psdCholesky(model.vcov, p, true);
  const LSigma = model.blocks.map((b) => psdCholesky(b.sigma, b.S));
  const LCond = model.blocks.map(() => new Map<number, Float64Array>());
  const condFactor = (k: number, l: number) => {
    let L = LCond[k].get(l);
    if (!L) {
      const b = model.blocks[k];
      L = psdCholesky(b.condVar!.subarray(l * b.S * b.S, (l + 1) * b.S * b.S), b.S);
      LCond[k].set(l, L);
    }
    return L;
  };
  const withGroups = o.re === 'group' || o.interval === 'prediction';
  const sdResid = o.interval === 'prediction' ? Math.sqrt(model.residualVariance) : 0;
  const draws = Array.from({ length: m }, () => new Float64Array(o.nsim));
  const w = new Float64Array(Math.max(p, ...model.blocks.map((b) => b.S)));
  const dBeta = new Float64Array(p);
  const db = new Float64Array(w.length);
  for (let s = 0; s < o.nsim; s++) {
    for (let j = 0; j < p; j++) w[j] = normal();
    lowerTimes(LV, p, w, dBeta);
    for (let i = 0; i < m; i++) {
      let eta = nd.offset ? nd.offset[i] : 0;
      for (let j = 0; j < p; j++) eta += nd.X[j * m + i] * (model.beta[j] + dBeta[j]);
      if (withGroups)
        model.blocks.forEach((b, k) => {
          const { z, level } = nd.blocks[k];
          const S = b.S;
          const l = level[i];
          for (let j = 0; j < S; j++) w[j] = normal();
          const known = o.re === 'group' && l >= 0;
          lowerTimes(known ? condFactor(k, l) : LSigma[k], S, w, db);
          for (let j = 0; j < S; j++) eta += z[i * S + j] * ((known ? b.b[l * S + j] : 0) + db[j]);
        });
      if (sdResid > 0) eta += sdResid * normal();
      draws[i][s] = eta;
    }
  }
  return draws.map((d) => d.sort());
}

export function predictRows(model: PredictionModel, nd: NewDataDesign, o: PredictOptions): PredictionRow[] {
  if (!(o.level > 0 && o.level < 1)) throw new QuadratError('input', 'The interval level must be between 0 and 1 (e.g. 0.95).');
  const parts = predictionParts(model, nd, o.re);
  if (o.re === 'group' && o.interval !== 'none' && parts.some((q) => Number.isNaN(q.varGroup)))
    throw new QuadratError('model', 'Intervals for each row’s own group need the conditional variances of the random effects, which are not computed for a model this large. Predict at the population level, or without intervals.');
  const { link } = model;
  const toScale = (eta: number) => (o.scale === 'response' ? link.linkinv(eta) : eta);
  const alpha = (1 - o.level) / 2;
  const draws = o.interval !== 'none' && o.method === 'simulation' ? simulate(model, nd, o) : null;
  const q = qnorm(1 - alpha);
  return parts.map((pt, i) => {
    const se = Math.sqrt(intervalVariance(pt, model, o));
    let lower: number | null = null;
    let upper: number | null = null;
    if (o.interval !== 'none') {
      // g⁻¹ may decrease (Gamma's inverse link): the ends are ordered after the transform
      const ends = draws ? [quantileSorted(draws[i], alpha), quantileSorted(draws[i], 1 - alpha)] : [pt.eta - q * se, pt.eta + q * se];
      const [a, b] = ends.map(toScale);
      lower = Math.min(a, b);
      upper = Math.max(a, b);
    }
    const glmmMean = model.family !== 'gaussian' && o.scale === 'response' && o.re === 'population';
    const biasAdjusted = glmmMean ? link.linkinv(pt.eta) + (pt.varNewGroup / 2) * secondDerivative(link.muEta, pt.eta) : null;
    const newGroups = model.blocks.flatMap((b, k) => (nd.blocks[k].level[i] < 0 ? [`${b.group} = ${nd.blocks[k].labels[i]}`] : []));
    return { row: nd.rows[i], estimate: toScale(pt.eta), eta: pt.eta, se, lower, upper, biasAdjusted, newGroups: [...new Set(newGroups)] };
  });
}
