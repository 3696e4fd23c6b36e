/**
 * summary(glmmTMB) as numbers: conditional, zero-inflation and dispersion tables with Wald z tests,
 * the dispersion parameter and the line glmmTMB prints for it, variance components and the
 * information criteria.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { type TmbFit } from './fitTmb';
import { hasDispersion } from './countDensity';

export interface CoefRow { term: string; estimate: number; stdError: number; zValue: number; pValue: number }

export interface TmbSummary {
  family: string;
  cond: CoefRow[];
  zi: CoefRow[];
  /** shown by glmmTMB only when the dispersion has a formula other than ~1 */
  disp: CoefRow[];
  random: { group: string; term: string; variance: number; sd: number }[];
  /** sigma(m): φ for nbinom1/nbinom2 with dispformula ~1; null when the family has none or φ varies */
  sigma: number | null;
  dispersionLine: string | null;
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
  const sigma = hasDispersion(fit.family) && dispFormulaIsConstant ? Math.exp(disp[0].estimate) : null;
  const n = fit.nobs, k = fit.npar;
  return {
    family: fit.family, cond, zi, disp: dispFormulaIsConstant ? [] : disp, random, sigma,
    dispersionLine: sigma === null ? null : `Dispersion parameter for ${fit.family} family (): ${formatC3(sigma)}`,
    logLik: fit.logLik, aic: 2 * fit.objective + 2 * k, bic: 2 * fit.objective + Math.log(n) * k,
    deviance: 2 * fit.objective, dfResid: n - k, nobs: n,
  };
}
