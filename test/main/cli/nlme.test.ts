/**
 * `quadrat fit --engine nlme`: summary(lme) with a correlation structure as nlme prints it, the JSON
 * report, and the refusals (lme4 options, bars in the formula). Numbers from test/reference/nlme.R.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useCli } from '../helpers/cli';

const { run } = useCli();
const fx = JSON.parse(readFileSync('test/reference/fixtures/nlme/ovary_lme_ar1.json', 'utf8'));
const OVARY = ['fit', '--data', 'test/data/Ovary.csv', '--factor', 'Mare', '--formula', fx.spec.fixed, '--engine', 'nlme'];

describe('quadrat fit --engine nlme', () => {
  it('prints summary(lme) with the AR(1) parameter, nlme’s df and the random-effect SDs', () => {
    const r = run([...OVARY, '--random', fx.spec.random, '--correlation', fx.spec.correlation]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Linear mixed-effects model fit by REML');
    expect(r.stdout).toMatch(/AIC\s+BIC\s+logLik\n\s+1562\.447\s+1584\.769\s+-775\.2233/);
    // nlme's words for the structure (print.corStruct's title)
    expect(r.stdout).toMatch(/\nCorrelation Structure: AR\(1\)\n Formula: ~ 1 \| Mare\n Parameter estimate\(s\):\n/);
    expect(r.stdout).toMatch(/\(Intercept\)\s+12\.1\d+\s+0\.94\d+\s+295\s+12\.89/);
    expect(r.stdout).toContain('Number of Groups: Mare 11');
  });

  it("prints corSymm's correlations as nlme does (the lower triangle), and a variance function's structure in nlme's words", () => {
    const ortho = ['fit', '--data', 'test/data/Orthodont.csv', '--factor', 'Subject,Sex', '--formula', 'distance ~ age * Sex', '--engine', 'nlme'];
    const r = run([...ortho, '--correlation', 'corSymm(form = ~ 1 | Subject)']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(['Correlation Structure: General', ' Formula: ~ 1 | Subject', ' Parameter estimate(s):', ' Correlation: ', '  1     2     3    ', '2 0.575            ', '3 0.638 0.574      ', '4 0.515 0.749 0.721'].join('\n'));
    const v = run([...ortho, '--weights', 'varIdent(form = ~ 1 | Sex)']);
    expect(v.stdout).toContain('Variance function:\n Structure: Different standard deviations per stratum\n Formula: ~ 1 | Sex');
  });

  it("prints the random effects in nlme's layout: a correlated slope with its Corr column, a pdDiag without", () => {
    const ORTHODONT = ['fit', '--data', 'test/data/Orthodont.csv', '--factor', 'Subject', '--formula', 'distance ~ age', '--engine', 'nlme'];
    // R: print(summary(lme(distance ~ age, Orthodont, random = ~ age | Subject)))
    const general = run([...ORTHODONT, '--random', '~ age | Subject']);
    expect(general.code, general.stderr).toBe(0);
    expect(general.stdout).toMatch(
      / Structure: General positive-definite, Log-Cholesky parametrization\n {12}StdDev +Corr +\n\(Intercept\) 2\.3270\d* +\(Intr\)\nage {9}0\.2264\d* +-0\.609\nResidual {4}1\.3100\d* +\n/,
    );
    // R: random = list(Subject = pdDiag(~ age))
    const diag = run([...ORTHODONT, '--random', 'list(Subject = pdDiag(~ age))']);
    expect(diag.code, diag.stderr).toBe(0);
    expect(diag.stdout).toMatch(/ Structure: Diagonal\n {8}\(Intercept\) +age +Residual\nStdDev: +1\.3860\d* 0\.1492\d* +1\.3706\d*\n/);
    expect(diag.stdout).not.toContain('Corr');
  });

  it('writes the report as JSON with the nlme call that reproduces it', () => {
    const r = run([...OVARY, '--random', fx.spec.random, '--correlation', fx.spec.correlation, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.schema).toBe('quadrat.nlme/1');
    expect(out.rCall).toBe(fx.call);
    expect(Math.abs(out.logLik - fx.expected.logLik)).toBeLessThan(1e-6 * Math.abs(fx.expected.logLik));
    expect(Math.abs(out.sigma / fx.expected.sigma - 1)).toBeLessThan(1e-4);
  });

  it("adds lmerTest's Satterthwaite df for an lme with an lmer() twin, and none with a correlation structure", () => {
    const plain = JSON.parse(readFileSync('test/reference/fixtures/nlme_satterthwaite/ovary_lme_plain.json', 'utf8'));
    const r = run([...OVARY, '--random', '~ 1 | Mare', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.satterthwaite.lmerFormula).toBe(plain.lmerFormula);
    plain.coefficients.forEach((c: { df: number }, j: number) => expect(Math.abs(out.satterthwaite.df[j] / c.df - 1)).toBeLessThan(1e-4));
    const text = run([...OVARY, '--random', '~ 1 | Mare']);
    expect(text.stdout).toContain(`Satterthwaite df (lmerTest on the same model as lmer(${plain.lmerFormula}))`);
    const ar1 = run([...OVARY, '--random', fx.spec.random, '--correlation', fx.spec.correlation, '--json']);
    expect(JSON.parse(ar1.stdout).satterthwaite).toBeNull();
  });

  it('fits gls() without --random, and refuses what nlme does not take', () => {
    const gls = run([...OVARY, '--correlation', 'corAR1(form = ~ 1 | Mare)']);
    expect(gls.code, gls.stderr).toBe(0);
    expect(gls.stdout).toContain('Generalized least squares fit by REML');
    const bars = run(['fit', '--data', 'test/data/Ovary.csv', '--formula', 'follicles ~ Time + (1 | Mare)', '--engine', 'nlme']);
    expect(bars.code).toBe(2);
    expect(bars.stderr).toContain('give the random part as --random');
    const ddf = run([...OVARY, '--ddf', 'kenward-roger']);
    expect(ddf.stderr).toContain('--ddf does not apply with --engine nlme');
    const corr = run(['fit', '--data', 'test/data/Ovary.csv', '--formula', 'follicles ~ Time + (1 | Mare)', '--correlation', 'corAR1()']);
    expect(corr.stderr).toContain('--correlation is for --engine nlme');
    const engine = run([...OVARY.slice(0, -1), 'lme5']);
    expect(engine.stderr).toContain("--engine must be lme4 or nlme (got 'lme5')");
    // the parts are checked as the app's fit.start checks spec.nlme
    const empty = run([...OVARY, '--random', '  ']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("fit: --random: the random part cannot be empty (got '  ')");
  });
});
