/**
 * A separated locus whose Hessian passes lme4's eigenvalue test yet is singular to rounding (an LU
 * pivot of exactly 0): the fit falls back to R_X's covariance with lme4's warning instead of
 * throwing — a batch of 1,000 generated loci stopped on it (test/data/separated_locus_singular_lu.csv).
 */
import { describe, expect, it } from 'vitest';
import { fitGlmm } from '../../../src-engine/glmm/fitGlmmReport';
import { loadCaseTable } from '../lmm/loadCase';

describe('a separated fit with a singular Hessian', () => {
  it('falls back to R_X with lme4’s warning and flags the separation', () => {
    const table = loadCaseTable({ data: 'separated_locus_singular_lu.csv', factors: ['locus', 'tank', 'treatment', 'population'], subset: null } as never);
    const r = fitGlmm(table, { formula: 'cbind(methylated, unmethylated) ~ treatment * population + (1 | tank)', family: 'binomial' });
    expect(r.warnings.join(' ')).toMatch(/falling back to var-cov estimated from RX/);
    expect(r.glmm!.separation!.terms).toEqual(['treatmentexposed', 'treatmentexposed:populationWild']);
    expect(Number.isFinite(r.fixed[0].stdError)).toBe(true);
  });
});
