/** The candidate-factor check against R (test/reference/candidates.R: lm, lmer, ranova). */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { candidateFactorCheck } from '../../../src-engine/checks/candidateFactors';
import { QuadratError } from '../../../src-engine/errors/quadratError';
import { loadCaseTable } from '../lmm/loadCase';

interface Fixture {
  case: string;
  data: string;
  factors: string[];
  fixed: string;
  /** GLMM cases (counts, proportions): the family and link of the GLM and GLMM compared. */
  family?: string;
  link?: string;
  candidates: { factor: string; nLevels: number; formula: string; groupMeanVariance: number; icc: number; lrt: number; df: number; pValue: number; residualsHead: number[]; singular: boolean }[];
}

const DIR = 'test/reference/fixtures/checks';

describe.each(readdirSync(DIR).filter((f) => f.endsWith('.json')))('candidate factors %s', (file) => {
  const fx = JSON.parse(readFileSync(`${DIR}/${file}`, 'utf8')) as Fixture;
  const table = loadCaseTable({ ...fx, formula: fx.fixed, REML: true, subset: null, generatedBy: {} } as never);
  const result = candidateFactorCheck(table, fx.fixed, fx.candidates.map((c) => c.factor), fx.family ? { family: fx.family, link: fx.link } : undefined);
  // glmer's −2 log L is up to ~1e-3 above the exact Laplace optimum (docs/glmm.md)
  const tol = fx.family ? { icc: 1e-3, lrt: 3e-3, p: 1e-3 } : { icc: 1e-4, lrt: 1e-3, p: 1e-4 };

  it('matches R for every candidate', () => {
    result.candidates.forEach((got, k) => {
      const e = fx.candidates[k];
      expect(got.factor).toBe(e.factor);
      expect(got.nLevels).toBe(e.nLevels);
      expect(got.groupMeanVariance).toBeCloseTo(e.groupMeanVariance, 6);
      expect(Math.abs(got.icc - e.icc)).toBeLessThan(tol.icc);
      expect(Math.abs(got.lrt - e.lrt)).toBeLessThan(Math.max(tol.lrt, 1e-5 * e.lrt));
      expect(Math.abs(got.pValue - e.pValue)).toBeLessThan(Math.max(1e-10, tol.p * e.pValue));
      expect(got.singular).toBe(e.singular);
      const flat = got.groups.flatMap((g) => g.rows.map((row, i) => [row, g.residuals[i]] as const)).sort((a, b) => a[0] - b[0]);
      e.residualsHead.forEach((r, i) => expect(flat[i][1]).toBeCloseTo(r, 6));
    });
  });
});

describe('candidate factor check input', () => {
  it('refuses a formula that already has random effects, and an empty candidate list', () => {
    const fx = JSON.parse(readFileSync(`${DIR}/sleepstudy.json`, 'utf8')) as Fixture;
    const table = loadCaseTable({ ...fx, formula: fx.fixed, REML: true, subset: null, generatedBy: {} } as never);
    expect(() => candidateFactorCheck(table, 'Reaction ~ Days + (1 | Subject)', ['Subject'])).toThrow(QuadratError);
    expect(() => candidateFactorCheck(table, 'Reaction ~ Days', [])).toThrow(/at least one/);
    expect(() => candidateFactorCheck(table, 'Reaction ~ Days', ['Plot'])).toThrow(QuadratError);
  });
});
