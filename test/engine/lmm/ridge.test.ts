/**
 * A REML criterion with a long curved ridge towards a zero slope variance (data/ridge.csv: simulated, 101
 * rows, 34 groups, `y ~ x + (x | g)` with x uncentred). BOBYQA's loose stop and one Newton step land on
 * the ridge short of the optimum; the derivative check notices, and BOBYQA resumes. lme4 1.1-31 stops at
 * θ = (0.04244, 0.31080, 0.00148) with REMLcrit 377.9838292736 (nloptwrap's loose xtol_rel); Quadrat
 * must be at least as good and say it converged.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tableFromCsvText } from '../../../src-engine/data/importDelimited';
import { fitLmm } from '../../../src-engine/lmm/fitLmm';

const LME4_REML_CRITERION = 377.9838292736;

describe('a curved ridge in the criterion', () => {
  it('ends at least as low as lme4, converged', () => {
    const text = readFileSync(new URL('./data/ridge.csv', import.meta.url), 'utf8');
    const table = tableFromCsvText(text, { columnTypes: { g: 'factor' } });
    const r = fitLmm(table, { formula: 'y ~ x + (x | g)', reml: true });
    expect(r.remlCriterion!).toBeLessThanOrEqual(LME4_REML_CRITERION + 1e-7);
    expect(r.converged).toBe(true);
    expect(r.theta[0]).toBeCloseTo(0.0424, 3);
    expect(r.theta[1]).toBeCloseTo(0.3108, 3);
    expect(r.theta[2]).toBeLessThan(2e-3);
  });
});
