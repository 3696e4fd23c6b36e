/**
 * Fitted values and conditional modes of a count GLMM, as glmmTMB's ranef() and predict(type = …)
 * give them for the rows of the fit (random effects included, re.form = NULL):
 * `link` η = Xβ + offset + Zb̂, `conditional` the count distribution's mean (μ, or the truncated mean
 * with a hurdle), `zlink` ζ and `zprob` π of the zero part, `response` (1 − π) times the conditional
 * mean (countMean.ts).
 */
import { isOtherFamily } from './countDensity';
import { countMean } from './countMean';
import { type TmbModel } from './tmbModel';

export interface TmbRanef {
  group: string;
  levels: string[];
  /** b̂ per level (the conditional modes at the estimates) */
  condval: number[];
}

export interface TmbPredictions {
  ranef: TmbRanef[];
  link: number[];
  conditional: number[];
  /** logit π; null where there is no zero part (glmmTMB gives NA) */
  zlink: (number | null)[];
  zprob: number[];
  response: number[];
}

/**
 * Why predictions, marginal means and simulated residuals are not given for this model (null when
 * they are): they cover the count families with random intercepts in the conditional model.
 */
export function tmbPredictionsUnsupported(model: TmbModel): string | null {
  // countMean.ts and simulateTmb.ts are written for the count families (countDensity's ZI_FAMILIES)
  if (isOtherFamily(model.family)) return `the ${model.family} family (only Poisson and negative binomial counts so far)`;
  if (model.reTerms.some((t) => t.component !== 'cond')) return 'random effects in the zero-inflation formula';
  if (model.reTerms.some((t) => t.termNames.length !== 1)) return 'random slopes';
  return null;
}

export function tmbPredictions(model: TmbModel, par: Float64Array): TmbPredictions | undefined {
  if (tmbPredictionsUnsupported(model)) return undefined;
  const at = model.modesAt(par);
  if (!at) return undefined;
  const { cond } = model.designs;
  const n = model.n;
  const eta = Float64Array.from(at.etaFixed);
  let offset = 0;
  const ranef = cond.reterms.map((t) => {
    for (let i = 0; i < n; i++) eta[i] += t.z[i] * at.b[offset + t.refs[i]];
    const r = { group: t.group, levels: [...t.levels], condval: Array.from(at.b.subarray(offset, offset + t.levels.length)) };
    offset += t.levels.length;
    return r;
  });
  const out: TmbPredictions = { ranef, link: Array.from(eta), conditional: [], zlink: [], zprob: [], response: [] };
  for (let i = 0; i < n; i++) {
    const m = countMean(model.family, eta[i], at.kappa[i], at.zeta[i]);
    out.conditional.push(m.cond);
    out.zlink.push(at.zeta[i] === -Infinity ? null : at.zeta[i]);
    out.zprob.push(m.zprob);
    out.response.push(m.response);
  }
  return out;
}
