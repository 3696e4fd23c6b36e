/**
 * Posterior diagnostics against R's posterior package (test/reference/posterior.R): rank-normalized
 * split-R̂, bulk/tail/mean ESS, MCSE of the mean and of quantiles, type-7 quantiles, and rstan's
 * E-BFMI, on fixed draw arrays (AR(1) chains, heavy tails, an offset chain, a scale mismatch, a
 * trend, ties, one chain, a constant chain, all constant → NA).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { essBulk, essMean, essTail } from '../../../src-engine/bayes/diagnostics/ess';
import { rhat } from '../../../src-engine/bayes/diagnostics/rhat';
import { mcseMean, mcseQuantile } from '../../../src-engine/bayes/diagnostics/mcse';
import { quantile } from '../../../src-engine/bayes/diagnostics/quantile';
import { pooled } from '../../../src-engine/bayes/diagnostics/draws';
import { ebfmi } from '../../../src-engine/bayes/diagnostics/ebfmi';
import { summariseDraws } from '../../../src-engine/bayes/diagnostics/summary';

interface Case {
  name: string;
  draws: number[][];
  expected: Record<string, number | null | number[]>;
}
const fixture = JSON.parse(readFileSync('test/reference/fixtures/posterior/diagnostics.json', 'utf8')) as { cases: Case[] };

function close(actual: number, expected: number | null | undefined, what: string): void {
  if (expected === null || expected === undefined) {
    expect(actual, what).toBeNaN();
    return;
  }
  const tol = 1e-8 * Math.max(Math.abs(expected), 1e-300);
  expect(Math.abs(actual - expected), `${what}: ${actual} vs R ${expected}`).toBeLessThanOrEqual(tol);
}

describe('posterior diagnostics as R posterior 1.4', () => {
  it('has the cases', () => expect(fixture.cases.length).toBeGreaterThanOrEqual(10));

  for (const c of fixture.cases) {
    it(c.name, () => {
      const x = c.draws.map((d) => Float64Array.from(d));
      const e = c.expected as Record<string, number | null>;
      close(rhat(x), e.rhat, 'rhat');
      close(essBulk(x), e.ess_bulk, 'ess_bulk');
      close(essTail(x), e.ess_tail, 'ess_tail');
      close(essMean(x), e.ess_mean, 'ess_mean');
      close(mcseMean(x), e.mcse_mean, 'mcse_mean');
      close(mcseQuantile(x, 0.05), e.mcse_q5, 'mcse_q5');
      close(mcseQuantile(x, 0.95), e.mcse_q95, 'mcse_q95');
      close(mcseQuantile(x, 0.025), e['mcse_q2.5'], 'mcse_q2.5');
      close(mcseQuantile(x, 0.975), e['mcse_q97.5'], 'mcse_q97.5');
      const all = pooled(x);
      for (const [k, p] of [['q2.5', 0.025], ['q5', 0.05], ['q50', 0.5], ['q95', 0.95], ['q97.5', 0.975]] as const) close(quantile(all, p), e[k], k);
      const s = summariseDraws(x);
      close(s.estimate, e.mean, 'mean');
      close(s.estError, e.sd, 'sd');
      close(s.lower, e['q2.5'], 'l-95% CI');
      close(s.upper, e['q97.5'], 'u-95% CI');
      const eb = c.expected.ebfmi as (number | null)[];
      x.forEach((chain, k) => close(ebfmi(chain), eb[k], `ebfmi chain ${k + 1}`));
    });
  }

  it('flags what it should: a stuck chain, a scale mismatch and a trend give R̂ > 1.01', () => {
    const get = (n: string) => fixture.cases.find((c) => c.name === n)!.draws.map((d) => Float64Array.from(d));
    for (const n of ['stuck_offset', 'scale_mismatch', 'trend', 'ar1_slow']) expect(rhat(get(n)), n).toBeGreaterThan(1.01);
    expect(rhat(get('ar1_fast'))).toBeLessThan(1.01);
  });
});
