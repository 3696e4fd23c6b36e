/** fitTmb's abort signal: checked before every Laplace evaluation, so a cancel stops the fit between evaluations. */
import { describe, expect, it } from 'vitest';
import { fitTmb } from '../../../src-engine/tmb/fitTmb';
import { loadCaseTable } from '../lmm/loadCase';

const table = loadCaseTable({ data: 'Salamanders.csv', factors: ['site', 'spp', 'mined'], subset: null } as never);
const spec = { formula: 'count ~ spp + mined + (1 | site)', family: 'nbinom2' };

describe('fitTmb cancel', () => {
  it('throws a cancelled error at the first evaluation after the signal is raised', () => {
    let checks = 0;
    const signal = { get aborted() { return ++checks > 5; } };
    expect(() => fitTmb(table, spec, { signal })).toThrow(expect.objectContaining({ kind: 'cancelled' }));
    expect(checks).toBe(6);
  });
  it('fits as before with a signal that is never raised', () => {
    const a = fitTmb(table, spec, { signal: { aborted: false } });
    expect(a.converged).toBe(true);
    expect(a.logLik).toBe(fitTmb(table, spec).logLik);
  });
});
