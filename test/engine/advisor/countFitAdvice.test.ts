/**
 * The count advisor's rules on how a fit ended, on the inputs a fit gives them: an optimizer that
 * stopped short (glmmTMB's "false convergence (8)"), a random-effect variance at zero and a
 * correlation at ±1 (singular), a zero-part coefficient running off to −∞, and a clean fit.
 */
import { describe, expect, it } from 'vitest';
import { fitAdvice } from '../../../src-engine/advisor/count/fitAdvice';
import { optimizerWarning } from '../../../src-engine/tmb/convergenceWarnings';

const clean = { warnings: [], converged: true, random: [{ group: 'site', term: '(Intercept)', sd: 0.52, component: 'cond' as const }], correlations: [], zi: [], disp: [] };

describe('fitAdvice', () => {
  it('says nothing about a fit that converged with its variances away from zero', () => {
    expect(fitAdvice(clean)).toEqual([]);
  });
  it('explains false convergence and what to try', () => {
    const [f] = fitAdvice({ ...clean, converged: false, warnings: [optimizerWarning('false convergence (8)')] });
    expect(f.code).toBe('false-convergence');
    expect(f.meaning).toMatch(/^Model convergence problem; false convergence \(8\) See vignette\('troubleshooting'\)/);
    expect(f.action).toMatch(/^Centre and scale numeric predictors/);
    // not converged without an optimizer warning still gets the finding, once
    expect(fitAdvice({ ...clean, converged: false }).map((x) => x.code)).toEqual(['false-convergence']);
  });
  it('names a variance at zero and a correlation at ±1 as singular, and a runaway zero-part coefficient as a suspect', () => {
    const x = {
      ...clean,
      warnings: [optimizerWarning('iteration limit reached without convergence (10)')],
      random: [
        { group: 'site', term: '(Intercept)', sd: 3e-6, component: 'cond' as const },
        { group: 'spp', term: '(Intercept)', sd: 0.4, component: 'cond' as const },
        { group: 'spp', term: 'DOY', sd: 0.2, component: 'cond' as const },
      ],
      correlations: [{ group: 'spp', term1: '(Intercept)', term2: 'DOY', corr: -0.9995, component: 'cond' as const }],
      zi: [{ term: 'sppGP', estimate: -17.3 }],
    };
    const out = fitAdvice(x);
    expect(out.map((f) => f.code)).toEqual(['false-convergence', 'singular']);
    expect(out[1].meaning).toMatch(/^Variance at zero: \(Intercept\) within site \(SD 3\.0e-6\)\. Correlation at ±1: \(Intercept\) with DOY within spp \(-1\.000\)\./);
    expect(out[1].action).toMatch(/write the term with \|\|/);
    expect(out[0].action).toContain('the zero-part coefficient sppGP is -17.3 on the logit scale (a probability of 0): a group with no zeros');
    expect(out[0].action).toContain('the random slope of DOY within spp');
  });
});
