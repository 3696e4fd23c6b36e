/**
 * `quadrat bayes` end to end: brms's summary printed, the quadrat.bayes/1 JSON, priors from the
 * command line, a bad prior or setting refused with exit 2, and the same seed giving the same
 * numbers with the chains in this thread (--workers 1) or on two worker threads.
 */
import { describe, expect, it } from 'vitest';
import { type BayesReport } from '../../../src-engine/bayes/fit/bayesReport';
import { useCli } from '../helpers/cli';

const { run } = useCli();
const SLEEP = ['bayes', '--data', 'test/data/sleepstudy.csv', '--factor', 'Subject', '--formula', 'Reaction ~ Days + (Days | Subject)'];
const SHORT = ['--chains', '2', '--iter', '300', '--warmup', '150', '--seed', '3'];

describe('quadrat bayes', () => {
  it('prints brms’s summary', () => {
    const r = run([...SLEEP, ...SHORT]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toContain(' Family: gaussian \n  Links: mu = identity; sigma = identity \nFormula: Reaction ~ Days + (Days | Subject) \n');
    expect(out).toContain('   Data: sleepstudy.csv (Number of observations: 180) \n');
    expect(out).toContain('  Draws: 2 chains, each with iter = 300; warmup = 150; thin = 1;\n         total post-warmup draws = 300\n');
    expect(out).toContain('Group-Level Effects: \n~Subject (Number of levels: 18) \n');
    expect(out).toMatch(/\n {20}Estimate Est\.Error l-95% CI u-95% CI Rhat Bulk_ESS Tail_ESS\nsd\(Intercept\) +\d+\.\d\d +\d+\.\d\d/);
    expect(out).toMatch(/\ncor\(Intercept,Days\) +-?\d\.\d\d/);
    expect(out).toMatch(/Population-Level Effects: \n {10}Estimate .*\nIntercept +2\d\d\.\d\d .*\nDays +\d+\.\d\d/);
    expect(out).toMatch(/Family Specific Parameters: \n {6}Estimate .*\nsigma +\d\d\.\d\d/);
    expect(out).toContain('Draws were sampled using sampling(NUTS). For each parameter, Bulk_ESS\n');
    expect(out).toMatch(/Sampler: \d+ divergent transitions after warm-up/);
  });

  it('prints the quadrat.bayes/1 object with --json, with the user’s prior in the prior table', () => {
    const r = run([...SLEEP, ...SHORT, '--prior', 'normal(0, 20)', '--class', 'b', '--coef', 'Days', '--prior', 'exponential(0.1)', '--class', 'sigma', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as BayesReport;
    expect(j.schema).toBe('quadrat.bayes/1');
    expect(j.settings).toEqual({ chains: 2, iter: 300, warmup: 150, seed: 3, adaptDelta: 0.8, maxTreedepth: 10 });
    expect(j.fixed.map((x) => x.parameter)).toEqual(['b_Intercept', 'b_Days']);
    expect(j.random[0].rows.map((x) => x.label)).toEqual(['sd(Intercept)', 'sd(Days)', 'cor(Intercept,Days)']);
    expect(j.spec[0].label).toBe('sigma');
    for (const key of ['Estimate', 'Est.Error', 'l-95% CI', 'u-95% CI', 'Rhat', 'Bulk_ESS', 'Tail_ESS']) expect(typeof (j.fixed[1] as never)[key]).toBe('number');
    expect(j.priors.find((p) => p.class === 'b' && p.coef === 'Days')).toMatchObject({ prior: 'normal(0, 20)', source: 'user' });
    expect(j.priors.find((p) => p.class === 'sigma')).toMatchObject({ prior: 'exponential(0.1)', source: 'user' });
    expect(j.sampler.ebfmi).toHaveLength(2);
  });

  it('refuses a bad prior, a prior without a class and bad settings with exit 2', () => {
    const bad = run([...SLEEP, ...SHORT, '--prior', 'normal(0, -1)', '--class', 'b']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: .*/);
    expect(bad.stderr).not.toMatch(/at .*\.ts:\d+/);
    const unknownClass = run([...SLEEP, ...SHORT, '--prior', 'normal(0, 1)', '--class', 'beta']);
    expect(unknownClass.code).toBe(2);
    expect(unknownClass.stderr).toMatch(/beta/);
    const noClass = run([...SLEEP, '--prior', 'normal(0, 1)']);
    expect(noClass.code).toBe(2);
    expect(noClass.stderr).toContain("the prior 'normal(0, 1)' needs --class");
    const delta = run([...SLEEP, '--adapt-delta', '1.5']);
    expect(delta.code).toBe(2);
    expect(delta.stderr).toContain("bayes: --adapt-delta: must lie strictly between 0 and 1 (got '1.5')");
    const chains = run([...SLEEP, '--chains', '2.5']);
    expect(chains.code).toBe(2);
    expect(chains.stderr).toContain('bayes: --chains: must be a whole number from 1 to 64');
  });

  it('gives the same numbers for a seed with the chains here or on two workers', () => {
    const one = JSON.parse(run([...SLEEP, ...SHORT, '--workers', '1', '--json']).stdout) as BayesReport;
    const two = JSON.parse(run([...SLEEP, ...SHORT, '--workers', '2', '--json']).stdout) as BayesReport;
    expect(two.fixed).toEqual(one.fixed);
    expect(two.random).toEqual(one.random);
    expect(two.spec).toEqual(one.spec);
    expect(two.sampler).toEqual(one.sampler);
    const other = JSON.parse(run([...SLEEP, ...SHORT.slice(0, -1), '4', '--workers', '2', '--json']).stdout) as BayesReport;
    expect(other.fixed[0].Estimate).not.toBe(one.fixed[0].Estimate);
  });
});
