/**
 * "Do I need a random effect for this factor?" — the check ecologists learn from Zuur et al. (2009,
 * ch. 5): fit the fixed-effects-only model, look at its residuals by level of each candidate grouping
 * factor, and compare it with the model that adds `(1 | factor)`: the variance of the residuals'
 * group means, the ICC of the random-intercept model (REML) and lmerTest's ranova LRT for the term.
 * For counts and proportions the same with a GLM and a GLMM of the chosen family (checkOneGlmm).
 */
import { type Table } from '../data/table';
import { buildDesign } from '../design/buildDesign';
import { QuadratError } from '../errors/quadratError';
import { icc } from '../inference/icc';
import { fitLm, lmLogLik } from '../inference/refit';
import { upperChisq } from '../inference/distributions';
import { fitDesign } from '../lmm/fitDesign';
import { type ResponseFamily } from '../design/glmResponse';
import { makeFamily } from '../glmm/family';
import { fitGlmmDesign } from '../glmm/fitGlmm';
import { glmStart } from '../glmm/glmStart';
import { glmResponse } from '../glmm/response';

export interface CandidateFactorResult {
  factor: string;
  nLevels: number;
  /** The model with the candidate as a random intercept. */
  formula: string;
  /** Residuals of the fixed-effects-only model (fitted to the rows where the factor is known), by level. */
  groups: { level: string; residuals: number[]; rows: number[] }[];
  /** Sample variance of the residuals' group means (R: var(tapply(resid, g, mean))). */
  groupMeanVariance: number;
  icc: number;
  lrt: number;
  df: number;
  pValue: number;
  singular: boolean;
}

export interface CandidateFactorCheck {
  fixedFormula: string;
  candidates: CandidateFactorResult[];
}

/** For counts and proportions: the family (binomial, poisson) and link of the GLM and GLMM compared. */
export interface CheckFamily {
  family: string;
  link?: string;
}

export function candidateFactorCheck(table: Table, fixedFormula: string, candidates: readonly string[], family?: CheckFamily): CandidateFactorCheck {
  if (fixedFormula.includes('|')) throw new QuadratError('formula', 'The check starts from the fixed-effects part only: remove the random-effects terms, e.g. "Reaction ~ Days".');
  if (candidates.length === 0) throw new QuadratError('input', 'Choose at least one candidate grouping factor to check.');
  const glmm = family && family.family !== 'gaussian';
  return { fixedFormula, candidates: candidates.map((g) => (glmm ? checkOneGlmm(table, fixedFormula, g, family) : checkOne(table, fixedFormula, g))) };
}

/** Residuals of level groups, and the sample variance of their means (R: var(tapply(resid, g, mean))). */
function byLevel(levels: readonly string[], refs: Int32Array, rows: Int32Array, residuals: Float64Array) {
  const groups = levels.map((level) => ({ level, residuals: [] as number[], rows: [] as number[] }));
  for (let i = 0; i < residuals.length; i++) {
    groups[refs[i]].residuals.push(residuals[i]);
    groups[refs[i]].rows.push(rows[i]);
  }
  const means = groups.filter((g) => g.residuals.length > 0).map((g) => g.residuals.reduce((s, r) => s + r, 0) / g.residuals.length);
  const grand = means.reduce((s, v) => s + v, 0) / means.length;
  const groupMeanVariance = means.length > 1 ? means.reduce((s, v) => s + (v - grand) ** 2, 0) / (means.length - 1) : NaN;
  return { groups, groupMeanVariance };
}

/**
 * The same check for counts and proportions: the GLM's Pearson residuals by level, the GLMM with
 * (1 | factor) by Laplace, the LRT of the two (−2 log L of the GLM minus the GLMM's, on 1 df, as
 * anova(glmm, glm)), and the ICC on the latent scale — σ²/(σ² + π²/3) for the logit link,
 * σ²/(σ² + 1) for probit, σ²/(σ² + log(1 + 1/λ)) for a log-link Poisson with λ = exp(β₀ + σ²/2) at the
 * mean of the linear predictor (Nakagawa et al. 2017); NaN for other links.
 */
function checkOneGlmm(table: Table, fixedFormula: string, factor: string, fam: CheckFamily): CandidateFactorResult {
  const formula = `${fixedFormula} + (1 | ${factor})`;
  const family = makeFamily(fam.family, fam.link);
  const mixed = buildDesign(table, formula, { family: family.name as ResponseFamily });
  const term = mixed.reterms[0];
  const resp = glmResponse(mixed);
  const beta = glmStart({ ...mixed, reterms: [] }, family, resp, 100);
  const { n, p, X } = mixed;
  const mu = new Float64Array(n);
  let etaSum = 0;
  for (let i = 0; i < n; i++) {
    let eta = mixed.offset ? mixed.offset[i] : 0;
    for (let j = 0; j < p; j++) eta += X[j * n + i] * beta[j];
    etaSum += eta;
    mu[i] = family.link.linkinv(eta);
  }
  const pearson = Float64Array.from(mu, (m, i) => ((resp.y[i] - m) * Math.sqrt(resp.weights[i])) / Math.sqrt(family.variance(m)));
  const glmDeviance = family.aic(resp, mu, 0);
  const fit = fitGlmmDesign(mixed, family, 1, {}, { conditionalSds: false });
  const lrt = Math.max(0, glmDeviance - fit.objective);
  const s2 = fit.theta[0] * fit.theta[0];
  const etaMean = etaSum / n;
  const latent = family.link.name === 'logit' ? (Math.PI * Math.PI) / 3 : family.link.name === 'probit' ? 1 : family.name === 'poisson' && family.link.name === 'log' ? Math.log1p(1 / Math.exp(etaMean + s2 / 2)) : NaN;
  return {
    factor,
    nLevels: term.levels.length,
    formula,
    ...byLevel(term.levels, term.refs, mixed.rows, pearson),
    icc: s2 / (s2 + latent),
    lrt,
    df: 1,
    pValue: upperChisq(lrt, 1),
    singular: fit.singular,
  };
}

function checkOne(table: Table, fixedFormula: string, factor: string): CandidateFactorResult {
  const formula = `${fixedFormula} + (1 | ${factor})`;
  // the random-intercept design fixes the rows (missing values in the factor dropped); the lm uses the same rows
  const mixed = buildDesign(table, formula);
  const term = mixed.reterms[0];
  const fixedOnly = { ...mixed, reterms: [] };
  const lm = fitLm(fixedOnly, true);
  const { n, p, X, y } = mixed;
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let mu = mixed.offset ? mixed.offset[i] : 0;
    for (let j = 0; j < p; j++) mu += X[j * n + i] * lm.beta[j];
    residuals[i] = y[i] - mu;
  }
  const { groups, groupMeanVariance } = byLevel(term.levels, term.refs, mixed.rows, residuals);

  const fit = fitDesign(mixed, true);
  const lrt = Math.max(0, 2 * (-fit.objective / 2 - lmLogLik(lm, true)));
  const iccs = icc(fit);
  return {
    factor,
    nLevels: term.levels.length,
    formula,
    groups,
    groupMeanVariance,
    icc: iccs ? Object.values(iccs)[0] : NaN,
    lrt,
    df: 1,
    pValue: upperChisq(lrt, 1),
    singular: fit.singular,
  };
}
