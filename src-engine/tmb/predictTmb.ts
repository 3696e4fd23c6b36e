/**
 * Fitted values and conditional modes of a glmmTMB-style GLMM, as glmmTMB 1.1.5's ranef() and
 * predict(type = …) give them for the rows of the fit (random effects included, re.form = NULL):
 * `link` η = Xβ + offset + Zb̂, `conditional` the family's mean linkinv(η) (the truncated mean with a
 * hurdle), `zlink` ζ = Xzi βzi + Zzi b̂zi and `zprob` π of the zero part, `response` (1 − π) times the
 * conditional mean (countMean.ts). ranef() covers both components (cond and zi) and every column of
 * a term (random slopes), with the conditional SDs of ranef(m, condVar = TRUE) (ranefCondVar.ts).
 */
import { countMean } from './countMean';
import { type TmbFamilyName } from './countDensity';
import { ranefCondSd } from './ranefCondVar';
import { type TmbModel } from './tmbModel';

/** One column of one random-effect term, as a block of as.data.frame(ranef(m, condVar = TRUE)). */
export interface TmbRanef {
  group: string;
  /** ranef(m)$cond or ranef(m)$zi (absent in reports saved before zero-inflation random effects: cond) */
  component?: 'cond' | 'zi';
  /** the term's column, "(Intercept)" or a slope's name (absent in older reports: the intercept) */
  term?: string;
  levels: string[];
  /** b̂ per level (the conditional modes at the estimates) */
  condval: number[];
  /** the conditional SDs per level, sdreport's for the random effects; absent without a covariance of the estimates */
  condsd?: number[];
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

/** Families whose means (countMean.ts) and random draws (familyDraw.ts) are written. */
const PREDICTABLE: readonly TmbFamilyName[] = ['poisson', 'nbinom2', 'nbinom1', 'truncated_poisson', 'truncated_nbinom2', 'genpois', 'beta_family', 'betabinomial', 'tweedie', 'Gamma', 'lognormal', 'gaussian'];

/**
 * Why predictions, marginal means and simulated residuals are not given for this model (null when
 * they are): a family whose mean or random generator is not written.
 */
export function tmbPredictionsUnsupported(model: TmbModel): string | null {
  return PREDICTABLE.includes(model.family) ? null : `the ${model.family} family`;
}

/**
 * ranef() and predict() at ψ. With V = vcov(m, full = TRUE) (row-major) the conditional SDs too.
 */
export function tmbPredictions(model: TmbModel, par: Float64Array, vcov?: Float64Array): TmbPredictions | undefined {
  if (tmbPredictionsUnsupported(model)) return undefined;
  const condsd = vcov ? ranefCondSd(model, par, vcov) : undefined;
  const at = model.modesAt(par);
  if (!at) return undefined;
  const { cond, zi } = model.designs;
  const n = model.n;
  const eta = Float64Array.from(at.etaFixed), zeta = Float64Array.from(at.zeta);
  const ranef: TmbRanef[] = [];
  // b̂ in the order of the terms: the conditional model's, then the zero part's; level l's k effects together
  let offset = 0;
  const reterms = [...cond.reterms.map((t) => ({ t, lp: eta })), ...(zi?.reterms ?? []).map((t) => ({ t, lp: zeta }))];
  reterms.forEach(({ t, lp }, u) => {
    const k = t.termNames.length, nl = t.levels.length;
    for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) lp[i] += t.z[i * k + c] * at.b[offset + t.refs[i] * k + c];
    t.termNames.forEach((term, c) => {
      const idx = Array.from({ length: nl }, (_, l) => offset + l * k + c);
      ranef.push({
        group: t.group, component: model.reTerms[u].component, term, levels: [...t.levels],
        condval: idx.map((j) => at.b[j]), ...(condsd ? { condsd: idx.map((j) => condsd[j]) } : {}),
      });
    });
    offset += nl * k;
  });
  const out: TmbPredictions = { ranef, link: Array.from(eta), conditional: [], zlink: [], zprob: [], response: [] };
  for (let i = 0; i < n; i++) {
    const m = countMean(model.family, eta[i], at.kappa[i], zeta[i]);
    out.conditional.push(m.cond);
    out.zlink.push(zeta[i] === -Infinity ? null : zeta[i]);
    out.zprob.push(m.zprob);
    out.response.push(m.response);
  }
  return out;
}
