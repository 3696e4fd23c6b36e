/**
 * A glmmTMB-style count-model fit as the app's common FitReport (quadrat.fit/1), so the model history,
 * listing, comparison and exports treat it like any other fit. The conditional model is the report's
 * `fixed`; what only glmmTMB has (the zero-inflation and dispersion tables, the dispersion line, the
 * number of parameters of every part, the call) travels in the report's `tmb` block.
 */
import { type Table } from '../../data/table';
import { buildDesign } from '../../design/buildDesign';
import { type FitReport, type SimulatedResidualsInfo } from '../../lmm/fitReport';
import { QuadratError } from '../../errors/quadratError';
import { type TmbFit } from '../fitTmb';
import { type TmbRanef } from '../predictTmb';
import { tmbMeanFactors, tmbMeans, type TmbMeans } from '../tmbMeans';
import { tmbSimulatedTests } from '../simulateTmb';
import { type TmbModel, tmbModel } from '../tmbModel';
import { type CoefRow, tmbSummary } from '../tmbSummary';
import { type CountModelCall, defaultDispersion, noZeroInflation, tmbRCall } from './rCall';

export interface TmbInfo {
  /** glmmTMB's family name: poisson, nbinom2, nbinom1, truncated_poisson, truncated_nbinom2. */
  family: string;
  /** The zero-inflation formula ("~0" when none); with a truncated family it is the hurdle (zero) part. */
  ziformula: string;
  dispformula: string;
  /** A truncated family with a zero part: the zero model is a hurdle, not zero inflation. */
  hurdle: boolean;
  /** The glmmTMB call that reproduces the fit, with the data named `d`. */
  rCall: string;
  /** summary(glmmTMB)'s zero-inflation table (empty without zi) and dispersion table (only when dispformula is not ~1). */
  zi: CoefRow[];
  disp: CoefRow[];
  /** sigma(m) when one dispersion parameter (nbinom1/2 with dispformula ~1); else null. */
  sigma: number | null;
  /** "Dispersion parameter for nbinom2 family (): 1.45", as glmmTMB prints it; null when it prints none. */
  dispersionLine: string | null;
  /** logLik's df: every parameter of the conditional, zero-inflation and dispersion models and θ. */
  npar: number;
  dfResid: number;
  /** ranef(m)$cond: the conditional modes b̂ per term and level (absent in reports saved before them). */
  ranef?: TmbRanef[];
  /**
   * Marginal means per factor of the conditional and zero formulas (tmbMeans.ts): the conditional
   * mean, the probability of a (structural) zero and the response mean including the zero part.
   */
  means?: TmbMeans[];
  /** Why there are no marginal means (an offset, no standard errors, no factor), when there are none. */
  meansNote?: string;
  /** DHARMa's tests from simulations of the fitted model (simulateTmb.ts); the scaled residuals are diagnostics.simulatedResiduals. */
  simulated?: SimulatedResidualsInfo;
}

/** The marginal means of every factor, or the reason there are none. */
function meansOf(model: TmbModel, fit: TmbFit): { means: TmbMeans[]; meansNote?: string } {
  const factors = tmbMeanFactors(model);
  if (factors.length === 0) return { means: [], meansNote: 'The model has no factor among its fixed effects, so there are no marginal means.' };
  try {
    return { means: factors.map((f) => tmbMeans(model, fit, f)) };
  } catch (e) {
    if (e instanceof QuadratError) return { means: [], meansNote: e.message };
    throw e;
  }
}

export function tmbFitReport(table: Table, call: CountModelCall, fit: TmbFit, fitMs: number): FitReport {
  const ziformula = noZeroInflation(call.ziformula) ? '~0' : call.ziformula!.trim();
  const dispformula = defaultDispersion(call.dispformula) ? '~1' : call.dispformula!.trim();
  const s = tmbSummary(fit, dispformula === '~1');
  // the conditional design once more, for the number of levels per group, which TmbFit does not carry
  const design = buildDesign(table, call.formula, { family: 'poisson' });
  const groups = Object.fromEntries(design.reterms.map((t) => [t.group, t.levels.length]));
  const model = tmbModel(table, { formula: call.formula, family: fit.family, ziformula: call.ziformula, dispformula: call.dispformula });
  const { means, meansNote } = meansOf(model, fit);
  const sim = tmbSimulatedTests(model, fit);
  const f = fit.fitted;
  const warnings: string[] = [];
  if (!fit.vcov) warnings.push('The Hessian of the likelihood could not be inverted (it is not positive definite), so there are no standard errors: a parameter may be running off to ±∞ or the model is over-parameterised.');
  if (!fit.converged) warnings.push('The optimizer stopped before it converged; the estimates may not be the maximum-likelihood ones.');
  return {
    schema: 'quadrat.fit/1',
    formula: call.formula,
    family: fit.family,
    link: 'log',
    method: 'ML',
    nobs: fit.nobs,
    groups,
    fixed: s.cond.map((r) => ({ term: r.term, estimate: r.estimate, stdError: r.stdError, statistic: r.zValue, df: null, pValue: r.pValue })),
    random: s.random.map((r) => ({ group: r.group, term: r.term, variance: r.variance, sd: r.sd })),
    correlations: [],
    sigma: s.sigma ?? 1,
    logLik: s.logLik,
    aic: s.aic,
    bic: s.bic,
    deviance: s.deviance,
    remlCriterion: null,
    theta: s.random.map((r) => Math.log(r.sd)),
    converged: fit.converged,
    singular: false,
    warnings,
    anova: [],
    timing: { fitMs },
    // glmmTMB's fitted() (the response mean, zero part included), residuals(type = "response") and
    // predict(type = "link"); the conditional modes are in tmb.ranef (no conditional SDs yet)
    ...(f ? {
      diagnostics: {
        fitted: f.response, residuals: f.response.map((v, i) => design.y[i] - v), rows: Array.from(design.rows), linearPredictor: f.link, simulatedResiduals: sim.scaled,
        ranef: [], vcov: condVcov(fit),
      },
    } : {}),
    tmb: {
      family: fit.family,
      ziformula,
      dispformula,
      hurdle: fit.family.startsWith('truncated_') && ziformula !== '~0',
      rCall: tmbRCall({ formula: call.formula, family: fit.family, ziformula, dispformula }),
      zi: s.zi,
      disp: s.disp,
      sigma: s.sigma,
      dispersionLine: s.dispersionLine,
      npar: fit.npar,
      dfResid: s.dfResid,
      ...(f ? { ranef: f.ranef } : {}),
      means,
      ...(meansNote ? { meansNote } : {}),
      simulated: sim.info,
    },
  };
}

/** vcov(m)$cond, row-major. */
function condVcov(fit: TmbFit): number[] {
  const m = fit.par.length, p = fit.blocks.cond.length;
  const out: number[] = [];
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) out.push(fit.vcov ? fit.vcov[i * m + j] : NaN);
  return out;
}
