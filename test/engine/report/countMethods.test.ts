/**
 * The count-model methods paragraph's random effects in words (src-engine/report/words/countMethods.ts):
 * intercepts, correlated and uncorrelated (glmmTMB's diag) random slopes, and the zero-inflation
 * model's terms, from the report's VarCorr rows as asFitReport.ts writes them.
 */
import { describe, expect, it } from 'vitest';
import { countRandomWords } from '../../../src-engine/report/words/countMethods';

const row = (group: string, term: string) => ({ group, term, variance: 1, sd: 1 });

describe('count-model random effects in words', () => {
  it('intercepts of several groups share one phrase', () => {
    const r = { random: [row('BROOD', '(Intercept)'), row('LOCATION', '(Intercept)')], correlations: [], groups: { BROOD: 118, LOCATION: 63 } };
    expect(countRandomWords(r, false)).toEqual(['random intercepts for BROOD (118 levels) and LOCATION (63 levels)']);
    expect(countRandomWords(r, true)).toEqual([]);
  });
  it('random slopes say whether they are correlated with the intercepts', () => {
    const random = [row('site', '(Intercept)'), row('spp', '(Intercept)'), row('spp', 'DOY')];
    const groups = { site: 23, spp: 7 };
    expect(countRandomWords({ random, groups, correlations: [{ group: 'spp', term1: '(Intercept)', term2: 'DOY', corr: 0.72 }] }, false))
      .toEqual(['random intercepts for site (23 levels)', 'correlated random intercepts and random slopes of DOY by spp (7 levels)']);
    expect(countRandomWords({ random, groups, correlations: [{ group: 'spp', term1: '(Intercept)', term2: 'DOY', corr: 0 }] }, false)[1])
      .toBe('uncorrelated random intercepts and random slopes of DOY by spp (7 levels)');
  });
  it('the zero-inflation model’s terms are its own', () => {
    const r = { random: [row('site', '(Intercept)'), row('site (zero-inflation)', '(Intercept)')], correlations: [], groups: { site: 23 } };
    expect(countRandomWords(r, false)).toEqual(['random intercepts for site (23 levels)']);
    expect(countRandomWords(r, true)).toEqual(['random intercepts for site (23 levels)']);
  });
});
