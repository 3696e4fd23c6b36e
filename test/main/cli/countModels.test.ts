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
    const family = run([...CBPP, '--family', 'tweedie', '--zi', '~ 1']);
    expect(family.code).toBe(2);
    expect(family.stderr).toContain('--family: the count family is one of poisson, nbinom2');
    const disp = run([...CBPP, '--family', 'poisson', '--disp', '~ period']);
    expect(disp.code).toBe(2);
    expect(disp.stderr).toContain('poisson has no dispersion parameter');
    const re = run([...CBPP, '--family', 'nbinom2', '--disp', '~ (1 | herd)']);
    expect(re.code).toBe(2);
    expect(re.stderr).toContain('Random effects in the dispersion formula');
  });
});
