import { describe, expect, it } from 'vitest';
import type { ColumnInfo } from '../../../src-main/api/contract';
import { fitDisabledReason, usedColumns } from '../../../src-renderer/model/builderReadings';
import { parseFormulaTerms } from '../../../src-renderer/model/formulaTerms';

const col = (name: string): ColumnInfo => ({ name, type: 'numeric', levels: [], missing: 0 });
const columns = ['y', 'x', 'z', 'my col', 'site', 'plot', 'n', 'unused'].map(col);
const model = (f: string) => parseFormulaTerms(f).model;

describe('the builder readings', () => {
  it('greys the columns the model uses: response, terms of interactions, grouping paths', () => {
    const used = usedColumns(model('y ~ x*z + `my col` + (1 | site/plot)'), columns, false);
    expect([...used].sort()).toEqual(['my col', 'plot', 'site', 'x', 'y', 'z']);
  });

  it("reads a binomial response's successes and trials", () => {
    const used = usedColumns(model('cbind(y, n - y) ~ x + (1 | site)'), columns, true);
    expect(used.has('y') && used.has('n') && !used.has('unused')).toBe(true);
  });

  it('says why Fit is disabled, or nothing when the model can be fitted', () => {
    expect(fitDisabledReason('  ', model('y ~ 1'), false, false)).toMatch(/Choose a response/);
    expect(fitDisabledReason('y ~ x +', model('y ~ x'), true, false)).toBe('Fix the formula first.');
    expect(fitDisabledReason('y ~ x', model('y ~ x'), false, false)).toMatch(/Add a random effect/);
    expect(fitDisabledReason('y ~ x + (1 | site)', model('y ~ x + (1 | site)'), false, true)).toMatch(/nlme/);
    expect(fitDisabledReason('y ~ x', model('y ~ x'), false, true)).toBeNull();
    expect(fitDisabledReason('y ~ x + (1 | site)', model('y ~ x + (1 | site)'), false, false)).toBeNull();
  });
});
