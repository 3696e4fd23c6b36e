/**
 * summary(glmmTMB) as numbers: conditional, zero-inflation and dispersion tables with Wald z tests,
 * the dispersion parameter and the line glmmTMB prints for it, variance components and the
 * information criteria.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { type TmbFit } from './fitTmb';
import { hasDispersion, linkOf, type TmbFamilyName } from './countDensity';

export interface CoefRow { term: string; estimate: number; stdError: number; zValue: number; pValue: number }

export interface TmbSummary {
  /** R's family name as summary prints it ("beta" for beta_family) */
  family: string;
  link: string;
  cond: CoefRow[];
  zi: CoefRow[];
  /** shown by glmmTMB only when the dispersion has a formula other than ~1 */
  disp: CoefRow[];
  random: { group: string; term: string; variance: number; sd: number }[];
  /** sigma(m) with dispformula ~1 (φ; Gamma: 1/√φ, the coefficient of variation); null when the family has none or φ varies */
  sigma: number | null;
  dispersionLine: string | null;
  /** family_params(m): tweedie's power p = 1 + invlogit(psi); empty for the other families */
  familyParams: Record<string, number>;
  logLik: number; aic: number; bic: number; deviance: number; dfResid: number; nobs: number;
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

/** R's family$family: glmmTMB's beta_family() is "beta". */
export const rFamilyName = (f: TmbFamilyName) => (f === 'beta_family' ? 'beta' : f);

/**
 * glmmTMB's printDispersion: "Dispersion estimate for Gamma family (sigma^2): 0.00934" (the classic
 * dispersion families print σ²), "Dispersion parameter for nbinom2 family (): 1.45" (the others σ).
 */
export function dispersionLine(f: TmbFamilyName, sigma: number): string {
  return f === 'Gamma'
    ? `Dispersion estimate for Gamma family (sigma^2): ${formatC3(sigma * sigma)}`
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
  const random = fit.blocks.theta.map((group) => {
    const sd = Math.exp(fit.par[at++]);
    return { group, term: '(Intercept)', variance: sd * sd, sd };
  });
  // sigma.glmmTMB: Gamma's φ is its shape, so sigma is exp(−βdisp/2); the others' is φ
  const sigma = hasDispersion(fit.family) && dispFormulaIsConstant ? Math.exp((fit.family === 'Gamma' ? -0.5 : 1) * disp[0].estimate) : null;
  const familyParams: Record<string, number> = fit.blocks.psi.length ? { 'Tweedie power': 1 + 1 / (1 + Math.exp(-fit.par[at])) } : {};
  const n = fit.nobs, k = fit.npar;
  return {
    family: rFamilyName(fit.family), link: linkOf(fit.family), cond, zi, disp: dispFormulaIsConstant ? [] : disp, random, sigma,
    dispersionLine: sigma === null ? null : dispersionLine(fit.family, sigma), familyParams,
    logLik: fit.logLik, aic: 2 * fit.objective + 2 * k, bic: 2 * fit.objective + Math.log(n) * k,
    deviance: 2 * fit.objective, dfResid: n - k, nobs: n,
  };
}
