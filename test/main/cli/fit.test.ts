/** `quadrat fit` end to end through the built CLI: the JSON contract, exit codes and messages. */
import { describe, expect, it } from 'vitest';
import { loadLmmFixture } from '../../engine/reference/fixtures';
import { useCli } from '../helpers/cli';

const { run } = useCli();

describe('quadrat fit', () => {
  it('prints one quadrat.fit/1 object matching lme4 for sleepstudy', () => {
    const r = run(['fit', '--data', 'test/data/sleepstudy.csv', '--factor', 'Subject', '--formula', 'Reaction ~ Days + (Days | Subject)', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    const e = loadLmmFixture('sleepstudy_reml').expected;
    expect(out.schema).toBe('quadrat.fit/1');
    expect(out.method).toBe('REML');
    expect(out.family).toBe('gaussian');
    expect(out.nobs).toBe(180);
    expect(out.groups).toEqual({ Subject: 18 });
    expect(out.fixed.map((f: { term: string }) => f.term)).toEqual(['(Intercept)', 'Days']);
    expect(out.fixed[0].estimate).toBeCloseTo(e.fixed[0].estimate, 3);
    expect(out.fixed[1].stdError).toBeCloseTo(e.fixed[1].stdError, 4);
    expect(out.remlCriterion).toBeCloseTo(e.remlCriterion!, 3);
    expect(out.random.at(-1)).toMatchObject({ group: 'Residual', term: null });
    expect(out.diagnostics).toBeUndefined();
    for (const key of ['correlations', 'sigma', 'logLik', 'aic', 'bic', 'deviance', 'theta', 'converged', 'singular', 'warnings', 'anova', 'timing'])
      expect(out, key).toHaveProperty(key);
  });

  it('fits by ML with --ml', () => {
    const r = run(['fit', '--data', 'test/data/Dyestuff.csv', '--formula', 'Yield ~ 1 + (1 | Batch)', '--ml', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.method).toBe('ML');
    expect(out.remlCriterion).toBeNull();
    expect(out.deviance).toBeCloseTo(loadLmmFixture('dyestuff_ml').expected.deviance, 3);
  });

  it('prints a readable summary without --json', () => {
    const r = run(['fit', '--data', 'test/data/Dyestuff2.csv', '--formula', 'Yield ~ 1 + (1 | Batch)']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/REML criterion at convergence/);
    expect(r.stdout).toMatch(/Singular fit/);
  });

  it.each([
    [['fit', '--data', 'test/data/sleepstudy.csv', '--formula', 'Reaction ~ Dayz + (1 | Subject)'], /no column "Dayz".*Did you mean "Days"/],
    [['fit', '--data', 'test/data/sleepstudy.csv', '--formula', 'Reaction ~ Days + (1 | Subject'], /never closed.*character 19/],
    [['fit', '--data', 'test/data/nope.csv', '--formula', 'y ~ 1 + (1|g)'], /nope\.csv/],
    [['fit', '--data', 'test/data/sleepstudy.csv'], /--formula/],
    [['fit', '--data', 'test/data/sleepstudy.csv', '--formula', 'Reaction ~ Days', '--ddf', 'magic'], /--ddf/],
    [['fit', '--data', 'test/data/sleepstudy.csv', '--formula', 'Reaction ~ Days'], /random-effects term/],
  ])('exits 2 with one clear line for bad input %#', (args, message) => {
    const r = run(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: /);
    expect(lines[0]).toMatch(message as RegExp);
  });
});
