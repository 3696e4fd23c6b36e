/** Turn an LmmFit into the serialisable quadrat.fit/1 report (lme4's names and conventions). */
import { type LmmFit } from './fitDesign';
import { type FitReport, type GroupRanef } from './fitReport';
import { templatesFromTheta } from './reBlocks';
import { varCorr } from './varCorr';
import { conditionalSdsOf } from './condVar';

/** ML deviance at the fitted θ (lme4's deviance(m, REML = FALSE)). */
export function mlDeviance(fit: LmmFit): number {
  const { model, parts } = fit;
  const n = model.design.n;
  return parts.ldL2 - model.logDetW + n * (1 + Math.log((2 * Math.PI * parts.pwrss) / n));
}

/** Level-major values (ℓ × S) as one array of S numbers per level (plain loops: called for every fit). */
export function perLevel(v: Float64Array, nl: number, S: number): number[][] {
  const out = new Array<number[]>(nl);
  for (let l = 0; l < nl; l++) {
    const row = new Array<number>(S);
    for (let c = 0; c < S; c++) row[c] = v[l * S + c];
    out[l] = row;
  }
  return out;
}

export function buildReport(fit: LmmFit, formula: string, fitMs: number): FitReport {
  const { model, pls, sigma } = fit;
  const { design, blocks } = model;
  const p = design.p;
  const s2 = sigma * sigma;
  const fixed = design.fixedNames.map((term, j) => {
    const se = Math.sqrt(s2 * pls.unscaledVcov[j * p + j]);
    const estimate = pls.beta[j];
    return { term, estimate, stdError: se, statistic: estimate / se, df: null, pValue: null };
  });
  const T = templatesFromTheta(blocks, fit.theta);
  const { random, correlations } = varCorr(design, blocks, T, sigma);
  const nTheta = fit.theta.length;
  const npar = p + nTheta + 1;
  const logLik = -fit.objective / 2;
  const n = design.n;
  const groups: Record<string, number> = {};
  for (const b of blocks) groups[b.group] = b.nl;

  const condSd = fit.condVar && conditionalSdsOf(fit.condVar, blocks);
  const ranef: GroupRanef[] = blocks.map((b, k) => ({
    group: b.group,
    terms: [...b.termNames],
    levels: [...b.levels],
    values: perLevel(pls.b[k], b.nl, b.S),
    condSd: condSd ? perLevel(condSd[k], b.nl, b.S) : [],
  }));
  // one loop into packed arrays: Array.from on a typed array walks its iterator (≈ 20 ms for 96,000 rows)
  const fitted = new Array<number>(n).fill(0);
  const residuals = new Array<number>(n).fill(0);
  const rows = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    fitted[i] = pls.fitted[i];
    residuals[i] = design.y[i] - pls.fitted[i];
    rows[i] = design.rows[i];
  }
  return {
    schema: 'quadrat.fit/1',
    formula,
    family: 'gaussian',
    link: 'identity',
    method: fit.reml ? 'REML' : 'ML',
    nobs: n,
    groups,
    fixed,
    random,
    correlations,
    sigma,
    logLik,
    aic: -2 * logLik + 2 * npar,
    bic: -2 * logLik + Math.log(n) * npar,
    deviance: fit.reml ? mlDeviance(fit) : fit.objective,
    remlCriterion: fit.reml ? fit.objective : null,
    theta: Array.from(fit.theta),
    converged: fit.converged,
    singular: fit.singular,
    warnings: fit.warnings,
    anova: [],
    timing: { fitMs },
    optimizer: fit.optimizer,
    diagnostics: {
      fitted,
      residuals,
      rows,
      ranef,
      vcov: Array.from(pls.unscaledVcov, (v) => v * s2),
    },
  };
}
