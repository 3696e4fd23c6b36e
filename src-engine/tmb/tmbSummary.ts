/**
 * summary(glmmTMB) as numbers: conditional, zero-inflation and dispersion tables with Wald z tests,
 * the dispersion parameter and the line glmmTMB prints for it, variance components (VarCorr: the
 * variances and SDs of every term's columns and their correlations) and the information criteria,
 * which glmmTMB's logLik() gives as NA when the Hessian is not positive definite.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { type TmbFit } from './fitTmb';
import { hasDispersion, linkOf, type TmbFamilyName } from './countDensity';
import { correlationOf, termCovariance, thetaCount } from './reCovariance';

export interface CoefRow { term: string; estimate: number; stdError: number; zValue: number; pValue: number }

export interface TmbSummary {
  /** R's family name as summary prints it ("beta" for beta_family) */
  family: string;
  link: string;
  cond: CoefRow[];
  zi: CoefRow[];
  /** shown by glmmTMB only when the dispersion has a formula other than ~1 */
  disp: CoefRow[];
  /** VarCorr's rows; component: the conditional or the zero-inflation model */
  random: { group: string; term: string; variance: number; sd: number; component: 'cond' | 'zi' }[];
  /** the correlations within each term with more than one column, as VarCorr's (0 for a diag term) */
  correlations: { group: string; term1: string; term2: string; corr: number; component: 'cond' | 'zi' }[];
  /** levels per grouping factor, as "groups:  site, 23; spp, 7" */
  groups: Record<string, number>;
  /** sigma(m) with dispformula ~1 (φ; Gamma: 1/√φ, the coefficient of variation); null when the family has none or φ varies */
  sigma: number | null;
  dispersionLine: string | null;
  /** family_params(m): tweedie's power p = 1 + invlogit(psi); empty for the other families */
  familyParams: Record<string, number>;
  /** NaN (R's NA) when the Hessian is not positive definite, as glmmTMB's logLik() */
  logLik: number; aic: number; bic: number; deviance: number; dfResid: number; nobs: number;
  /** −log L at the estimates (glmmTMB's m$fit$objective), given even when logLik is NA */
  objective: number;
}

/** R's formatC(x, digits = 3): %.3g, right-aligned in digits + 1 characters. */
export function formatC3(x: number): string {
  let s = x.toPrecision(3);
  if (s.includes('e')) {
    const [m, e] = s.split('e');
    s = `${m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m}e${e[0] === '-' ? '-' : '+'}${e.replace(/^[+-]/, '').padStart(2, '0')}`;
  } else if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s.padStart(4);
}

/** logLik, AIC, BIC and deviance from the objective −log L, k parameters and n observations. */
export function criteria(objective: number, k: number, n: number): { logLik: number; aic: number; bic: number; deviance: number } {
  return { logLik: -objective, aic: 2 * objective + 2 * k, bic: 2 * objective + Math.log(n) * k, deviance: 2 * objective };
}

/** R's family$family: glmmTMB's beta_family() is "beta". */
export const rFamilyName = (f: TmbFamilyName) => (f === 'beta_family' ? 'beta' : f);

/**
 * glmmTMB's printDispersion: "Dispersion estimate for Gamma family (sigma^2): 0.00934" (the classic
 * dispersion families print σ²), "Dispersion parameter for nbinom2 family (): 1.45" (the others σ).
 */
export function dispersionLine(f: TmbFamilyName, sigma: number): string {
  return f === 'Gamma' || f === 'gaussian'
    ? `Dispersion estimate for ${f} family (sigma^2): ${formatC3(sigma * sigma)}`
    : `Dispersion parameter for ${rFamilyName(f)} family (): ${formatC3(sigma)}`;
}

export function tmbSummary(fit: TmbFit, dispFormulaIsConstant: boolean): TmbSummary {
  const m = fit.par.length;
  let at = 0;
  const rows = (names: string[]): CoefRow[] => names.map((term) => {
    const i = at++;
    const estimate = fit.par[i];
    const stdError = fit.vcov ? Math.sqrt(fit.vcov[i * m + i]) : NaN;
    const zValue = estimate / stdError;
    return { term, estimate, stdError, zValue, pValue: 2 * normalCdf(-Math.abs(zValue), 0, 1) };
  });
  const cond = rows(fit.blocks.cond);
  const zi = rows(fit.blocks.zi);
  const disp = rows(fit.blocks.disp);
  const random: TmbSummary['random'] = [];
  const correlations: TmbSummary['correlations'] = [];
  for (const t of fit.reTerms) {
    const k = t.termNames.length, nth = thetaCount(k, t.structure);
    const cov = termCovariance(k, t.structure, fit.par.subarray(at, at + nth));
    at += nth;
    const corr = correlationOf(cov);
    const component = t.component;
    t.termNames.forEach((term, a) => random.push({ group: t.group, term, variance: cov.sigma[a * (k + 1)], sd: Math.sqrt(cov.sigma[a * (k + 1)]), component }));
    for (let a = 0; a < k; a++)
      for (let b = a + 1; b < k; b++) correlations.push({ group: t.group, term1: t.termNames[a], term2: t.termNames[b], corr: corr[a * k + b], component });
  }
  // sigma.glmmTMB: Gamma's φ is its shape, so sigma is exp(−βdisp/2); gaussian's φ is σ², so exp(βdisp/2); the others' is φ
  const sigmaPower = fit.family === 'Gamma' ? -0.5 : fit.family === 'gaussian' ? 0.5 : 1;
  const sigma = hasDispersion(fit.family) && dispFormulaIsConstant ? Math.exp(sigmaPower * disp[0].estimate) : null;
  // psi follows θ
  const familyParams: Record<string, number> = fit.blocks.psi.length ? { 'Tweedie power': 1 + 1 / (1 + Math.exp(-fit.par[at])) } : {};
  const n = fit.nobs, k = fit.npar;

  return {
    family: rFamilyName(fit.family), link: linkOf(fit.family), cond, zi, disp: dispFormulaIsConstant ? [] : disp, random, correlations, sigma,
    groups: Object.fromEntries(fit.reTerms.map((t) => [t.group, t.nLevels])),
    dispersionLine: sigma === null ? null : dispersionLine(fit.family, sigma), familyParams,
    ...criteria(fit.pdHess ? fit.objective : NaN, k, n), dfResid: n - k, nobs: n, objective: fit.objective,
  };
}
