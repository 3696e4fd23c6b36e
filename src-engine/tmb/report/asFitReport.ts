/**
 * A glmmTMB-style count-model fit as the app's common FitReport (quadrat.fit/1), so the model history,
 * listing, comparison and exports treat it like any other fit. The conditional model is the report's
 * `fixed`; what only glmmTMB has (the zero-inflation and dispersion tables, the dispersion line, the
 * number of parameters of every part, the call) travels in the report's `tmb` block.
 */
import { type Table } from '../../data/table';
import { countAdvice } from '../../advisor/count/countAdvice';
import { type CountFinding } from '../../advisor/count/countFinding';
import { type FitReport, type SimulatedResidualsInfo } from '../../lmm/fitReport';
import { QuadratError } from '../../errors/quadratError';
import { type TmbFit } from '../fitTmb';
import { type TmbRanef, tmbPredictionsUnsupported } from '../predictTmb';
import { tmbMeanFactors, tmbMeans, type TmbMeans } from '../tmbMeans';
import { tmbSimulatedTests } from '../simulateTmb';
import { type TmbModel } from '../tmbModel';
import { groupRanef } from './groupRanef';
import { type CoefRow, criteria, tmbSummary } from '../tmbSummary';
import { type CountModelCall, defaultDispersion, noZeroInflation, tmbRCall } from './rCall';

export interface TmbInfo {
  /** glmmTMB's family name: poisson, nbinom2, nbinom1, truncated_poisson, truncated_nbinom2, genpois, beta_family, betabinomial, tweedie, Gamma. */
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
  /** sigma(m) when one dispersion parameter (dispformula ~1; Gamma: 1/√shape); else null. */
  sigma: number | null;
  /** "Dispersion parameter for nbinom2 family (): 1.45", as glmmTMB prints it; null when it prints none. */
  dispersionLine: string | null;
  /** family_params(m): { "Tweedie power": 1.18 } for tweedie; absent for the other families. */
  familyParams?: Record<string, number>;
  /** logLik's df: every parameter of the conditional, zero-inflation and dispersion models and θ. */
  npar: number;
  dfResid: number;
  /**
   * ranef(m, condVar = TRUE) of both components: the conditional modes b̂ and their SDs per term column
   * and level (absent in reports saved before them; before random slopes, only the cond intercepts).
   */
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
  /** Why there are no simulated residuals, fitted values or random-effect plots (predictTmb.ts), when there are none. */
  diagnosticsNote?: string;
  /** Why logLik, AIC, BIC and deviance are NA (null in JSON), as glmmTMB's logLik() gives them; absent when they are numbers. */
  logLikNote?: string;
  /** −log L by Laplace at the estimates: a number even where logLik() is NA. */
  objective?: number;
  /** The advisor's findings (src-engine/advisor/count/countAdvice.ts): warnings first. */
  advice?: CountFinding[];
}

export const LOGLIK_NA_NOTE = 'The Hessian is not positive definite; glmmTMB (1.1.x) then gives no log-likelihood (logLik() is NA), so AIC, BIC and the deviance are NA too.';

/** The marginal means of every factor, or the reason there are none. */
function meansOf(model: TmbModel, fit: TmbFit): { means: TmbMeans[]; meansNote?: string } {
  const unsupported = tmbPredictionsUnsupported(model);
  if (unsupported) return { means: [], meansNote: `Marginal means are not available yet for ${unsupported}.` };
  if (!fit.fitted) return { means: [], meansNote: 'Marginal means are not available: the random effects’ conditional modes could not be found at the estimates.' };
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
  // glmmTMB's logLik() is NA without a positive-definite Hessian: so are the report's (NaN, null in
  // JSON), with the reason in tmb.logLikNote; the objective stays in tmb.objective
  const ic = criteria(fit.pdHess ? s.objective : NaN, fit.npar, fit.nobs);
  const model = fit.model;
  const design = model.designs.cond;
  const thetaFrom = fit.blocks.cond.length + fit.blocks.zi.length + fit.blocks.disp.length;
  const { means, meansNote } = meansOf(model, fit);
  const unsupported = tmbPredictionsUnsupported(model);
  const sim = unsupported ? undefined : tmbSimulatedTests(model, fit);
  const f = fit.fitted;
  const warnings: string[] = [];
  if (!fit.vcov) warnings.push('The Hessian of the likelihood could not be inverted (it is not positive definite), so there are no standard errors: a parameter may be running off to ±∞ or the model is over-parameterised.');
  // glmmTMB's convergence warnings in its words, each with what it means (an optimizer warning says the same as the line above)
  for (const w of fit.warnings) if (w.code !== 'optimizer') warnings.push(`${w.message} ${w.advice}`);
  if (!fit.converged) warnings.push('The optimizer stopped before it converged; the estimates may not be the maximum-likelihood ones.');
  return {
    schema: 'quadrat.fit/1',
    formula: call.formula,
    family: fit.family,
    link: s.link,
    method: 'ML',
    nobs: fit.nobs,
    groups: s.groups,
    fixed: s.cond.map((r) => ({ term: r.term, estimate: r.estimate, stdError: r.stdError, statistic: r.zValue, df: null, pValue: r.pValue })),
    // the zero-inflation model's terms (glmmTMB's "Zero-inflation model:" section) marked in the group
    random: s.random.map((r) => ({ group: r.component === 'zi' ? `${r.group} (zero-inflation)` : r.group, term: r.term, variance: r.variance, sd: r.sd })),
    correlations: s.correlations.map((c) => ({ group: c.component === 'zi' ? `${c.group} (zero-inflation)` : c.group, term1: c.term1, term2: c.term2, corr: c.corr })),
    sigma: s.sigma ?? 1,
    logLik: ic.logLik,
    aic: ic.aic,
    bic: ic.bic,
    deviance: ic.deviance,
    remlCriterion: null,
    // glmmTMB's θ (per term: log SDs, then the correlation parameters), between βdisp and psi
    theta: Array.from(fit.par.subarray(thetaFrom, thetaFrom + fit.blocks.theta.length + fit.blocks.thetazi.length)),
    converged: fit.converged,
    singular: false,
    warnings,
    anova: [],
    timing: { fitMs },
    // glmmTMB's fitted() (the response mean, zero part included), residuals(type = "response") and
    // predict(type = "link"); the conditional modes with their SDs as lmer's (groupRanef.ts)
    ...(f ? {
      diagnostics: {
        fitted: f.response, residuals: f.response.map((v, i) => design.y[i] - v), rows: Array.from(design.rows), linearPredictor: f.link, ...(sim ? { simulatedResiduals: sim.scaled } : {}),
        ranef: groupRanef(f.ranef), vcov: condVcov(fit),
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
      ...(Object.keys(s.familyParams).length ? { familyParams: s.familyParams } : {}),
      npar: fit.npar,
      dfResid: s.dfResid,
      ...(f ? { ranef: f.ranef } : {}),
      means,
      ...(meansNote ? { meansNote } : {}),
      ...(sim ? { simulated: sim.info } : {}),
      ...(unsupported ? { diagnosticsNote: `Simulated residuals and the random-effect plots are not available yet for ${unsupported}.` } : !f ? { diagnosticsNote: 'The conditional modes could not be found at the estimates, so there are no fitted values or residuals to plot.' } : {}),
      ...(fit.pdHess ? {} : { logLikNote: LOGLIK_NA_NOTE }),
      objective: s.objective,
      advice: countAdvice(fit, s, ziformula, sim?.info),
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
