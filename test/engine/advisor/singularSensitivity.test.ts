/** rePCA and the singular-fit alternatives against lme4/lmerTest (test/reference/rePCA.R). */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alternativesFor, singularSensitivity } from '../../../src-engine/advisor/singularSensitivity';
import { loadCaseTable } from '../lmm/loadCase';

interface FixedRow {
  term: string;
  estimate: number;
  stdError: number;
  pValue: number;
}
interface Fixture {
  case: string;
  data: string;
  factors: string[];
  formula: string;
  REML: boolean;
  singular: boolean;
  pca: { group: string; sdev: number[]; proportion: number[] }[];
  fixed: FixedRow[];
  alternatives: { formula: string; singular: boolean; logLik: number; fixed: FixedRow[] }[];
}

const DIR = 'test/reference/fixtures/rePCA';

describe.each(readdirSync(DIR).filter((f) => f.endsWith('.json')))('rePCA %s', (file) => {
  const fx = JSON.parse(readFileSync(`${DIR}/${file}`, 'utf8')) as Fixture;
  const table = loadCaseTable({ ...fx, subset: null, generatedBy: {} } as never);
  const advice = singularSensitivity(table, { formula: fx.formula, reml: fx.REML });

  it('matches lme4’s rePCA', () => {
    expect(advice.pca.map((p) => p.group)).toEqual(fx.pca.map((p) => p.group));
    advice.pca.forEach((p, k) => {
      const e = fx.pca[k];
      p.sdev.forEach((s, i) => expect(Math.abs(s - e.sdev[i])).toBeLessThan(1e-3 * e.sdev[0]));
      // summary(rePCA) rounds the proportions to 5 digits
      p.proportion.forEach((v, i) => expect(v).toBeCloseTo(e.proportion[i], 4));
    });
  });

  it('names a degenerate term exactly when lme4 calls the fit singular', () => {
    expect(advice.terms.length > 0).toBe(fx.singular);
  });

  it('fits the alternatives as lmer and lmerTest do', () => {
    expect(advice.alternatives.map((a) => a.formula)).toEqual(fx.alternatives.map((a) => a.formula));
    advice.alternatives.forEach((a, k) => {
      const e = fx.alternatives[k];
      expect(a.singular).toBe(e.singular);
      expect(a.logLik).toBeCloseTo(e.logLik, 3);
      a.fixed.forEach((r, i) => {
        expect(r.term).toBe(e.fixed[i].term);
        expect(r.estimate).toBeCloseTo(e.fixed[i].estimate, 3);
        expect(r.stdError).toBeCloseTo(e.fixed[i].stdError, 3);
        expect(Math.abs(r.pValue! - e.fixed[i].pValue)).toBeLessThan(1e-3 * e.fixed[i].pValue + 1e-12);
      });
      expect(a.sameConclusions).toBe(true);
    });
  });
});

describe('alternative formulas', () => {
  it('drops the term, splits its correlations and keeps the intercept only', () => {
    expect(alternativesFor('y ~ x + (x | g) + (1 | h)', 'g')).toEqual([
      ['drop (x | g)', 'y ~ x + (1 | h)'],
      ['uncorrelated (x || g)', 'y ~ x + (x || g) + (1 | h)'],
      ['intercept only (1 | g)', 'y ~ x + (1 | g) + (1 | h)'],
    ]);
    expect(alternativesFor('y ~ x + (1 | g)', 'g')).toEqual([['drop (1 | g)', 'y ~ x']]);
  });
});
