/**
 * Likelihood-ratio comparison of two nlme fits against anova(fit1, fit2) (fixtures from
 * test/reference/nlme.R, fixtures/nlme_compare), and the refusals nlme only warns about.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDelimited } from '../../../src-engine/data/importDelimited';
import { compareFits } from '../../../src-engine/nlme/compare';
import { fitNlme } from '../../../src-engine/nlme/fitNlme';

interface Comparison { name: string; cases: string[]; rows: { df: number; aic: number; bic: number; logLik: number; lRatio: number | null; pValue: number | null }[]; warnings: string[] }

const DIR = 'test/reference/fixtures/nlme_compare';
const comparisons = readdirSync(DIR).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Comparison);

const SPECS: Record<string, { data: string; factors: string[]; spec: Parameters<typeof fitNlme>[1] }> = {
  orthodont_gls_plain: { data: 'Orthodont.csv', factors: ['Subject', 'Sex'], spec: { fixed: 'distance ~ age * Sex' } },
};

function fitCase(name: string) {
  const fx = SPECS[name] ?? JSON.parse(readFileSync(join('test/reference/fixtures/nlme', `${name}.json`), 'utf8')) as { data: string; factors: string[]; spec: Record<string, string | null> };
  const spec = 'fixed' in fx.spec && !('fn' in fx.spec) ? fx.spec : Object.fromEntries(Object.entries(fx.spec).filter(([k, v]) => v !== null && k !== 'fn'));
  const { table } = importDelimited(new Uint8Array(readFileSync(join('test/data', fx.data))), { fileName: fx.data, columnTypes: Object.fromEntries(fx.factors.map((f) => [f, 'factor' as const])) });
  return fitNlme(table, spec as Parameters<typeof fitNlme>[1]);
}

describe('anova(fit1, fit2) for nlme fits', () => {
  for (const c of comparisons) {
    it(c.name, () => {
      const [a, b] = c.cases.map(fitCase);
      if (c.warnings.some((w) => w.includes('different fixed effects'))) {
        // nlme warns and prints a meaningless test; Quadrat refuses with the reason
        expect(() => compareFits(a, b)).toThrow(/different fixed effects\. REML comparisons are not meaningful/);
        return;
      }
      const out = compareFits(a, b);
      out.rows.forEach((r, i) => {
        const x = c.rows[i];
        expect(r.df).toBe(x.df);
        expect(Math.abs(r.logLik - x.logLik)).toBeLessThan(1e-6 * Math.abs(x.logLik));
        expect(Math.abs(r.aic - x.aic)).toBeLessThan(1e-6 * x.aic);
        expect(Math.abs(r.bic - x.bic)).toBeLessThan(1e-6 * x.bic);
        if (x.lRatio === null) expect(r.lRatio).toBeNull();
        else {
          expect(Math.abs(r.lRatio! - x.lRatio)).toBeLessThan(1e-4 * x.lRatio + 1e-6);
          expect(Math.abs(r.pValue! - x.pValue!)).toBeLessThan(1e-4 * x.pValue! + 1e-12);
        }
      });
      if (c.name === 'ovary_gls_vs_lme') expect(out.notes.join(' ')).toMatch(/boundary/);
    });
  }

  it('refuses fits with different methods or different observations', () => {
    const reml = fitCase('ovary_ar1');
    const ml = fitCase('ovary_ar1_ml');
    expect(() => compareFits(reml, ml)).toThrow(/different methods \(REML and ML\)/);
    const other = fitCase('orthodont_gls_varident');
    expect(() => compareFits(reml, other)).toThrow(/same response and observations/);
  });
});
