/**
 * compareCountFits on stored reports: AIC across count families and glmer's Poisson, χ² only within one
 * family and zero part, and the refusals (other GLMMs, quadrature, other observations).
 */
import { describe, expect, it } from 'vitest';
import { compareCountFits, type ComparedCountFit } from '../../../src-main/api/compareCounts';

const coef = (term: string) => ({ term, estimate: 0, stdError: 1, statistic: 0, df: null, pValue: 1 });
function tmbFit(fitId: number, family: string, npar: number, logLik: number, zi = '~0'): ComparedCountFit {
  const tmb = { family, ziformula: zi, dispformula: '~1', hurdle: false, rCall: '', zi: [], disp: [], sigma: null, dispersionLine: null, npar, dfResid: 644 - npar };
  return { fitId, name: `m${fitId}`, report: { tmb, family, link: 'log', nobs: 644, formula: 'count ~ spp + (1 | site)', fixed: [coef('(Intercept)')], theta: [0], random: [], aic: -2 * logLik + 2 * npar, bic: 0, logLik } };
}
function glmerFit(fitId: number, family: string, nAGQ: number, logLik: number): ComparedCountFit {
  const glmm = { nAGQ } as never;
  return { fitId, name: `g${fitId}`, report: { glmm, family, link: family === 'binomial' ? 'logit' : 'log', nobs: 644, formula: 'count ~ spp + (1 | site)', fixed: [coef('(Intercept)'), coef('sppDF')], theta: [0], random: [], aic: -2 * logLik + 6, bic: 0, logLik } };
}

describe('comparing count models', () => {
  it('orders by parameters, gives AIC for all and no χ² across families or zero parts', () => {
    const c = compareCountFits([tmbFit(2, 'nbinom2', 4, -900, '~spp'), glmerFit(1, 'poisson', 1, -950), tmbFit(3, 'nbinom2', 4 - 1, -910)]);
    expect(c.rows.map((r) => r.fitId)).toEqual([1, 3, 2]);
    expect(c.rows.map((r) => r.npar)).toEqual([3, 3, 4]);
    expect(c.rows.every((r) => r.chisq === null)).toBe(true);
    expect(c.note).toMatch(/AIC compares them across families/);
    expect(c.warnings).toHaveLength(2);
  });

  it('tests neighbours of one family and zero part by likelihood ratio', () => {
    const c = compareCountFits([tmbFit(1, 'nbinom1', 5, -900, '~ spp'), tmbFit(2, 'nbinom1', 3, -905, '~spp')]);
    expect(c.rows[1].chisq).toBeCloseTo(10, 12);
    expect(c.rows[1].df).toBe(2);
    expect(c.rows[1].pValue).toBeCloseTo(Math.exp(-5), 12);
  });

  it('refuses models whose likelihoods are not those of the same counts', () => {
    expect(() => compareCountFits([tmbFit(1, 'nbinom2', 4, -900), glmerFit(2, 'binomial', 1, -300)])).toThrow(/binomial \(logit\) GLMM; count models compare/);
    expect(() => compareCountFits([tmbFit(1, 'nbinom2', 4, -900), glmerFit(2, 'poisson', 10, -950)])).toThrow(/nAGQ = 10/);
    const other = tmbFit(2, 'poisson', 3, -950);
    other.report = { ...other.report, nobs: 600 };
    expect(() => compareCountFits([tmbFit(1, 'nbinom2', 4, -900), other])).toThrow(/same response and observations/);
  });
});
