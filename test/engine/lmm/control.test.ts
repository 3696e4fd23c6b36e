/** fitLmm reports progress per evaluation and stops promptly when cancelled. */
import { describe, expect, it } from 'vitest';
import { QuadratError } from '../../../src-engine/errors/quadratError';
import { fitLmm } from '../../../src-engine/lmm/fitLmm';
import { loadLmmFixture } from '../reference/fixtures';
import { loadCaseTable } from './loadCase';

const fx = loadLmmFixture('sleepstudy_reml');
const table = loadCaseTable(fx);

describe('fit control', () => {
  it('reports every evaluation with its objective', () => {
    const seen: number[] = [];
    const objectives: number[] = [];
    const r = fitLmm(table, { formula: fx.formula, reml: true }, { onProgress: (p) => (seen.push(p.evaluations), objectives.push(p.objective)) });
    expect(seen.length).toBeGreaterThan(10);
    expect(seen[0]).toBe(1);
    expect(seen.every((v, k) => k === 0 || v === seen[k - 1] + 1)).toBe(true);
    expect(Math.min(...objectives)).toBeCloseTo(r.remlCriterion!, 6);
  });

  it('skips the conditional SDs when asked, leaving every estimate the same', () => {
    const full = fitLmm(table, { formula: fx.formula, reml: true });
    const lean = fitLmm(table, { formula: fx.formula, reml: true }, { conditionalSds: false });
    expect(full.diagnostics!.ranef[0].condSd).toHaveLength(18);
    expect(lean.diagnostics!.ranef[0].condSd).toEqual([]);
    expect(lean.fixed).toEqual(full.fixed);
    expect(lean.theta).toEqual(full.theta);
  });

  it('throws a cancellation error soon after the signal is raised', () => {
    let evaluations = 0;
    const signal = {
      get aborted() {
        return evaluations >= 5;
      },
    };
    let err: unknown;
    try {
      fitLmm(table, { formula: fx.formula, reml: true }, { signal, onProgress: (p) => (evaluations = p.evaluations) });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(QuadratError);
    expect((err as QuadratError).kind).toBe('cancelled');
    expect(evaluations).toBeLessThanOrEqual(6);
  });
});
