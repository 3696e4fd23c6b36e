/**
 * `quadrat fit --family nbinom2 --zi … --disp …`: count models as glmmTMB (summary and JSON), numbers
 * from test/reference/glmmTMB.R.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatTmbWarnings } from '../../../src-main/cli/tmbFit';
import { optimizerWarning } from '../../../src-engine/tmb/convergenceWarnings';
import { useCli } from '../helpers/cli';

const { run } = useCli();
const nb = JSON.parse(readFileSync('test/reference/fixtures/glmmTMB/cbpp_nb_offset.json', 'utf8'));
const zip = JSON.parse(readFileSync('test/reference/fixtures/glmmTMB/sal_zip.json', 'utf8'));
const CBPP = ['fit', '--data', 'test/data/cbpp.csv', '--factor', 'herd,period', '--formula', nb.formula];

describe('quadrat fit with glmmTMB families', () => {
  it('prints summary(glmmTMB) with the dispersion parameter line as glmmTMB prints it', () => {
    const r = run([...CBPP, '--family', 'nbinom2']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(nb.expected.dispersionLine.trim());
    expect(r.stdout).toContain('Conditional model:');
    expect(r.stdout).toContain(nb.expected.logLik.toFixed(1));
  });

  it('writes the three tables as JSON (--zi "~ 1")', () => {
    const r = run(['fit', '--data', 'test/data/Salamanders.csv', '--factor', 'site,spp,mined',
      '--formula', zip.formula, '--family', 'poisson', '--zi', '~ 1', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.schema).toBe('quadrat.tmb/1');
    expect(Math.abs(out.logLik - zip.expected.logLik)).toBeLessThan(1e-6 * Math.abs(zip.expected.logLik));
    expect(out.zi.map((x: { term: string }) => x.term)).toEqual(['(Intercept)']);
    expect(Math.abs(out.zi[0].estimate - zip.expected.fixed.zi[0].estimate)).toBeLessThan(1e-3);
    expect(out.cond).toHaveLength(zip.expected.fixed.cond.length);
    expect(out.disp).toEqual([]);
    // glmmTMB gave no warning on this fit and found its Hessian positive definite
    expect(out.pdHess).toBe(zip.expected.pdHess);
    expect(out.warnings).toEqual([]);
  });

  it('prints the random slopes’ variances, SDs and correlation as summary(glmmTMB)', () => {
    const slope = JSON.parse(readFileSync('test/reference/fixtures/glmmTMB/sal_slope_mined.json', 'utf8'));
    const r = run(['fit', '--data', 'test/data/Salamanders.csv', '--factor', 'site,spp,mined', '--formula', slope.formula, '--family', 'nbinom2']);
    expect(r.code, r.stderr).toBe(0);
    // glmmTMB's lines from "Groups" to "Number of obs" (trailing blanks aside)
    const text = (slope.expected.summaryText as string[]).map((l) => l.trimEnd());
    const from = text.findIndex((l) => l.startsWith(' Groups'));
    const to = text.findIndex((l) => l.startsWith('Number of obs'));
    expect(r.stdout).toContain(text.slice(from, to + 1).join('\n'));
  });

  it('fits random effects in the zero-inflation formula and prints both models’ variances as summary(glmmTMB)', () => {
    const zire = JSON.parse(readFileSync('test/reference/fixtures/glmmTMB/sal_zinb_re.json', 'utf8'));
    const r = run(['fit', '--data', 'test/data/Salamanders.csv', '--factor', 'site,spp,mined', '--formula', zire.formula, '--family', 'nbinom2', '--zi', zire.ziformula]);
    expect(r.code, r.stderr).toBe(0);
    const text = (zire.expected.summaryText as string[]).map((l) => l.trimEnd());
    const from = text.indexOf('Conditional model:');
    // through the zero-inflation model's table and its "Number of obs" line
    const zi = text.indexOf('Zero-inflation model:');
    const to = text.findIndex((l, i) => i > zi && l.startsWith('Number of obs'));
    expect(to).toBeGreaterThan(from);
    expect(r.stdout).toContain(text.slice(from, to + 1).join('\n'));
  });

  it('prints NA for the criteria and glmmTMB’s warning when the Hessian is not positive definite', () => {
    const warn = JSON.parse(readFileSync('test/reference/fixtures/glmmTMB/sal_warn_hessian.json', 'utf8'));
    const r = run(['fit', '--data', 'test/data/Salamanders.csv', '--factor', 'site,spp,mined', '--formula', warn.formula, '--family', 'nbinom2', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.pdHess).toBe(false);
    expect([out.logLik, out.aic, out.bic]).toEqual([null, null, null]);
    expect(Math.abs(out.objective - warn.expected.objective)).toBeLessThan(1e-6 * warn.expected.objective);
    expect(out.warnings.map((w: { message: string }) => w.message)).toEqual(warn.expected.messages);
    expect(out.correlations.map((c: { term1: string; term2: string }) => [c.term1, c.term2])).toEqual([['(Intercept)', 'minedyes']]);
    const text = run(['fit', '--data', 'test/data/Salamanders.csv', '--factor', 'site,spp,mined', '--formula', warn.formula, '--family', 'nbinom2']);
    expect(text.stdout).toMatch(/ +NA +NA +NA +NA +632/);
    expect(text.stdout).toContain(`warning: ${warn.expected.messages[0]}`);
    // the advisor names what is not determined
    expect(out.advice[0].code).toBe('non-pd-hessian');
    expect(text.stdout).toMatch(/\nAdvice:\n\[non-pd-hessian\] No clear optimum: the Hessian is not positive definite\n/);
    expect(text.stdout).toContain('the random slope of minedyes within site');
  });

  it('advises a negative binomial and zero inflation for Salamanders as a Poisson GLMM (--zi ~0 takes it to glmmTMB)', () => {
    const r = run(['fit', '--data', 'test/data/Salamanders.csv', '--factor', 'site,spp,mined', '--formula', 'count ~ spp * mined + (1 | site)', '--family', 'poisson', '--zi', '~0']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\[overdispersion\] The counts vary more than a Poisson allows\n {2}Pearson χ²\/df = 2\.19/);
    expect(r.stdout).toContain('Try: --family nbinom2; --family nbinom1');
    expect(r.stdout).toContain('[excess-zeros] More zeros than the model predicts');
    expect(r.stdout).toContain('Try: --family poisson --zi "~1"; --family truncated_poisson --zi "~1"');
  });

  it('prints and writes the marginal means, simulated tests and ranef with condVar SDs as glmmTMB (cbpp beta-binomial)', () => {
    const pr = JSON.parse(readFileSync('test/reference/fixtures/glmmTMB_predict/cbpp_betabinomial.json', 'utf8'));
    const args = ['fit', '--data', 'test/data/cbpp.csv', '--factor', 'herd,period', '--formula', pr.spec.formula, '--family', 'betabinomial'];
    const text = run(args);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('Marginal means by period');
    expect(text.stdout).toContain('Simulated residuals (DHARMa, 250 simulations');
    const out = JSON.parse(run([...args, '--json']).stdout);
    // emmeans(m, ~ period, type = "response"): the success probability per period
    out.means[0].rows.forEach((r: { level: string; cond: { estimate: number } }, i: number) => {
      expect(r.level).toBe(pr.emmeans.cond[i].level);
      expect(Math.abs(r.cond.estimate / pr.emmeans.cond[i].estimate - 1)).toBeLessThan(2e-4);
    });
    expect(out.ranef[0]).toMatchObject({ group: 'herd', component: 'cond', term: '(Intercept)' });
    expect(out.ranef[0].condsd).toHaveLength(15);
    expect(out.simulated.zeroInflation).not.toBeNull();
  });

  it('fits glmmTMB’s other families: tweedie with its power, betabinomial on cbind(), Gamma with --disp', () => {
    const fx = (c: string) => JSON.parse(readFileSync(`test/reference/fixtures/glmmTMB/${c}.json`, 'utf8'));
    const tw = fx('sal_tweedie');
    const t = run(['fit', '--data', 'test/data/Salamanders.csv', '--factor', 'site,spp,mined', '--formula', tw.formula, '--family', 'tweedie']);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toContain(' Family: tweedie  ( log )');
    expect(t.stdout).toContain(tw.expected.dispersionLine.trim());
    expect(t.stdout).toContain(`Tweedie power: ${tw.expected.familyParams['Tweedie power'].toPrecision(4)}`);
    const bb = fx('cbpp_betabinomial');
    const b = run(['fit', '--data', 'test/data/cbpp.csv', '--factor', 'herd,period', '--formula', bb.formula, '--family', 'betabinomial', '--json']);
    expect(b.code, b.stderr).toBe(0);
    const out = JSON.parse(b.stdout);
    expect(out.family).toBe('betabinomial');
    expect(out.link).toBe('logit');
    expect(out.dispersionLine).toBe(bb.expected.dispersionLine.trim());
    expect(Math.abs(out.logLik - bb.expected.logLik)).toBeLessThan(1e-6 * Math.abs(bb.expected.logLik));
    const ga = fx('sleep_gamma');
    const g = run(['fit', '--data', 'test/data/sleepstudy.csv', '--factor', 'Subject', '--formula', ga.formula, '--family', 'Gamma', '--disp', '~ 1']);
    expect(g.code, g.stderr).toBe(0);
    expect(g.stdout).toContain(ga.expected.dispersionLine.trim());
    const ln = fx('sleep_lognormal');
    const l = run(['fit', '--data', 'test/data/sleepstudy.csv', '--factor', 'Subject', '--formula', ln.formula, '--family', 'lognormal']);
    expect(l.code, l.stderr).toBe(0);
    expect(l.stdout).toContain(ln.expected.dispersionLine.trim());
  });

  it('fits gaussian with --disp as glmmTMB (log σ² by Days) and plain gaussian as lmer', () => {
    const gs = JSON.parse(readFileSync('test/reference/fixtures/glmmTMB/sleep_gaussian_disp.json', 'utf8'));
    const base = ['fit', '--data', 'test/data/sleepstudy.csv', '--factor', 'Subject', '--formula', gs.formula, '--family', 'gaussian'];
    const g = run([...base, '--disp', '~ Days', '--json']);
    expect(g.code, g.stderr).toBe(0);
    const out = JSON.parse(g.stdout);
    expect(out.link).toBe('identity');
    expect(out.sigma).toBeNull();
    expect(Math.abs(out.logLik - gs.expected.logLik)).toBeLessThan(1e-6 * Math.abs(gs.expected.logLik));
    expect(out.disp.map((r: { term: string }) => r.term)).toEqual(['(Intercept)', 'Days']);
    // --disp "~ 1" asks for glmmTMB's gaussian with one σ²: lmer's ML fit; glmmTMB 1.1.5 prints
    // "Dispersion estimate for gaussian family (sigma^2):  955" for it (sigma(m)² = 954.5, formatC digits 3)
    const one = run([...base, '--disp', '~ 1']);
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toContain('Dispersion estimate for gaussian family (sigma^2):  955');
    expect(one.stdout).toContain(' Family: gaussian  ( identity )');
    const lmer = run(base);
    expect(lmer.code, lmer.stderr).toBe(0);
    expect(lmer.stdout).toContain('Linear mixed model fit by REML');
    const zi = run([...base, '--zi', '~ 1']);
    expect(zi.code).toBe(2);
    expect(zi.stderr).toContain('not with gaussian');
  });

  it('names the rows a family cannot take', () => {
    const beta = run([...CBPP.slice(0, -1), 'incidence ~ period + (1 | herd)', '--family', 'beta_family']);
    expect(beta.code).not.toBe(0);
    expect(beta.stderr).toMatch(/beta_family needs proportions strictly between 0 and 1 .*, but incidence is \d+ in rows \d+/);
    const gamma = run([...CBPP.slice(0, -1), 'incidence ~ period + (1 | herd)', '--family', 'Gamma', '--disp', '~ 1']);
    expect(gamma.code).not.toBe(0);
    expect(gamma.stderr).toMatch(/Gamma family needs positive values, but incidence is zero or negative in rows \d+/);
    const lognormal = run([...CBPP.slice(0, -1), 'incidence ~ period + (1 | herd)', '--family', 'lognormal']);
    expect(lognormal.code).not.toBe(0);
    expect(lognormal.stderr).toMatch(/lognormal needs positive values, but incidence is 0 in rows \d+/);
  });

  it('prints a convergence warning in glmmTMB’s words, then its meaning', () => {
    const w = optimizerWarning('false convergence (8).');
    const text = formatTmbWarnings([w]);
    expect(text).toContain("warning: Model convergence problem; false convergence (8). See vignette('troubleshooting')");
    expect(text.indexOf(w.advice)).toBeGreaterThan(text.indexOf('warning:'));
    expect(formatTmbWarnings([])).toBe('');
  });

  it('refuses a --zi that is not a one-sided formula and lme4-only options', () => {
    const bad = run([...CBPP, '--family', 'nbinom2', '--zi', 'spp']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('one-sided formula');
    const nagq = run([...CBPP, '--family', 'nbinom2', '--nagq', '2']);
    expect(nagq.code).toBe(2);
    expect(nagq.stderr).toContain('--nagq does not apply');
  });

  it('checks --family, --zi and --disp as the app’s fit.start does (spec.tmb)', () => {
    const family = run([...CBPP, '--family', 'compois', '--zi', '~ 1']);
    expect(family.code).toBe(2);
    expect(family.stderr).toContain('--family: the glmmTMB family is one of poisson, nbinom2');
    const zi = run([...CBPP, '--family', 'Gamma', '--zi', '~ 1']);
    expect(zi.code).toBe(2);
    expect(zi.stderr).toContain('Zero inflation is available with the poisson, negative binomial, genpois, betabinomial and tweedie families');
    const disp = run([...CBPP, '--family', 'poisson', '--disp', '~ period']);
    expect(disp.code).toBe(2);
    expect(disp.stderr).toContain('poisson has no dispersion parameter');
    const re = run([...CBPP, '--family', 'nbinom2', '--disp', '~ (1 | herd)']);
    expect(re.code).toBe(2);
    expect(re.stderr).toContain('Random effects in the dispersion formula');
  });
});
