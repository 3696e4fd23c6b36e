/**
 * The Bayesian plots' numbers: R's bw.nrd0 and density() (R 4.2: bw.nrd0(1:10) and the peak of
 * density(1:10, n = 512)), the rank histogram (every pooled draw counted once, bins equal when the
 * chains are identical), the brms family by response, the prior text.
 */
import { describe, expect, it } from 'vitest';
import { bwNrd0, density, rankTraces } from '../../../src-renderer/bayes/bayesPlotData';
import { effectiveFamily } from '../../../src-renderer/bayes/bayesState';
import { priorText, familiesFor } from '../../../src-renderer/bayes/priorText';

const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

describe('bayes plot data', () => {
  it("bandwidth as R's bw.nrd0", () => {
    // R: sprintf("%.15f", bw.nrd0(1:10))
    expect(bwNrd0(x)).toBeCloseTo(1.719286404692283, 14);
  });

  it('a density that integrates to 1 and peaks in the middle', () => {
    const d = density(x, 512);
    const h = d.x[1] - d.x[0];
    const area = d.y.reduce((s, y) => s + y * h, 0);
    expect(area).toBeGreaterThan(0.99);
    expect(area).toBeLessThan(1.001);
    // R: d <- density(1:10, n = 512); max(d$y) = 0.0997740762 at x = 5.519 (R bins the data, hence 1e-3)
    const peak = d.x[d.y.indexOf(Math.max(...d.y))];
    expect(Math.abs(peak - 5.5189)).toBeLessThan(0.05);
    expect(Math.max(...d.y)).toBeCloseTo(0.0997740762, 3);
  });

  it('rank histograms count every draw once and are flat for identical chains', () => {
    const draws = Array.from({ length: 200 }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1);
    const chains = [0, 1].map((chain) => ({ chain, values: [draws], divergent: draws.map(() => 0) }));
    const t = rankTraces(chains, 0, 10);
    const counts = t.map((tr) => (tr.y as number[]).slice(0, 10));
    expect(counts.flat().reduce((a, b) => a + b, 0)).toBe(400);
    // ties are ranked by order, so chain 1 gets the lower rank of each tied pair: 20 per bin each
    for (const c of counts) for (const n of c) expect(n).toBe(20);
  });
});

describe('builder helpers', () => {
  it("picks brms's binomial only when the response gives trials", () => {
    expect(effectiveFamily('bernoulli', 'cbind(s, f) ~ x + (1 | g)')).toBe('binomial');
    expect(effectiveFamily('binomial', 'y | trials(n) ~ x + (1 | g)')).toBe('binomial');
    expect(effectiveFamily('binomial', 'y ~ x + (1 | g)')).toBe('bernoulli');
    expect(effectiveFamily('poisson', 'cbind(s, f) ~ x')).toBe('poisson');
  });

  it('writes priors in Stan syntax and offers lkj only for cor', () => {
    expect(priorText('student_t', [3, 0, 2.5])).toBe('student_t(3, 0, 2.5)');
    expect(familiesFor('cor')).toEqual(['lkj']);
    expect(familiesFor('b')).not.toContain('lkj');
    expect(familiesFor('sd')).toContain('exponential');
  });
});
