/**
 * Satterthwaite df for lme() fits with an lme4 twin, against lmerTest on the same model
 * (test/reference/nlmeSatterthwaite.R writes the fixtures; the lmer formula there is written by hand).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDelimited } from '../../../src-engine/data/importDelimited';
import { fitNlme } from '../../../src-engine/nlme/fitNlme';
import { lmerBarOf, lmerFormulaOf } from '../../../src-engine/nlme/satterthwaite';

const DIR = 'test/reference/fixtures/nlme_satterthwaite';
interface Fixture {
  case: string;
  data: string;
  factors: string[];
  spec: { fixed: string; random: string; method: 'REML' | 'ML' };
  lmerFormula: string;
  nlmeEstimates: number[];
  coefficients: { term: string; estimate: number; df: number; pValue: number }[];
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('lmerTest Satterthwaite df for lme() fits with an lmer twin', () => {
  for (const file of readdirSync(DIR)) {
    const fx = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Fixture;
    it(fx.case, () => {
      const columnTypes = Object.fromEntries(fx.factors.map((f) => [f, 'factor' as const]));
      const { table } = importDelimited(new Uint8Array(readFileSync(join('test/data', fx.data))), { fileName: fx.data, columnTypes });
      const spec = fx.spec;
      // lme and lmer reach the same estimates in R, so the df describe this fit
      fx.coefficients.forEach((c, j) => expect(rel(c.estimate, fx.nlmeEstimates[j])).toBeLessThan(1e-5));
      expect(lmerFormulaOf(spec)!.replace(/\s+/g, '')).toBe(fx.lmerFormula.replace(/\s+/g, ''));
      const { satterthwaite } = fitNlme(table, spec);
      expect(satterthwaite).not.toBeNull();
      fx.coefficients.forEach((c, j) => {
        expect(rel(satterthwaite!.df[j], c.df), `${c.term} df`).toBeLessThan(1e-4);
        expect(rel(satterthwaite!.pValue[j], c.pValue), `${c.term} p`).toBeLessThan(1e-3);
      });
    });
  }

  it('gives none where lme4 has no twin: a variance function, a correlation structure, gls', () => {
    expect(lmerFormulaOf({ fixed: 'y ~ x', random: '~ 1 | g', weights: 'varIdent(form = ~ 1 | s)' })).toBeNull();
    expect(lmerFormulaOf({ fixed: 'y ~ x', random: '~ 1 | g', correlation: 'corAR1()' })).toBeNull();
    expect(lmerFormulaOf({ fixed: 'y ~ x' })).toBeNull();
  });

  it('writes nlme random parts as lme4 bars', () => {
    expect(lmerBarOf('~ age | Subject')).toBe('(age | Subject)');
    expect(lmerBarOf('~ 1 | Block / Variety')).toBe('(1 | Block/Variety)');
    expect(lmerBarOf('list(Subject = pdDiag(~ age))')).toBe('(age || Subject)');
    expect(lmerBarOf('list(Subject = pdSymm(~ age))')).toBe('(age | Subject)');
    expect(lmerBarOf('~ 1 | a*b')).toBeNull();
  });
});
