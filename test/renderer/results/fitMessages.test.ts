import { describe, expect, it } from 'vitest';
import type { FitReport } from '../../../src-engine/lmm/fitReport';
import { boundaryParts, fitMessages } from '../../../src-renderer/results/fitMessages';

const base = {
  random: [
    { group: 'Batch', term: '(Intercept)', variance: 0, sd: 0 },
    { group: 'Residual', term: null, variance: 13.8, sd: 3.7 },
  ],
  correlations: [],
  sigma: 3.7,
  singular: true,
  converged: true,
  warnings: ['boundary (singular) fit: see help(\'isSingular\')'],
} as unknown as FitReport;

describe('fit messages in plain language', () => {
  it('names the random effect at the boundary (Dyestuff2)', () => {
    expect(boundaryParts(base)).toEqual(['the variance of (Intercept) among Batch is 0']);
    const m = fitMessages(base);
    expect(m).toHaveLength(1); // lme4's own singular warning is not repeated
    expect(m[0].title).toBe('Singular fit');
    expect(m[0].tryThis.length).toBeGreaterThan(0);
  });

  it('reports a correlation of ±1', () => {
    const r = { ...base, random: [], correlations: [{ group: 'g', term1: '(Intercept)', term2: 'x', corr: -1 }] } as unknown as FitReport;
    expect(boundaryParts(r)).toEqual(['the correlation of (Intercept) and x within g is −1']);
  });

  it('explains non-convergence and passes other warnings through', () => {
    const r = { ...base, singular: false, converged: false, warnings: ['Model failed to converge', 'some rows dropped'] } as unknown as FitReport;
    const m = fitMessages(r);
    expect(m.map((x) => x.title)).toEqual(['The optimizer did not converge', 'Note']);
    expect(m[1].body).toBe('some rows dropped');
  });

  it('says nothing about a clean fit', () => {
    expect(fitMessages({ ...base, singular: false, warnings: [] } as unknown as FitReport)).toEqual([]);
  });
});
