/** The CLI for GLMMs: fit, compare, confint and emmeans with --family, and clear refusals (exit 2). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useCli } from '../helpers/cli';

const { run } = useCli();
const CBPP = ['--data', 'test/data/cbpp.csv', '--factor', 'herd,period'];
const F = 'cbind(incidence, size - incidence)';
const fx = JSON.parse(readFileSync('test/reference/fixtures/glmm_inference/cbpp.json', 'utf8'));

describe('quadrat … --family', () => {
  it('fits a binomial GLMM and prints summary(glmer)', () => {
    const r = run(['fit', ...CBPP, '--formula', `${F} ~ period + (1 | herd)`, '--family', 'binomial']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Generalized linear mixed model fit by maximum likelihood (Laplace Approximation) [glmerMod]');
    expect(r.stdout).toContain(' Family: binomial  ( logit )');
    expect(r.stdout).toMatch(/z value\s+Pr\(>\|z\|\)/);
    expect(r.stdout).toMatch(/Overdispersion: Pearson chi2 = 63\.\d+ on 51 df/);
    expect(r.stdout).not.toContain('Residual');
  });

  it('reads a tiny overdispersion p-value as R prints it ("p < 2e-16")', () => {
    const r = run(['fit', '--data', 'test/data/grouseticks.csv', '--factor', 'BROOD,YEAR', '--formula', 'TICKS ~ YEAR + cHEIGHT + (1 | BROOD)', '--family', 'poisson']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Overdispersion: Pearson chi2 = 689\.\d+ on 398 df, ratio 1\.73\d, p < 2e-16: the data vary more/);
  });

  it('writes the glmm fields in --json', () => {
    const r = run(['fit', ...CBPP, '--formula', `${F} ~ period + (1 | herd)`, '--family', 'binomial', '--link', 'probit', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ family: 'binomial', link: 'probit', glmm: { nAGQ: 1, responseForm: 'cbind' } });
    expect(out.fixed[0].df).toBeNull();
    // the simulated (DHARMa) residual tests: computed for --json (the printed summary skips them)
    expect(out.glmm.simulated).toMatchObject({ nsim: 250 });
  });

  it('takes --nagq for a single random intercept and refuses it otherwise, with the reason', () => {
    expect(run(['fit', ...CBPP, '--formula', `${F} ~ period + (1 | herd)`, '--family', 'binomial', '--nagq', '10']).code).toBe(0);
    const bad = run(['fit', ...CBPP, '--formula', `${F} ~ period + (1 | herd) + (1 | period:herd)`, '--family', 'binomial', '--nagq', '10']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: .*single scalar random effect/);
    expect(run(['fit', ...CBPP, '--formula', `${F} ~ period + (1 | herd)`, '--nagq', '10']).stderr).toMatch(/--nagq is for GLMMs/);
    expect(run(['fit', ...CBPP, '--formula', `${F} ~ period + (1 | herd)`, '--family', 'gamma']).code).toBe(2);
  });

  it('fits Gamma(log) as glmer: t value, a Residual row, σ; refuses zero responses naming rows', () => {
    const want = JSON.parse(readFileSync('test/reference/fixtures/glmerDispersion/sleepstudy_gamma_log.json', 'utf8')).expected;
    const args = ['fit', '--data', 'test/data/sleepstudy.csv', '--factor', 'Subject', '--formula', 'Reaction ~ Days + (1 | Subject)', '--family', 'Gamma', '--link', 'log'];
    const r = run(args);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(' Family: Gamma  ( log )');
    expect(r.stdout).toMatch(/t value\s+Pr\(>\|z\|\)/);
    expect(r.stdout).toMatch(/Residual/);
    const out = JSON.parse(run([...args, '--json']).stdout);
    expect(out).toMatchObject({ family: 'Gamma', link: 'log', glmm: { statisticName: 't value', overdispersion: null } });
    out.fixed.forEach((f: { estimate: number }, j: number) => expect(Math.abs(f.estimate - want.beta[j]) / want.fixed[j].stdError).toBeLessThan(2e-3));
    expect(Math.abs(out.sigma - want.sigma) / want.sigma).toBeLessThan(2e-4);
    const bad = run(['fit', ...CBPP, '--formula', 'incidence ~ period + (1 | herd)', '--family', 'Gamma']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: The Gamma family needs positive values, but incidence is zero or negative in rows \d+/);
    expect(run(['fit', ...CBPP, '--formula', `${F} ~ period + (1 | herd)`, '--family', 'inverse.gaussian', '--link', 'logit']).stderr).toMatch(/does not take the logit link/);
  });

  it('says which rows are wrong for the family', () => {
    const r = run(['fit', ...CBPP, '--formula', 'incidence/size ~ period + (1 | herd)', '--family', 'binomial']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/proportions \(e\.g\. rows 1, 2, 3.*no weights say out of how many trials/);
  });

  it('compares nested GLMMs as anova(m0, m1)', () => {
    const r = run(['compare', ...CBPP, '--formula', `${F} ~ period + (1 | herd)`, '--formula', `${F} ~ 1 + (1 | herd)`, '--family', 'binomial', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.rows.map((x: { npar: number }) => x.npar)).toEqual([2, 5]);
    expect(Math.abs(out.rows[1].chisq - fx.expected.lrt.rows[1].Chisq)).toBeLessThan(4e-3);
  });

  it('gives profile intervals and response-scale marginal means with odds ratios', () => {
    const ci = JSON.parse(run(['confint', ...CBPP, '--formula', `${F} ~ period + (1 | herd)`, '--family', 'binomial', '--json']).stdout);
    ci.rows.forEach((row: { lower: number }, k: number) => expect(Math.abs(row.lower - fx.expected.profileGlmer[k].lower)).toBeLessThan(2e-3));
    const r = run(['emmeans', ...CBPP, '--formula', `${F} ~ period + (1 | herd)`, '--family', 'binomial', '--means', 'period']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/contrast\s+odds ratio\s+SE\s+df\s+z\.ratio\s+p\.value/);
    expect(r.stdout).toMatch(/period1 \/ period2\s+2\.697/);
  });

  it('refuses ranova and step on a GLMM', () => {
    const r = run(['ranova', ...CBPP, '--formula', `${F} ~ period + (1 | herd)`, '--family', 'binomial']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not available for GLMMs yet/);
  });
});
