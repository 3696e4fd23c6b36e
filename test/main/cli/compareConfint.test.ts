/** `quadrat compare` and `quadrat confint` end to end through the built CLI. */
import { describe, expect, it } from 'vitest';
import { loadInferenceFixture } from '../../engine/reference/fixtures';
import { useCli } from '../helpers/cli';

const { run } = useCli();

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('quadrat compare', () => {
  const fx = loadInferenceFixture('penicillin');
  const [small, large] = fx.expected.lrt.models;
  const base = ['compare', '--data', 'test/data/Penicillin.csv', '--factor', 'plate,sample', '--formula', large.formula, '--formula', small.formula];

  it('gives lme4 anova(m_small, m_large) on ML fits, ordered by npar, with ΔAIC and weights', () => {
    const r = run([...base, '--ml', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.schema).toBe('quadrat.compare/1');
    expect(out.refitted).toBe(false);
    expect(out.rows.map((x: { formula: string }) => x.formula)).toEqual([small.formula, large.formula]);
    const want = fx.expected.lrt.rows[1] as Record<string, number>;
    expect(rel(out.rows[1].chisq, want.chisq)).toBeLessThan(1e-4);
    expect(rel(out.rows[1].pValue, want.pValue)).toBeLessThan(1e-4);
    expect(rel(out.rows[0].aic, fx.expected.lrt.rows[0].aic as number)).toBeLessThan(1e-6);
    expect(out.rows[1].deltaAic).toBe(0);
    expect(out.rows[0].akaikeWeight + out.rows[1].akaikeWeight).toBeCloseTo(1, 12);
  });

  it('refits REML fits by ML and says so', () => {
    const r = run(base);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/refitting model\(s\) with ML \(instead of REML\)/);
    expect(r.stdout).toMatch(/Pr\(>Chisq\)/);
  });

  it('refuses models of different responses with a clear error', () => {
    const r = run(['compare', '--data', 'test/data/sleepstudy.csv', '--factor', 'Subject', '--formula', 'Reaction ~ Days + (1 | Subject)', '--formula', 'log(Reaction) ~ Days + (1 | Subject)']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: .*different responses/);
  });

  it('needs two formulas', () => {
    const r = run(['compare', '--data', 'test/data/Penicillin.csv', '--formula', small.formula]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/at least two models/);
  });
});

describe('quadrat confint', () => {
  const fx = loadInferenceFixture('penicillin');
  const base = ['confint', '--data', 'test/data/Penicillin.csv', '--factor', 'plate,sample', '--formula', fx.formula];

  it('profile intervals (the default) match lme4 confint(m) to 1e-3', () => {
    const r = run([...base, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.schema).toBe('quadrat.confint/1');
    expect(out.method).toBe('profile');
    const want = fx.expected.confint.profile;
    expect(out.rows.map((x: { term: string }) => x.term)).toEqual(want.map((w) => w.term));
    out.rows.forEach((x: { lower: number; upper: number }, i: number) => {
      expect(rel(x.lower, want[i].lower!)).toBeLessThan(1e-3);
      expect(rel(x.upper, want[i].upper!)).toBeLessThan(1e-3);
    });
  });

  it('Wald intervals as a readable table', () => {
    const r = run([...base, '--method', 'wald']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/2\.5 %/);
    expect(r.stdout).toMatch(/\(Intercept\)/);
  });

  it('parametric bootstrap with a seed is reproducible', () => {
    const args = [...base, '--method', 'boot', '--nsim', '20', '--seed', '3', '--json'];
    const a = run(args);
    expect(a.code, a.stderr).toBe(0);
    const out = JSON.parse(a.stdout);
    expect(out).toMatchObject({ method: 'boot', nsim: 20, seed: 3 });
    expect(out.rows.map((x: { term: string }) => x.term)).toEqual(fx.expected.confint.profile.map((w) => w.term));
    expect(JSON.parse(run(args).stdout).rows).toEqual(out.rows);
  });

  it('refuses an unknown method, and --nsim past the API’s limit (one schema for both)', () => {
    const r = run([...base, '--method', 'bayes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--method: .*"wald"\|"profile"\|"boot"/);
    const big = run([...base, '--method', 'boot', '--nsim', '200000']);
    expect(big.code).toBe(2);
    expect(big.stderr).toMatch(/--nsim: .*100000/);
  });
});
