/**
 * One unit of a batch, fitted: what the R loop would collect from summary() and anova() per locus
 * or species — coefficients, term tests, variance components — plus flags that say, in words,
 * whether the numbers can be used. A unit that cannot be fitted keeps its error; the batch goes on.
 */
import { subsetRows, type Table } from '../data/table';
import { QuadratError } from '../errors/quadratError';
import { fitLmm, isGlmmSpec, type LmmRequest } from '../lmm/fitLmm';
import { type FitReport } from '../lmm/fitReport';
import { type BatchBayesSettings, fitUnitBayes, type UnitBayes } from './unitBayes';
import { type BatchUnit } from './units';
import { isOverdispersed } from '../glmm/overdispersed';
import { fitGlmmUnit, type GlmmUnitSummary } from './unitGlmm';

/** A batch's request: the model of every unit, and (optional) the Bayesian refit of separated units. */
export interface BatchRequest extends LmmRequest {
  bayesSeparated?: BatchBayesSettings;
}

export interface UnitCoefficient {
  term: string;
  estimate: number;
  stdError: number;
  /** t (LMM) or z (GLMM). */
  statistic: number;
  df: number | null;
  pValue: number | null;
  /** Across units, per term (set when the batch is summarised). */
  qBH?: number | null;
  qBY?: number | null;
}

/** A term's test: lmerTest's F (LMM, the request's ANOVA type) or car::Anova's type II Wald χ² (GLMM). */
export interface UnitTermTest {
  term: string;
  test: 'F' | 'Chisq';
  statistic: number;
  df: number;
  denDf: number | null;
  pValue: number;
  qBH?: number | null;
  qBY?: number | null;
}

export interface UnitFlags {
  converged: boolean;
  singular: boolean;
  /** The separated cells ("treatment = exposed, population = Wild: every response is 0 (0%)"), or null. */
  separation: string[] | null;
  /** Pearson χ²/df and its p-value (Poisson, binomial with trials). */
  overdispersion: { ratio: number; pValue: number } | null;
  /** Fewer observations than parameters, or refused for lack of data. */
  tooFew: boolean;
}

export interface UnitResult {
  unit: string;
  status: 'ok' | 'error';
  nobs: number;
  coefficients: UnitCoefficient[];
  tests: UnitTermTest[];
  random: { group: string; term: string | null; variance: number }[];
  logLik: number | null;
  aic: number | null;
  flags: UnitFlags;
  /** One plain-language line per flag raised (empty when the fit is clean). */
  reasons: string[];
  warnings: string[];
  error: string | null;
  /** Separated units with the batch's Bayesian setting on: brms's model with normal(0, 2.5) on b, beside glmer's. */
  bayes?: UnitBayes;
}

function reasonsFor(flags: UnitFlags): string[] {
  const out: string[] = [];
  if (flags.tooFew) out.push('Too few observations for the number of parameters: the estimates are not reliable.');
  if (!flags.converged) out.push('The fit did not converge: treat its estimates with caution.');
  if (flags.singular) out.push('Singular fit: a variance is estimated as zero (or a correlation as ±1); the random effects are simpler than the model.');
  if (flags.separation) out.push(`Separation (${flags.separation.join('; ')}): the affected estimates run off to ±∞ and their tests mean nothing; a Bayesian fit with a weakly informative prior gives usable estimates.`);
  if (flags.overdispersion && isOverdispersed(flags.overdispersion)) out.push(`Overdispersion (Pearson χ²/df = ${flags.overdispersion.ratio.toFixed(2)}): the standard errors are too small; consider an observation-level random effect.`);
  return out;
}

function fromReport(unit: string, r: FitReport): UnitResult {
  const glmm = r.glmm;
  const npar = r.fixed.length + r.theta.length + (glmm ? 0 : 1);
  const flags: UnitFlags = {
    converged: r.converged,
    singular: r.singular,
    separation: glmm?.separation ? glmm.separation.cells : null,
    overdispersion: glmm?.overdispersion ? { ratio: glmm.overdispersion.ratio, pValue: glmm.overdispersion.pValue } : null,
    tooFew: r.nobs <= npar,
  };
  const tests: UnitTermTest[] = glmm
    ? glmm.waldAnova.type2.map((t) => ({ term: t.term, test: 'Chisq', statistic: t.chisq, df: t.df, denDf: null, pValue: t.pValue }))
    : r.anova.map((a) => ({ term: a.term, test: 'F', statistic: a.fValue, df: a.numDf, denDf: a.denDf, pValue: a.pValue }));
  return {
    unit,
    status: 'ok',
    nobs: r.nobs,
    coefficients: r.fixed.map((f) => ({ term: f.term, estimate: f.estimate, stdError: f.stdError, statistic: f.statistic, df: f.df, pValue: f.pValue })),
    tests,
    random: r.random.map((x) => ({ group: x.group, term: x.term, variance: x.variance })),
    logLik: r.logLik,
    aic: r.aic,
    flags,
    reasons: reasonsFor(flags),
    warnings: r.warnings,
    error: null,
  };
}

/** A GLMM unit from its summary (unitGlmm.ts): the fields fromReport takes from the full report. */
function fromGlmm(unit: string, g: GlmmUnitSummary): UnitResult {
  const flags: UnitFlags = {
    converged: g.converged,
    singular: g.singular,
    separation: g.separation ? g.separation.cells : null,
    overdispersion: g.overdispersion ? { ratio: g.overdispersion.ratio, pValue: g.overdispersion.pValue } : null,
    tooFew: g.nobs <= g.fixed.length + g.nTheta,
  };
  return {
    unit,
    status: 'ok',
    nobs: g.nobs,
    coefficients: g.fixed.map((f) => ({ term: f.term, estimate: f.estimate, stdError: f.stdError, statistic: f.statistic, df: f.df, pValue: f.pValue })),
    tests: g.type2.map((t) => ({ term: t.term, test: 'Chisq', statistic: t.chisq, df: t.df, denDf: null, pValue: t.pValue })),
    random: g.random.map((x) => ({ group: x.group, term: x.term, variance: x.variance })),
    logLik: g.logLik,
    aic: g.aic,
    flags,
    reasons: reasonsFor(flags),
    warnings: g.warnings,
    error: null,
  };
}

function failed(unit: string, nobs: number, message: string, tooFew: boolean): UnitResult {
  const flags: UnitFlags = { converged: false, singular: false, separation: null, overdispersion: null, tooFew };
  // nothing was fitted: the reason is the error, not a convergence failure
  const reasons = [...(tooFew ? reasonsFor({ ...flags, converged: true }) : []), 'The model could not be fitted to this unit: see its error.'];
  return { unit, status: 'error', nobs, coefficients: [], tests: [], random: [], logLik: null, aic: null, flags, reasons, warnings: [], error: message };
}

/** The formula with its response replaced by a column (wide data: each unit's response in turn). */
export function withResponse(formula: string, column: string): string {
  const tilde = formula.indexOf('~');
  if (tilde < 0) throw new QuadratError('formula', 'The formula needs a ~ between the response and the terms.');
  const name = /^[A-Za-z.][\w.]*$/.test(column) && !/^\.\d/.test(column) ? column : `\`${column.replace(/`/g, '')}\``;
  return `${name} ${formula.slice(tilde).trimStart()}`;
}

const FEW_DATA = /too few|not enough|no observations|fewer than|at least \d+ (observations|levels|rows)|every row has a missing/i;

/** Fits one unit; any error (bad data, no convergence possible, even a bug) is recorded, not thrown; only cancelling throws. */
export function fitUnit(table: Table, unit: BatchUnit, request: BatchRequest, signal?: { readonly aborted: boolean }): UnitResult {
  const data = unit.response ? table : subsetRows(table, unit.rows);
  const { bayesSeparated, ...lmm } = request;
  const req = unit.response ? { ...lmm, formula: withResponse(lmm.formula, unit.response) } : lmm;
  try {
    const result = isGlmmSpec(req)
      ? fromGlmm(unit.name, fitGlmmUnit(data, { formula: req.formula, family: req.family!, link: req.link, nAGQ: req.nAGQ, weights: req.weights }, signal))
      : fromReport(unit.name, fitLmm(data, req, { conditionalSds: false, simulatedResiduals: false, signal }));
    if (bayesSeparated && result.flags.separation) {
      const settings = unit.response ? { ...bayesSeparated, formula: withResponse(bayesSeparated.formula, unit.response) } : bayesSeparated;
      result.bayes = fitUnitBayes(data, unit.name, settings, signal);
      result.reasons.push(...result.bayes.reasons);
    }
    return result;
  } catch (e) {
    if (e instanceof QuadratError && e.kind === 'cancelled') throw e;
    if (e instanceof QuadratError) return failed(unit.name, data.nrow, e.message, FEW_DATA.test(e.message));
    // a bug met by one unit is recorded with it: it never stops the other units
    return failed(unit.name, data.nrow, `Internal error (please report it with this unit's data): ${e instanceof Error ? e.message : String(e)}`, false);
  }
}
