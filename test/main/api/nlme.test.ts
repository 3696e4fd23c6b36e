/**
 * nlme's gls()/lme() through the real API and engine workers: fit.start with spec.nlme, the stored
 * report checked against nlme's numbers (fixtures from test/reference/nlme.R), reopening the fit
 * from the model history (and after reopening the project file), the paged normalized residuals,
 * anova(fit1, fit2) of stored fits with nlme's rules, the variance-structure step, and the refusals.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, createHarness, importTestData, removeWorkerBundle } from '../helpers/apiHarness';

let h: Harness;
let ovary: number;
let orthodont: number;
const projectPath = () => join(h.dir, 'nlme.quadrat');
const fixture = (name: string, dir = 'nlme') => JSON.parse(readFileSync(join(__dirname, `../../reference/fixtures/${dir}/${name}.json`), 'utf8'));
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-12, Math.abs(b));
const OVARY = 'follicles ~ sin(2 * pi * Time) + cos(2 * pi * Time)';

beforeAll(async () => {
  h = await createHarness();
  await h.call('project.new', { path: projectPath() });
  ovary = await importTestData(h, 'Ovary.csv', ['Mare']);
  orthodont = await importTestData(h, 'Orthodont.csv', ['Subject', 'Sex']);
}, 60_000);
afterAll(async () => {
  await h.close();
  await removeWorkerBundle();
});

async function fit(datasetId: number, spec: Record<string, unknown>, name?: string) {
  const { jobId } = await h.call('fit.start', { datasetId, spec: spec as never, ...(name ? { name } : {}) });
  return h.call('job.wait', { jobId, timeoutMs: 60_000 });
}

describe('nlme fits through the API', () => {
  let lmeAr1 = 0;
  let glsAr1 = 0;

  it('fits lme with corAR1 on Ovary and stores summary(lme) as nlme prints it', async () => {
    const status = await fit(ovary, { formula: OVARY, nlme: { random: '~ 1 | Mare', correlation: 'corAR1(form = ~ 1 | Mare)' } }, 'Ovary AR(1)');
    expect(status.error).toBeNull();
    lmeAr1 = status.fitId!;
    const e = fixture('ovary_lme_ar1').expected;
    const { summary, report } = await h.call('model.get', { fitId: lmeAr1 });
    expect(summary.spec.nlme).toEqual({ random: '~ 1 | Mare', correlation: 'corAR1(form = ~ 1 | Mare)' });
    expect(summary.nobs).toBe(e.nobs);
    expect(rel(summary.logLik!, e.logLik)).toBeLessThan(1e-6);
    expect(rel(report.aic, e.aic)).toBeLessThan(1e-6);
    expect(report.nlme!.fn).toBe('lme');
    expect(report.nlme!.df).toBe(e.df);
    expect(report.nlme!.rCall).toBe(fixture('ovary_lme_ar1').call);
    report.fixed.forEach((r, j) => {
      const c = e.coefficients[j];
      expect(r.term).toBe(c.term);
      expect(rel(r.estimate, c.estimate)).toBeLessThan(1e-4);
      expect(rel(r.stdError, c.stdError)).toBeLessThan(1e-4);
      expect(r.df).toBe(c.df);
    });
    expect(report.nlme!.corStruct!.names).toEqual(e.corStruct.printedNames);
    expect(rel(report.nlme!.corStruct!.values[0], e.corStruct.printed.Phi)).toBeLessThan(1e-4);
    expect(rel(report.nlme!.random![0].sd[0], e.random[0].sd[0])).toBeLessThan(1e-4);
    expect(rel(report.sigma, e.sigma)).toBeLessThan(1e-4);
    expect(report.random.map((r) => r.group)).toEqual(['Mare', 'Residual']);
    expect(report.groups).toEqual(e.groups);
    expect(report.nlme!.anovaMarginal.map((r) => r.term)).toEqual(e.anovaMarginal.map((r: { term: string }) => r.term));
    expect(rel(report.nlme!.intervals.fixed[0].lower, e.intervals.fixed[0].lower)).toBeLessThan(1e-4);
    expect(report.nlme!.acf.acf.slice(0, 3).every((v, k) => Math.abs(v - e.acf.acf[k]) < 1e-4)).toBe(true);
    expect(report.diagnostics!.vectors).toContain('normalizedResiduals');
  });

  it('pages the normalized residuals like the other vectors', async () => {
    const e = fixture('ovary_lme_ar1').expected;
    const chunk = await h.call('model.vectors', { fitId: lmeAr1, name: 'normalizedResiduals', offset: 0, limit: 5 });
    expect(chunk.length).toBe(e.nobs);
    const bytes = Buffer.from(chunk.float64Base64, 'base64');
    const values = Array.from({ length: chunk.count }, (_, i) => bytes.readDoubleLE(8 * i));
    expect(values.length).toBe(5);
    const head = e.residualsHead.normalized as number[];
    values.forEach((v, i) => expect(Math.abs(v - head[i])).toBeLessThan(1e-4 * Math.max(1, Math.abs(head[i]))));
  });

  it('compares gls and lme as anova(fit1, fit2), with the boundary note', async () => {
    glsAr1 = (await fit(ovary, { formula: OVARY, nlme: { correlation: 'corAR1(form = ~ 1 | Mare)' } })).fitId!;
    const want = fixture('ovary_gls_vs_lme', 'nlme_compare');
    const c = await h.call('model.compare', { fitIds: [glsAr1, lmeAr1] });
    expect(c.refitted).toBe(false);
    expect(c.rows.map((r) => r.npar)).toEqual([5, 6]);
    expect(rel(c.rows[1].chisq!, want.rows[1].lRatio)).toBeLessThan(1e-5);
    expect(rel(c.rows[1].pValue!, want.rows[1].pValue)).toBeLessThan(1e-4);
    expect(c.warnings.join(' ')).toMatch(/boundary/);
  });

  it('refuses comparisons nlme calls not meaningful, and lme4 procedures on nlme fits', async () => {
    const ml = (await fit(ovary, { formula: OVARY, reml: false, nlme: { correlation: 'corAR1(form = ~ 1 | Mare)' } })).fitId!;
    await expect(h.call('model.compare', { fitIds: [glsAr1, ml] })).rejects.toThrow(/different methods/);
    const other = (await fit(ovary, { formula: 'follicles ~ sin(2 * pi * Time)', nlme: { correlation: 'corAR1(form = ~ 1 | Mare)' } })).fitId!;
    await expect(h.call('model.compare', { fitIds: [glsAr1, other] })).rejects.toThrow(/REML comparisons are not meaningful/);
    const lmer = (await fit(ovary, { formula: `${OVARY} + (1 | Mare)` })).fitId!;
    await expect(h.call('model.compare', { fitIds: [lmeAr1, lmer] })).rejects.toThrow(/lme4 fit/);
    await expect(h.call('model.r2', { fitId: lmeAr1 })).rejects.toThrow(/nlme fit/);
  });

  it('refuses lme4-only choices and bad structures with a clear message', async () => {
    await expect(fit(ovary, { formula: `${OVARY} + (1 | Mare)`, nlme: {} })).rejects.toThrow(/only fixed effects/);
    await expect(fit(ovary, { formula: OVARY, family: 'poisson', nlme: {} })).rejects.toThrow(/gaussian/);
    const bad = await fit(ovary, { formula: OVARY, nlme: { correlation: 'corAR1(form = ~ 1 | Nosuch)' } });
    expect(bad.state).toBe('failed');
    expect(bad.error?.kind).not.toBe('internal');
  });

  it('reopens the fits from the history of the saved project with the same summary', async () => {
    const before = await h.call('model.get', { fitId: lmeAr1 });
    await h.call('project.close', {});
    await h.call('project.open', { path: projectPath() });
    const list = await h.call('model.list', {});
    expect(list.find((f) => f.id === lmeAr1)!.name).toBe('Ovary AR(1)');
    const after = await h.call('model.get', { fitId: lmeAr1 });
    expect(after.report).toEqual(before.report);
  });

  it('runs the variance-structure step with nlme AICs', async () => {
    const step = await h.call('nlme.varianceStep', { datasetId: orthodont, spec: { formula: 'distance ~ age + Sex', nlme: {} } as never, groups: ['Sex'], covariates: ['age'] });
    const aic = (w: string | null) => step.rows.find((r) => r.weights === w)!.aic!;
    expect(rel(aic(null), fixture('orthodont_gls_additive').expected.aic)).toBeLessThan(1e-6);
    expect(rel(aic('varIdent(form = ~ 1 | Sex)'), fixture('orthodont_gls_varident_additive').expected.aic)).toBeLessThan(1e-6);
    expect(step.rows.length).toBe(7);
    expect(step.recommended).toBe(step.rows.reduce((a, b) => (b.aic !== null && b.aic < a.aic! ? b : a)).weights);
  });
});
