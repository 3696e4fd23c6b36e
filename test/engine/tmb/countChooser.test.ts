/** The chooser's table and recommendation rule (src-engine/tmb/countChooser.ts) on constructed fits. */
import { describe, expect, it } from 'vitest';
import { candidateFromReport, chooseCount, countCandidates, NO_LOGLIK, type CandidateFit } from '../../../src-engine/tmb/countChooser';

const fit = (label: string, aic: number, df: number, extra: Partial<CandidateFit> = {}): CandidateFit => ({
  label, aic, logLik: -(aic - 2 * df) / 2, df, converged: true, dispersionP: 0.5, dispersionRatio: 1, zeroP: 0.5, zeroRatio: 1, ...extra,
});

describe('countCandidates', () => {
  it('are the seven glmmTMB models with the zero part given', () => {
    const c = countCandidates('~ spp');
    expect(c.map((x) => x.label)).toEqual(['Poisson', 'NB2', 'NB1', 'ZIP', 'ZINB', 'hurdle Poisson', 'hurdle NB2']);
    expect(c.map((x) => x.ziformula)).toEqual(['~0', '~0', '~0', '~ spp', '~ spp', '~ spp', '~ spp']);
    expect(c.every((x) => x.dispformula === '~1')).toBe(true);
  });
  it('keep the user’s dispersion formula for the negative binomials only (a Poisson has no dispersion parameter)', () => {
    const c = countCandidates('~1', '~ mined');
    expect(c.map((x) => x.dispformula)).toEqual(['~1', '~ mined', '~ mined', '~1', '~ mined', '~1', '~ mined']);
    expect(c[1].description).toBe('negative binomial, Var = μ(1 + μ/φ), dispersion ~ mined');
    expect(countCandidates('~1', ' ~ 1 ').every((x) => x.dispformula === '~1')).toBe(true);
  });
});

describe('chooseCount', () => {
  it('sorts by AIC with ΔAIC and recommends the lowest when nothing is within 2 units', () => {
    const r = chooseCount([fit('Poisson', 1940, 15, { dispersionP: 0.001, dispersionRatio: 1.7, zeroP: 0, zeroRatio: 1.2 }), fit('NB1', 1645.5, 16), fit('NB2', 1663.4, 16)]);
    expect(r.rows.map((x) => x.label)).toEqual(['NB1', 'NB2', 'Poisson']);
    expect(r.rows.map((x) => x.deltaAIC)).toEqual([0, 1663.4 - 1645.5, 1940 - 1645.5]);
    expect(r.rows[2].problem).toBe('overdispersion and too many zeros');
    expect(r.recommended).toBe('NB1');
    expect(r.recommendation).toBe('NB1: it has the lowest AIC (17.9 below NB2), and its simulated residuals show no dispersion or zero-inflation problem.');
  });
  it('prefers the simpler of two models within 2 AIC units', () => {
    const r = chooseCount([fit('ZINB', 100, 17), fit('NB2', 101.5, 16)]);
    expect(r.recommended).toBe('NB2');
    expect(r.recommendation).toMatch(/^NB2: it is within 1\.5 AIC units of the lowest \(ZINB\) with 1 fewer parameter,/);
  });
  it('passes over a model whose simulated residuals show a problem when one without is within 2 units', () => {
    const r = chooseCount([fit('NB2', 100, 16, { zeroP: 0.01, zeroRatio: 1.3 }), fit('ZINB', 101, 17)]);
    expect(r.recommended).toBe('ZINB');
    expect(r.recommendation).toMatch(/whose simulated residuals show too many zeros/);
  });
  it('says so when the best still has a problem, and leaves failed fits last', () => {
    const r = chooseCount([fit('Poisson', 100, 15, { dispersionP: 0.001, dispersionRatio: 2 }), { label: 'NB1', aic: null, logLik: null, df: null, converged: false, dispersionP: null, dispersionRatio: null, zeroP: null, zeroRatio: null, error: 'failed' }]);
    expect(r.rows.map((x) => x.label)).toEqual(['Poisson', 'NB1']);
    expect(r.recommendation).toMatch(/still show overdispersion, so consider another model/);
  });
  it('recommends nothing when nothing converged', () => {
    expect(chooseCount([fit('NB2', 100, 16, { converged: false })]).recommended).toBeNull();
  });
});

describe('candidateFromReport', () => {
  it('a fit whose logLik is NA (glmmTMB without a positive-definite Hessian) has no AIC and says why; the others are ranked', () => {
    const base = { converged: true, fixed: [1, 2], theta: [1], tmb: { npar: 4, simulated: null } };
    const na = candidateFromReport('NB2', { ...base, aic: null as never, logLik: null as never });
    expect(na).toMatchObject({ aic: null, logLik: null, df: 4, error: NO_LOGLIK });
    expect(candidateFromReport('NB2', { ...base, aic: NaN, logLik: NaN }).error).toBe(NO_LOGLIK);
    const r = chooseCount([na, fit('NB1', 1645.5, 16)]);
    expect(r.recommended).toBe('NB1');
    expect(r.rows.map((x) => [x.label, x.deltaAIC])).toEqual([['NB1', 0], ['NB2', null]]);
  });
});
