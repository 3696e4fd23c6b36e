/**
 * "Do I need a random effect for this factor?" — the check ecologists learn from Zuur et al. (2009,
 * ch. 5): fit the fixed-effects-only model, look at its residuals by level of each candidate grouping
 * factor, and compare it with the model that adds `(1 | factor)`: the variance of the residuals'
 * group means, the ICC of the random-intercept model (REML) and lmerTest's ranova LRT for the term.
 */
import { type Table } from '../data/table';
import { buildDesign } from '../design/buildDesign';
import { QuadratError } from '../errors/quadratError';
import { icc } from '../inference/icc';
import { fitLm, lmLogLik } from '../inference/refit';
import { upperChisq } from '../inference/distributions';
import { fitDesign } from '../lmm/fitDesign';

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

export function candidateFactorCheck(table: Table, fixedFormula: string, candidates: readonly string[]): CandidateFactorCheck {
  if (fixedFormula.includes('|')) throw new QuadratError('formula', 'The check starts from the fixed-effects part only: remove the random-effects terms, e.g. "Reaction ~ Days".');
  if (candidates.length === 0) throw new QuadratError('input', 'Choose at least one candidate grouping factor to check.');
  return { fixedFormula, candidates: candidates.map((g) => checkOne(table, fixedFormula, g)) };
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
  const groups = term.levels.map((level) => ({ level, residuals: [] as number[], rows: [] as number[] }));
  for (let i = 0; i < n; i++) {
    groups[term.refs[i]].residuals.push(residuals[i]);
    groups[term.refs[i]].rows.push(mixed.rows[i]);
  }
  const means = groups.filter((g) => g.residuals.length > 0).map((g) => g.residuals.reduce((s, r) => s + r, 0) / g.residuals.length);
  const grand = means.reduce((s, v) => s + v, 0) / means.length;
  const groupMeanVariance = means.length > 1 ? means.reduce((s, v) => s + (v - grand) ** 2, 0) / (means.length - 1) : NaN;

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
