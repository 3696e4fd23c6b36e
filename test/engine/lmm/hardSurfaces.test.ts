/**
 * Criteria that trap a quick optimizer, from a property scan of the optimizer on simulated data
 * (data/*.csv; x uncentred in 0–10). Quadrat must end at least as low as lme4 1.1-31 and say it
 * converged.
 * - ridge.csv (101 rows, 34 groups, REML `y ~ x + (x | g)`): a long curved ridge towards a zero slope
 *   variance. BOBYQA's loose stop and one Newton step land on the ridge short of the optimum; the
 *   derivative check notices and BOBYQA resumes. lme4 stops at θ = (0.04244, 0.31080, 0.00148),
 *   REMLcrit 377.9838292736 (nloptwrap's loose xtol_rel).
 * - saddle.csv (86 rows, ML `y ~ x + (x | g) + (1 | k)`): from the moment start BOBYQA ends at a saddle
 *   (339.7227, a negative Hessian eigenvalue); the failed check sends the fit to lme4's start.
 *   lme4: θ = (0.50059, -0.04120, 0.38922, 0.94492), deviance 339.4610644222.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tableFromCsvText } from '../../../src-engine/data/importDelimited';
import { fitLmm } from '../../../src-engine/lmm/fitLmm';

const read = (name: string, factors: string[]) =>
  tableFromCsvText(readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8'), { columnTypes: Object.fromEntries(factors.map((f) => [f, 'factor' as const])) });

describe('criteria that trap a quick optimizer', () => {
  it('a curved ridge: ends at least as low as lme4, converged', () => {
    const r = fitLmm(read('ridge.csv', ['g']), { formula: 'y ~ x + (x | g)', reml: true });
    expect(r.remlCriterion!).toBeLessThanOrEqual(377.9838292736 + 1e-7);
    expect(r.converged).toBe(true);
    expect(r.theta[0]).toBeCloseTo(0.0424, 3);
    expect(r.theta[1]).toBeCloseTo(0.3108, 3);
    expect(r.theta[2]).toBeLessThan(2e-3);
  });

  it('a saddle near the moment start: reaches lme4 optimum, converged', () => {
    const r = fitLmm(read('saddle.csv', ['g', 'k']), { formula: 'y ~ x + (x | g) + (1 | k)', reml: false });
    expect(r.deviance).toBeLessThanOrEqual(339.4610644222 + 1e-7);
    expect(r.converged).toBe(true);
    [0.50059, -0.0412, 0.38922, 0.94492].forEach((t, i) => expect(r.theta[i]).toBeCloseTo(t, 3));
  });
});
