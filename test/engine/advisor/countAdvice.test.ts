/**
 * The count-model advisor on real fits: Salamanders as Poisson (the classic overdispersed, zero-heavy
 * counts) gets the negative binomial and zero-inflation advice; the zero-inflated NB2 gets none of
 * it; sal_warn_hessian (a random slope of the site-level factor mined within site, which glmmTMB 1.1.5
 * warns about and gives logLik NA for) gets the Hessian advice naming the slope, and its report
 * carries NA log-likelihood, AIC and BIC with the reason.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { poissonPearson } from '../../../src-engine/advisor/count/distributionAdvice';
import { fitTmb } from '../../../src-engine/tmb/fitTmb';
import { LOGLIK_NA_NOTE, tmbFitReport } from '../../../src-engine/tmb/report/asFitReport';
import { loadCaseTable } from '../lmm/loadCase';

const sal = loadCaseTable({ data: 'Salamanders.csv', factors: ['site', 'spp', 'mined'], subset: null } as never);
const SAL = 'count ~ spp * mined + (1 | site)';
const codes = (r: ReturnType<typeof tmbFitReport>) => r.tmb!.advice!.map((f) => f.code);

describe('countAdvice', () => {
  it('Salamanders as Poisson: overdispersed (→ nbinom2, nbinom1) and zero-inflated (→ zi ~ 1, hurdle)', () => {
    // plain Poisson through the TMB path (no zero part)
    const plain = { formula: SAL, family: 'poisson' };
    const fit = fitTmb(sal, plain);
    const report = tmbFitReport(sal, plain, fit, 0);
    expect(codes(report)).toEqual(['overdispersion', 'excess-zeros']);
    const [over, zeros] = report.tmb!.advice!;
    // Pearson χ² over df.residual as glmmTMB's residuals(m, type = "pearson") give it
    const rx = JSON.parse(readFileSync('test/reference/fixtures/countAdvice/salamanders_poisson.json', 'utf8'));
    const pearson = poissonPearson(fit.model.y, fit.fitted!.response, report.tmb!.dfResid);
    expect(pearson.df).toBe(rx.df);
    expect(pearson.chisq).toBeCloseTo(rx.chisq, 2);
    expect(pearson.ratio).toBeCloseTo(rx.ratio, 4);
    expect(over.meaning).toMatch(/^Pearson χ²\/df = 2\.19 \(χ² = 1375\.4 on 629 df, p < \.001\); simulated dispersion ratio/);
    expect(over.fixes.map((f) => f.family)).toEqual(['nbinom2', 'nbinom1']);
    expect(over.fixes.every((f) => f.ziformula === '~0')).toBe(true);
    expect(zeros.fixes).toEqual([
      { label: 'Fit poisson with zero inflation ~ 1', family: 'poisson', ziformula: '~1' },
      { label: 'Fit a hurdle truncated_poisson with zero part ~ 1', family: 'truncated_poisson', ziformula: '~1' },
    ]);
    expect(zeros.meaning).toContain(`${report.tmb!.simulated!.zeroInflation!.observed} zeros observed`);
  }, 120_000);

  it('the zero-inflated NB2 of Salamanders has no distribution advice', () => {
    const call = { formula: SAL, family: 'nbinom2', ziformula: '~ spp' };
    const report = tmbFitReport(sal, call, fitTmb(sal, call), 0);
    expect(codes(report).filter((c) => ['overdispersion', 'excess-zeros', 'too-few-zeros', 'underdispersion'].includes(c))).toEqual([]);
    expect(Number.isFinite(report.logLik)).toBe(true);
    expect(report.tmb!.logLikNote).toBeUndefined();
  }, 120_000);

  it('sal_warn_hessian: the Hessian advice names the random slope; logLik, AIC and BIC are NA as glmmTMB’s', () => {
    const fx = JSON.parse(readFileSync('test/reference/fixtures/glmmTMB/sal_warn_hessian.json', 'utf8'));
    expect(fx.expected.logLik).toBeNull();
    const call = { formula: fx.formula, family: fx.family };
    const report = tmbFitReport(sal, call, fitTmb(sal, call), 0);
    expect(codes(report)[0]).toBe('non-pd-hessian');
    const h = report.tmb!.advice![0];
    expect(h.meaning).toContain('non-positive-definite Hessian matrix');
    expect(h.action).toContain('the random slope of minedyes within site');
    for (const v of [report.logLik, report.aic, report.bic, report.deviance]) expect(v).toBeNaN();
    expect(report.tmb!.logLikNote).toBe(LOGLIK_NA_NOTE);
    expect(report.tmb!.objective).toBeCloseTo(fx.expected.objective, 3);
    // JSON (the API, the project file) carries them as null
    expect(JSON.parse(JSON.stringify(report)).aic).toBeNull();
    // random slopes are simulated too (simulateTmb.ts): tests and plots, no note
    expect(report.tmb!.diagnosticsNote).toBeUndefined();
    expect(report.tmb!.simulated?.nsim).toBeGreaterThan(0);
  }, 120_000);
});
