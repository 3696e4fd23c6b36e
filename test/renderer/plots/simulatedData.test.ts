/** The data behind DHARMa's plots: uniform Q–Q positions, rank transformation, binned quantiles. */
import { describe, expect, it } from 'vitest';
import { binnedQuantiles, rankTransform, uniformQQ } from '../../../src-renderer/plots/simulatedData';

describe('simulated-residual plot data', () => {
  it('pairs sorted residuals with uniform quantiles and keeps the observation index', () => {
    const q = uniformQQ([0.9, 0.1, 0.5, 0.3]);
    expect(q.observed).toEqual([0.1, 0.3, 0.5, 0.9]);
    expect(q.expected).toEqual([0.125, 0.375, 0.625, 0.875]);
    expect(q.index).toEqual([1, 3, 2, 0]);
  });

  it('rank-transforms predictions to [0, 1]', () => {
    expect(rankTransform([5, 1, 3])).toEqual([1, 0, 0.5]);
  });

  it('gives R type-7 quantiles within equal-count bins', () => {
    const x = Array.from({ length: 100 }, (_, i) => i);
    const y = x.map((i) => (i % 10) / 9);
    const b = binnedQuantiles(x, y, [0.25, 0.5, 0.75], 10);
    expect(b.x).toHaveLength(10);
    expect(b.x[0]).toBeCloseTo(4.5, 12);
    expect(b.q[1][0]).toBeCloseTo(0.5, 12); // median of 0, 1/9, …, 1
    expect(b.q[0][0]).toBeCloseTo(quantile7([...y.slice(0, 10)].sort((a, c) => a - c), 0.25), 12);
  });
});

function quantile7(s: number[], p: number): number {
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * (s[lo + 1] - s[lo]);
}
