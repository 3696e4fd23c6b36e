/**
 * A GlmmFit as the quadrat.fit/1 report, with glmer's conventions: z tests (Pr(>|z|)), variance
 * components on the link scale with no residual row (binomial, Poisson); for the families with a scale
 * (Gamma, inverse.gaussian, gaussian) lme4's σ (dispersion.ts), variances scaled by σ², a Residual row,
 * the statistic headed "t value" but its p-value still from the normal, as summary(glmer) prints it; logLik/AIC/BIC and deviance
 * as lme4 prints them, fitted values on the response scale, deviance residuals, and the
 * overdispersion and separation checks ecologists need on top.
 */
import { twoSidedT, upperChisq } from '../inference/distributions';
import { type FitReport, type GroupRanef, type Overdispersion } from '../lmm/fitReport';
import { lambdaTimes, templatesFromTheta } from '../lmm/reBlocks';
import { perLevel } from '../lmm/report';
import { varCorr } from '../lmm/varCorr';
import { type GlmmFit } from './fitGlmm';
import { separationCheck } from './separation';
import { simulatedResiduals } from './simulatedResiduals';
import { waldAnova } from './waldAnova';
import { conditionalSdsOf } from '../lmm/condVar';

/** Pearson χ²/df for the families where the dispersion is fixed at 1 and data can exceed it. */
function overdispersionOf(fit: GlmmFit, pearson: Float64Array, dfResid: number): Overdispersion | null {
  const { family, resp } = fit.model;
  if (family.name !== 'poisson' && family.name !== 'binomial') return null;
  // 0/1 data carry no information about overdispersion
  if (family.name === 'binomial' && !resp.n.some((v) => v > 1) && !resp.weights.some((w) => w > 1)) return null;
  let chi2 = 0;
  for (let i = 0; i < pearson.length; i++) chi2 += pearson[i] * pearson[i];
  return { pearsonChi2: chi2, df: dfResid, ratio: chi2 / dfResid, pValue: upperChisq(chi2, dfResid) };
}

/** Pearson residuals (y − μ)√w / √V(μ) at the fit. */
function pearsonResiduals(fit: GlmmFit): Float64Array {
  const { family, resp } = fit.model;
  const n = fit.mu.length;
  const pearson = new Float64Array(n);
  for (let i = 0; i < n; i++) pearson[i] = ((resp.y[i] - fit.mu[i]) * Math.sqrt(resp.weights[i])) / Math.sqrt(family.variance(fit.mu[i]));
  return pearson;
}

/**
 * What summary(glmer) prints and a batch stores — the z table, the variance components, logLik and
 * AIC, the separation and overdispersion checks — without the per-row diagnostics, which a batch
 * does not keep (unitGlmm.ts); buildGlmmReport adds those.
 */
export function glmmSummaryOf(fit: GlmmFit) {
  const { model } = fit;
  const { design, family, resp, blocks } = model;
  const p = design.p;
  const n = design.n;
  const fixed = design.fixedNames.map((term, j) => {
    const se = Math.sqrt(fit.vcov[j * p + j]);
    const estimate = fit.beta[j];
    const z = estimate / se;
    return { term, estimate, stdError: se, statistic: z, df: null, pValue: twoSidedT(z, Infinity) };
  });
  const { sigma } = fit;
  const T = templatesFromTheta(blocks, fit.theta);
  const vc = varCorr(design, blocks, T, sigma);
  const random = family.estimatesScale ? vc.random : vc.random.filter((r) => r.group !== 'Residual');
  const nTheta = fit.theta.length;
  const npar = p + nTheta + (family.estimatesScale ? 1 : 0);
  const deviance = fit.objective;
  const dfResid = n - npar;
  const pearson = pearsonResiduals(fit);
  const separation = separationCheck(design, resp.y, resp.weights, family.name, fixed);
  return {
    fixed,
    random,
    correlations: vc.correlations,
    T,
    npar,
    deviance,
    dfResid,
    logLik: -deviance / 2,
    aic: deviance + 2 * npar,
    pearson,
    overdispersion: overdispersionOf(fit, pearson, dfResid),
    separation,
    warnings: separation ? [...fit.warnings, separation.message] : fit.warnings,
  };
}

export function buildGlmmReport(fit: GlmmFit, formula: string, fitMs: number, withSimulated = true): FitReport {
  const { model } = fit;
  const { design, family, resp, blocks } = model;
  const n = design.n;
  const { sigma } = fit;
  const s = glmmSummaryOf(fit);
  const { fixed, T, npar, deviance, dfResid, pearson, separation } = s;
  // −2 log L with its constants: AGQ's objective omits the saturated part aic(μ) − Σ devres(μ), a constant
  const full = fit.nAGQ > 1 ? deviance + family.aic(resp, fit.mu, fit.devSum) - fit.devSum : deviance;

  const b = blocks.map((bl, k) => lambdaTimes(bl, T[k], fit.u[k]));
  const groups: Record<string, number> = {};
  for (const bl of blocks) groups[bl.group] = bl.nl;
  const condSd = fit.condVar && conditionalSdsOf(fit.condVar, blocks);
  const ranef: GroupRanef[] = blocks.map((bl, k) => ({
    group: bl.group,
    terms: [...bl.termNames],
    levels: [...bl.levels],
    values: perLevel(b[k], bl.nl, bl.S),
    condSd: condSd ? perLevel(condSd[k].map((v) => v * sigma), bl.nl, bl.S) : [],
  }));

  const devResid = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const y = resp.y[i];
    const mu = fit.mu[i];
    const d = family.devResid(y, mu, resp.weights[i]);
    devResid[i] = Math.sign(y - mu) * Math.sqrt(Math.max(d, 0));
  }
  const simulated = withSimulated ? simulatedResiduals(fit) : null;

  return {
    schema: 'quadrat.fit/1',
    formula,
    family: family.name,
    link: family.link.name,
    method: 'ML',
    nobs: n,
    groups,
    fixed,
    random: s.random,
    correlations: s.correlations,
    sigma,
    logLik: s.logLik,
    aic: s.aic,
    bic: deviance + Math.log(n) * npar,
    deviance,
    remlCriterion: null,
    theta: Array.from(fit.theta),
    converged: fit.converged,
    singular: fit.singular,
    warnings: s.warnings,
    anova: [],
    timing: { fitMs },
    ddf: 'none',
    optimizer: fit.optimizer,
    diagnostics: {
      fitted: Array.from(fit.mu),
      residuals: devResid,
      rows: Array.from(design.rows),
      ranef,
      vcov: Array.from(fit.vcov),
      linearPredictor: Array.from(fit.eta),
      pearsonResiduals: Array.from(pearson),
      ...(simulated ? { simulatedResiduals: simulated.scaled } : {}),
    },
    glmm: {
      nAGQ: fit.nAGQ,
      statisticName: family.estimatesScale ? 't value' : 'z value',
      minus2LogLikFull: full,
      dfResid,
      vcovSource: fit.vcovSource,
      responseForm: design.responseForm ?? 'numeric',
      overdispersion: s.overdispersion,
      separation,
      waldAnova: design.fixedTerms
        ? { type2: waldAnova(design.fixedTerms, fit.beta, fit.vcov, 2), type3: waldAnova(design.fixedTerms, fit.beta, fit.vcov, 3) }
        : { type2: [], type3: [] },
      simulated: simulated?.info ?? null,
    },
  };
}
