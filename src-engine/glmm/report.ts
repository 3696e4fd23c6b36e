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

export function buildGlmmReport(fit: GlmmFit, formula: string, fitMs: number, withSimulated = true): FitReport {
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
  // −2 log L with its constants: AGQ's objective omits the saturated part aic(μ) − Σ devres(μ), a constant
  const full = fit.nAGQ > 1 ? deviance + family.aic(resp, fit.mu, fit.devSum) - fit.devSum : deviance;
  const logLik = -deviance / 2;
  const dfResid = n - npar;

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
  const pearson = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const y = resp.y[i];
    const mu = fit.mu[i];
    const d = family.devResid(y, mu, resp.weights[i]);
    devResid[i] = Math.sign(y - mu) * Math.sqrt(Math.max(d, 0));
    pearson[i] = ((y - mu) * Math.sqrt(resp.weights[i])) / Math.sqrt(family.variance(mu));
  }
  const separation = separationCheck(design, resp.y, resp.weights, family.name, fixed);
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
    random,
    correlations: vc.correlations,
    sigma,
    logLik,
    aic: deviance + 2 * npar,
    bic: deviance + Math.log(n) * npar,
    deviance,
    remlCriterion: null,
    theta: Array.from(fit.theta),
    converged: fit.converged,
    singular: fit.singular,
    warnings: separation ? [...fit.warnings, separation.message] : fit.warnings,
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
      overdispersion: overdispersionOf(fit, pearson, dfResid),
      separation,
      waldAnova: design.fixedTerms
        ? { type2: waldAnova(design.fixedTerms, fit.beta, fit.vcov, 2), type3: waldAnova(design.fixedTerms, fit.beta, fit.vcov, 3) }
        : { type2: [], type3: [] },
      simulated: simulated?.info ?? null,
    },
  };
}
