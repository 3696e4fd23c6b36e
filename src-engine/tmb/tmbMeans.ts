/**
 * Estimated marginal means of a glmmTMB GLMM per level of a factor, as emmeans gives them for glmmTMB
 * (the reference grid crosses the factors of the conditional, zero and dispersion formulas, numeric
 * covariates at their means; the other factors are averaged with equal weights):
 * - `cond`: emmeans(m, ~ f, type = "response"): linkinv of the averaged linear predictor (exp; invlogit
 *   for beta_family and betabinomial's probability; the identity for gaussian), the mean of the
 *   family's distribution without the zero part;
 * - `zi`: emmeans(m, ~ f, component = "zi", type = "response"): the probability of a structural zero
 *   (hurdle: of a zero), plogis of the averaged ζ;
 * - `response`: the mean of the response including the zero part, (1 − π)·μ (hurdle: (1 − π)·μ/(1 − f(0)))
 *   per cell averaged over the grid on the response scale, as glmmTMB's predict(type = "response")
 *   and the component = "response" of newer emmeans; SE by the delta method on vcov(m, full = TRUE).
 * Intervals as emmeans for glmmTMB 1.1.5: t on df.residual, on the link scale and back-transformed;
 * the response mean's on the log scale (exp(log r ± t·SE/r)), so it stays positive (gaussian's, which
 * may be negative, on its own scale).
 */
import { QuadratError } from '../errors/quadratError';
import { type FixedTerms, type MixedDesign } from '../design/mixedDesign';
import { gridRow, INTERACTION_NOTE } from '../inference/emmeans';
import { waldInterval } from '../inference/contestTable';
import { linkOf } from './countDensity';
import { countMean } from './countMean';
import { type TmbFit } from './fitTmb';
import { type TmbModel } from './tmbModel';

export interface MeanCell { estimate: number; SE: number; lowerCL: number; upperCL: number }
export interface TmbMeanRow { level: string; cond: MeanCell; zi: MeanCell | null; response: MeanCell }
export interface TmbMeans {
  factor: string;
  /** emmeans' df for glmmTMB 1.1.5: df.residual */
  df: number;
  level: number;
  rows: TmbMeanRow[];
  notes: string[];
}

const PLAIN_NAME = /^([A-Za-z.][A-Za-z0-9._]*|`[^`]+`)$/;

/** The factors of the conditional and zero formulas, those marginal means can be asked for. */
export function tmbMeanFactors(model: TmbModel): string[] {
  const out: string[] = [];
  for (const d of [model.designs.cond, model.designs.zi]) {
    for (const [v, info] of Object.entries(d?.fixedTerms?.variableInfo ?? {})) if ((info.type === 'factor' || info.type === 'logical') && !out.includes(v)) out.push(v);
  }
  return out;
}

function termsOf(d: MixedDesign): FixedTerms {
  if (!d.fixedTerms) throw new QuadratError('model', 'Marginal means need the model formula’s term structure.');
  if (d.droppedFixed.length) throw new QuadratError('model', `Marginal means are not available when coefficients were dropped as aliased (${d.droppedFixed.join(', ')}).`);
  for (const [v, info] of Object.entries(d.fixedTerms.variableInfo)) {
    if (info.type === 'matrix' || (info.type === 'numeric' && !PLAIN_NAME.test(v))) throw new QuadratError('model', `Marginal means need covariates that are plain columns; ${v} is a transformation. Compute it as a new column first.`);
  }
  return d.fixedTerms;
}

export function tmbMeans(model: TmbModel, fit: TmbFit, factor: string, level = 0.95): TmbMeans {
  const { cond, zi, disp } = model.designs;
  if (cond.offset) throw new QuadratError('model', 'Marginal means of a count model with an offset are not available yet (the grid would need a value for the offset).');
  if (!fit.vcov) throw new QuadratError('model', 'Marginal means need the standard errors, and this fit has none (its Hessian could not be inverted).');
  const parts = [cond, zi, disp].map((d) => (d ? termsOf(d) : undefined));
  const factors: { name: string; levels: readonly string[] }[] = [];
  for (const ft of parts) for (const [v, info] of Object.entries(ft?.variableInfo ?? {})) {
    if ((info.type === 'factor' || info.type === 'logical') && !factors.some((f) => f.name === v)) factors.push({ name: v, levels: info.levels! });
  }
  const target = factors.find((f) => f.name === factor);
  if (!target) throw new QuadratError('model', `${factor} is not a factor of the conditional or zero-inflation formula${factors.length ? ` (factors: ${factors.map((f) => f.name).join(', ')})` : ''}.`);
  const others = factors.filter((f) => f !== target);
  const m = fit.par.length, p = cond.p, pz = zi?.p ?? 0;
  const V = fit.vcov;
  const qform = (g: Float64Array) => {
    let s = 0;
    for (let i = 0; i < m; i++) if (g[i] !== 0) for (let j = 0; j < m; j++) s += g[i] * V[i * m + j] * g[j];
    return s;
  };
  const lin = (row: number[], from: number) => row.reduce((s, v, j) => s + v * fit.par[from + j], 0);
  const df = fit.nobs - fit.npar;
  // the cond mean is linkinv of the averaged η, untruncated (a hurdle's count part: its count family)
  const linkFamily = model.family === 'truncated_poisson' ? 'poisson' : model.family === 'truncated_nbinom2' ? 'nbinom2' : model.family;
  const identity = linkOf(model.family) === 'identity';
  const interval = (est: number, se: number, back: (x: number) => number): MeanCell => {
    const ci = waldInterval(est, se, df, level);
    return { estimate: back(est), SE: NaN, lowerCL: back(ci.lower), upperCL: back(ci.upper) };
  };
  const rows = target.levels.map((label, k): TmbMeanRow => {
    const gCond = new Float64Array(m), gZi = new Float64Array(m), gResp = new Float64Array(m);
    let response = 0, count = 0;
    const idx = others.map(() => 0);
    for (;;) {
      const at = new Map<string, number>([[factor, k], ...others.map((f, i) => [f.name, idx[i]] as [string, number])]);
      const xc = gridRow(parts[0]!, at), xz = parts[1] ? gridRow(parts[1], at) : [], xd = parts[2] ? gridRow(parts[2], at) : [];
      const c = countMean(model.family, lin(xc, 0), xd.length ? lin(xd, p + pz) : 0, xz.length ? lin(xz, p) : -Infinity);
      response += c.response;
      xc.forEach((v, j) => { gCond[j] += v; gResp[j] += c.dEta * v; });
      xz.forEach((v, j) => { gZi[p + j] += v; gResp[p + j] += c.dZeta * v; });
      xd.forEach((v, j) => { gResp[p + pz + j] += c.dKappa * v; });
      count++;
      let d = 0;
      while (d < idx.length && ++idx[d] === others[d].levels.length) idx[d++] = 0;
      if (d === idx.length) break;
    }
    for (const g of [gCond, gZi, gResp]) for (let j = 0; j < m; j++) g[j] /= count;
    response /= count;
    const eta = Array.from(gCond.subarray(0, p)).reduce((s, v, j) => s + v * fit.par[j], 0);
    const seEta = Math.sqrt(qform(gCond));
    // emmeans' regrid: the link's inverse and its derivative (countMean without κ and ζ gives both)
    const mu = (x: number) => countMean(linkFamily, x, 0, -Infinity).cond;
    const condCell = { ...interval(eta, seEta, mu), SE: countMean(linkFamily, eta, 0, -Infinity).dCondEta * seEta };
    let ziCell: MeanCell | null = null;
    if (pz) {
      const zeta = Array.from(gZi.subarray(p, p + pz)).reduce((s, v, j) => s + v * fit.par[p + j], 0);
      const seZeta = Math.sqrt(qform(gZi));
      const plogis = (x: number) => 1 / (1 + Math.exp(-x));
      ziCell = { ...interval(zeta, seZeta, plogis), SE: plogis(zeta) * (1 - plogis(zeta)) * seZeta };
    }
    const seResp = Math.sqrt(qform(gResp));
    const respCell = identity ? { ...interval(response, seResp, (x) => x), SE: seResp } : { ...interval(Math.log(response), seResp / response, Math.exp), SE: seResp };
    return { level: label, cond: condCell, zi: ziCell, response: respCell };
  });
  if (rows.some((x) => [x.cond, x.zi ?? x.cond, x.response].some((c) => !Number.isFinite(c.SE) || !Number.isFinite(c.estimate)))) {
    throw new QuadratError('model', 'Marginal means need a positive-definite covariance matrix of the estimates, and this fit’s is not (see the convergence warnings).');
  }
  const interacts = parts.some((ft) => ft?.variables.some((vars) => vars.includes(factor) && vars.some((v) => v !== factor)));
  return { factor, df, level, rows, notes: interacts ? [INTERACTION_NOTE] : [] };
}
