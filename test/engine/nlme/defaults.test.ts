/** nlme's defaults: a correlation form without groups in lme uses the innermost random-effects groups; varPower() is of the fitted values. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importDelimited } from '../../../src-engine/data/importDelimited';
import { fitNlme } from '../../../src-engine/nlme/fitNlme';

const ovary = importDelimited(new Uint8Array(readFileSync('test/data/Ovary.csv')), { fileName: 'Ovary.csv', columnTypes: { Mare: 'factor' } }).table;
const expected = (name: string) => (JSON.parse(readFileSync(`test/reference/fixtures/nlme/${name}.json`, 'utf8')) as { expected: { logLik: number } }).expected.logLik;

describe('nlme defaults', () => {
  const fixed = 'follicles ~ sin(2 * pi * Time) + cos(2 * pi * Time)';
  it('lme: corAR1() is corAR1(form = ~ 1 | Mare) for random = ~ 1 | Mare', () => {
    const fit = fitNlme(ovary, { fixed, random: '~ 1 | Mare', correlation: 'corAR1()' });
    expect(Math.abs(fit.report.logLik - expected('ovary_lme_ar1'))).toBeLessThan(1e-6 * 800);
  });
  it('method defaults to REML and varPower() to the fitted values', () => {
    const a = fitNlme(ovary, { fixed, weights: 'varPower()' });
    const b = fitNlme(ovary, { fixed, weights: 'varPower(form = ~ fitted(.))', method: 'REML' });
    expect(a.report.method).toBe('REML');
    expect(a.report.logLik).toBeCloseTo(b.report.logLik, 8);
  });
});
