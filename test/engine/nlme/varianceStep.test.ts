/**
 * The variance-structure step on Orthodont (distance ~ age + Sex, REML): each candidate's AIC equals
 * nlme's for the same gls (fixtures from test/reference/nlme.R), the homogeneous model is the
 * reference of the likelihood ratios, and the recommendation is the lowest AIC.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importDelimited } from '../../../src-engine/data/importDelimited';
import { varianceStep, defaultVarianceCandidates } from '../../../src-engine/nlme/varianceStep';

const fixture = (name: string) => (JSON.parse(readFileSync(`test/reference/fixtures/nlme/${name}.json`, 'utf8')) as { expected: { aic: number; logLik: number } }).expected;
const table = importDelimited(new Uint8Array(readFileSync('test/data/Orthodont.csv')), { fileName: 'Orthodont.csv', columnTypes: { Subject: 'factor', Sex: 'factor' } }).table;

describe('variance-structure step', () => {
  const candidates = ['varIdent(form = ~ 1 | Sex)', 'varExp(form = ~ age)', 'varPower()', 'varFixed(~ age)', 'varPower(form = ~ nosuchcolumn)'];
  const step = varianceStep(table, { fixed: 'distance ~ age + Sex' }, candidates);
  const aicOf = (w: string | null) => step.rows.find((r) => r.weights === w)!.aic!;

  it('AICs as nlme', () => {
    const expected: [string | null, string][] = [
      [null, 'orthodont_gls_additive'],
      ['varIdent(form = ~ 1 | Sex)', 'orthodont_gls_varident_additive'],
      ['varExp(form = ~ age)', 'orthodont_gls_varexp'],
      ['varPower()', 'orthodont_gls_varpower_fitted'],
      ['varFixed(~ age)', 'orthodont_gls_varfixed'],
    ];
    for (const [w, name] of expected) {
      const e = fixture(name);
      expect(Math.abs(aicOf(w) - e.aic), `${w}`).toBeLessThan(1e-6 * e.aic);
    }
  });

  it('tests each candidate against the homogeneous model and recommends the lowest AIC', () => {
    const base = fixture('orthodont_gls_additive');
    const ident = step.rows.find((r) => r.weights === 'varIdent(form = ~ 1 | Sex)')!;
    expect(ident.lRatio!).toBeCloseTo(2 * (fixture('orthodont_gls_varident_additive').logLik - base.logLik), 5);
    expect(step.rows.find((r) => r.weights === 'varFixed(~ age)')!.lRatio).toBeNull();
    const fitted = step.rows.filter((r) => r.aic !== null);
    const min = Math.min(...fitted.map((r) => r.aic!));
    expect(aicOf(step.recommended)).toBe(min);
    expect(step.rows.find((r) => r.weights === null)!.spread!.pearson).toHaveLength(108);
  });

  it('keeps a candidate that cannot be fitted, with its reason', () => {
    const bad = step.rows.find((r) => r.weights === 'varPower(form = ~ nosuchcolumn)')!;
    expect(bad.aic).toBeNull();
    expect(bad.error).toMatch(/no column "nosuchcolumn"/);
  });

  it('default candidates follow Zuur’s list', () => {
    expect(defaultVarianceCandidates(['Sex'], ['age'])).toEqual([
      'varIdent(form = ~ 1 | Sex)', 'varFixed(~ age)', 'varPower(form = ~ age)', 'varExp(form = ~ age)', 'varConstPower(form = ~ age)', 'varPower()',
    ]);
  });
});
