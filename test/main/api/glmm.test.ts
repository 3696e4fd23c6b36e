/**
 * GLMMs through the real API and engine workers: fit.start with a family, the stored report, model
 * comparison of nested GLMMs, Wald intervals, marginal means on the response scale, and clear
 * refusals for what GLMMs do not have yet.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, createHarness, removeWorkerBundle } from '../helpers/apiHarness';

let h: Harness;
let datasetId: number;
const cbpp = JSON.parse(readFileSync(join(__dirname, '../../reference/fixtures/glmm_inference/cbpp.json'), 'utf8'));
const FORMULA = 'cbind(incidence, size - incidence) ~ period + (1 | herd)';

beforeAll(async () => {
  h = await createHarness();
  await h.call('project.new', { path: join(h.dir, 'glmm.quadrat') });
  const text = readFileSync(join(__dirname, '../../data/cbpp.csv'), 'utf8');
  datasetId = (await h.call('dataset.import', { source: { kind: 'text', fileName: 'cbpp.csv', text } })).dataset.id;
  for (const column of ['herd', 'period']) await h.call('dataset.setColumnType', { datasetId, column, type: 'factor' });
}, 60_000);
afterAll(async () => {
  await h.close();
  await removeWorkerBundle();
});

async function fit(spec: Record<string, unknown>) {
  const { jobId } = await h.call('fit.start', { datasetId, spec: spec as never });
  const status = await h.call('job.wait', { jobId, timeoutMs: 60_000 });
  return status;
}

describe('GLMMs through the API', () => {
  let full = 0;
  let reduced = 0;
  it('fits a binomial GLMM and stores glmer-style results', async () => {
    const status = await fit({ formula: FORMULA, family: 'binomial' });
    expect(status.error).toBeNull();
    full = status.fitId!;
    const { summary, report } = await h.call('model.get', { fitId: full });
    expect(summary.spec).toMatchObject({ family: 'binomial', nAGQ: 1 });
    expect(report.family).toBe('binomial');
    expect(report.link).toBe('logit');
    expect(report.random.map((r) => r.group)).toEqual(['herd']);
    expect(report.fixed.map((f) => f.df)).toEqual([null, null, null, null]);
    expect(Math.abs(report.logLik - cbpp.expected.glmmTMB.logLik)).toBeLessThan(1e-5);
    expect(report.glmm?.waldAnova.type2.map((r) => r.term)).toEqual(['period']);
  });

  it('compares nested GLMMs by a likelihood-ratio test', async () => {
    reduced = (await fit({ formula: 'cbind(incidence, size - incidence) ~ 1 + (1 | herd)', family: 'binomial' })).fitId!;
    const c = await h.call('model.compare', { fitIds: [full, reduced] });
    expect(c.refitted).toBe(false);
    expect(c.rows.map((r) => r.npar)).toEqual([2, 5]);
    expect(Math.abs(c.rows[1].chisq! - cbpp.expected.lrt.rows[1].Chisq)).toBeLessThan(4e-3);
  });

  it('refuses to compare a GLMM with a linear mixed model', async () => {
    const lmm = (await fit({ formula: 'incidence ~ period + (1 | herd)', reml: false })).fitId!;
    await expect(h.call('model.compare', { fitIds: [full, lmm] })).rejects.toThrow(/not on the same scale/);
  });

  it('gives marginal means on the response scale with odds ratios, and Wald intervals', async () => {
    const e = await h.call('model.emmeans', { fitId: full, factor: 'period' });
    expect(e.type).toBe('response');
    expect(e.ratio).toBe('odds ratio');
    const want = cbpp.expected.glmmTMB.emmeans;
    e.emmeans.forEach((r, k) => expect(Math.abs(r.emmean - want.response[k].response)).toBeLessThan(1e-4));
    expect(e.contrasts[0].contrast).toBe('period1 / period2');
    const { jobId } = await h.call('model.confint', { fitId: full, method: 'wald' });
    const ci = await h.call('model.confintResult', { jobId });
    const period2 = ci.rows.find((r) => r.term === 'period2')!;
    expect(Math.abs(period2.lower! - cbpp.expected.glmmTMB.confintWald[1].lower)).toBeLessThan(1e-3);
  });

  it('gives profile intervals as confint(m, method = "profile")', async () => {
    const { jobId } = await h.call('model.confint', { fitId: full, method: 'profile' });
    const ci = await h.call('model.confintResult', { jobId });
    const want = cbpp.expected.profileGlmer;
    ci.rows.forEach((r, k) => expect(Math.abs(r.lower! - want[k].lower)).toBeLessThan(2e-3));
  });

  it('bootstraps a GLMM on the workers, with progress', async () => {
    const { jobId } = await h.call('model.confint', { fitId: full, method: 'boot', nsim: 40, seed: 3 });
    const ci = await h.call('model.confintResult', { jobId });
    expect(ci.method).toBe('boot');
    expect(ci.failed).toBe(0);
    expect(ci.rows.map((r) => r.term)).toEqual(['sd_(Intercept)|herd', '(Intercept)', 'period2', 'period3', 'period4']);
    const period2 = ci.rows[2];
    expect(period2.lower!).toBeLessThan(period2.estimate!);
    expect(period2.upper!).toBeGreaterThan(period2.estimate!);
  });

  it('runs the random-effects check for proportions (GLM against GLMM)', async () => {
    const want = JSON.parse(readFileSync(join(__dirname, '../../reference/fixtures/checks/cbpp_binomial.json'), 'utf8'));
    const r = await h.call('model.checkCandidates', { datasetId, fixedFormula: 'cbind(incidence, size - incidence) ~ period', candidates: ['herd'], family: 'binomial' });
    expect(Math.abs(r.candidates[0].icc - want.candidates[0].icc)).toBeLessThan(1e-3);
    expect(Math.abs(r.candidates[0].lrt - want.candidates[0].lrt)).toBeLessThan(3e-3);
  });

  it('says plainly what is not available for GLMMs yet', async () => {
    const { jobId } = await h.call('model.ranova', { fitId: full });
    await expect(h.call('model.ranovaResult', { jobId })).rejects.toThrow(/not available for GLMMs yet/);
  });

  it('refuses AGQ with several random effects, with the reason', async () => {
    const status = await fit({ formula: 'cbind(incidence, size - incidence) ~ period + (1 | herd) + (1 | period:herd)', family: 'binomial', nAGQ: 10 });
    expect(status.state).toBe('failed');
    expect(status.error?.message).toMatch(/single scalar random effect/);
  });

  it('fits a Gamma(log) GLMM as glmer (σ, a Residual row, t value) and refuses zero responses naming rows', async () => {
    const oatsFx = JSON.parse(readFileSync(join(__dirname, '../../reference/fixtures/glmerDispersion/oats_gamma_log.json'), 'utf8'));
    const text = readFileSync(join(__dirname, '../../data/Oats.csv'), 'utf8');
    const oats = (await h.call('dataset.import', { source: { kind: 'text', fileName: 'Oats.csv', text } })).dataset.id;
    const { jobId } = await h.call('fit.start', { datasetId: oats, spec: { formula: 'yield ~ nitro + (1 | Block)', family: 'Gamma', link: 'log' } as never });
    const status = await h.call('job.wait', { jobId, timeoutMs: 60_000 });
    expect(status.error).toBeNull();
    const { summary, report } = await h.call('model.get', { fitId: status.fitId! });
    expect(summary.spec).toMatchObject({ family: 'Gamma', link: 'log' });
    expect(report.glmm?.statisticName).toBe('t value');
    expect(report.random.map((r) => r.group)).toEqual(['Block', 'Residual']);
    report.fixed.forEach((f, j) => expect(Math.abs(f.estimate - oatsFx.expected.beta[j]) / oatsFx.expected.fixed[j].stdError).toBeLessThan(2e-3));
    expect(Math.abs(report.sigma - oatsFx.expected.sigma) / oatsFx.expected.sigma).toBeLessThan(2e-4);
    expect(Math.abs(report.aic - oatsFx.expected.aic)).toBeLessThan(1e-3);
    // cbpp's incidence has zeros, which no Gamma distribution gives
    const bad = await fit({ formula: 'incidence ~ period + (1 | herd)', family: 'Gamma', link: 'log' });
    expect(bad.state).toBe('failed');
    expect(bad.error?.message).toMatch(/Gamma family needs positive values, but incidence is zero or negative in rows \d+/);
  });
});
