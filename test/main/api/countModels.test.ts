/**
 * Count models (glmmTMB) through the real API and engine workers: fit.start with spec.tmb checked
 * against glmmTMB's numbers (test/reference/glmmTMB.R fixtures), plain poisson kept as glmer's (its
 * AIC is glmmTMB's too: the same Laplace likelihood), the AIC comparison across families, the
 * refusals, cancel, and the fit reopened from the saved project.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TMB_FAMILIES } from '../../../src-engine/tmb/countDensity';
import { COUNT_FAMILIES } from '../../../src-main/api/tmbSchema';
import { type Harness, createHarness, importTestData, removeWorkerBundle } from '../helpers/apiHarness';

let h: Harness;
let sal: number;
const projectPath = () => join(h.dir, 'counts.quadrat');
const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, `../../reference/fixtures/glmmTMB/${name}.json`), 'utf8'));
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-12, Math.abs(b));
const SAL = 'count ~ spp * mined + (1 | site)';

beforeAll(async () => {
  h = await createHarness();
  await h.call('project.new', { path: projectPath() });
  sal = await importTestData(h, 'Salamanders.csv', ['site', 'spp', 'mined']);
}, 60_000);
afterAll(async () => {
  await h.close();
  await removeWorkerBundle();
});

async function fit(spec: Record<string, unknown>, name?: string) {
  const { jobId } = await h.call('fit.start', { datasetId: sal, spec: spec as never, ...(name ? { name } : {}) });
  return h.call('job.wait', { jobId, timeoutMs: 120_000 });
}

describe('count models through the API', () => {
  let nb2 = 0;
  let pois = 0;

  it('offers the engine’s families', () => {
    expect([...COUNT_FAMILIES]).toEqual([...TMB_FAMILIES]);
  });

  it('fits NB2 on a worker and stores summary(glmmTMB) with glmmTMB’s numbers', async () => {
    const status = await fit({ formula: SAL, tmb: { family: 'nbinom2', ziformula: '~0', dispformula: '~ 1' } }, 'NB2');
    expect(status.error).toBeNull();
    nb2 = status.fitId!;
    const fx = fixture('sal_nbinom2');
    const e = fx.expected;
    const { summary, report } = await h.call('model.get', { fitId: nb2 });
    // the defaults are not stored: the spec says what was asked beyond glmmTMB's defaults
    expect(summary.spec.tmb).toEqual({ family: 'nbinom2' });
    expect(summary.nobs).toBe(e.nobs);
    expect(rel(summary.aic!, e.aic)).toBeLessThan(1e-6);
    expect(report.tmb!.npar).toBe(e.npar);
    expect(report.tmb!.dfResid).toBe(e.dfResid);
    expect(report.tmb!.dispersionLine).toBe(e.dispersionLine.trimEnd());
    expect(report.tmb!.rCall).toBe('glmmTMB(count ~ spp * mined + (1 | site), data = d, family = nbinom2)');
    expect(report.groups).toEqual(e.groups);
    expect(report.method).toBe('ML');
    report.fixed.forEach((r, j) => {
      const c = e.fixed.cond[j];
      expect(r.term).toBe(c.term);
      expect(Math.abs(r.estimate - c.estimate) / Math.max(1, Math.abs(c.estimate))).toBeLessThan(5e-4);
      expect(rel(r.stdError, c.stdError)).toBeLessThan(1e-3);
      expect(r.df).toBeNull();
    });
    expect(rel(report.random[0].variance, e.random.cond[0].variance)).toBeLessThan(2e-3);
    expect(report.tmb!.zi).toEqual([]);
    expect(report.tmb!.disp).toEqual([]);
    // the marginal means of each factor and the conditional modes travel with the report
    expect(report.tmb!.means!.map((m) => m.factor)).toEqual(['spp', 'mined']);
    expect(report.tmb!.means![0].rows.map((r) => r.level)).toEqual(['DES-L', 'DF', 'DM', 'EC-A', 'EC-L', 'GP', 'PR']);
    // without a zero part the response mean averages exp(η) over mined, the conditional mean exp of the averaged η
    for (const r of report.tmb!.means![0].rows) {
      expect(r.zi).toBeNull();
      expect(r.response.estimate).toBeGreaterThanOrEqual(r.cond.estimate);
    }
    expect(report.tmb!.ranef![0].group).toBe('site');
    expect(report.tmb!.ranef![0].condval).toHaveLength(23);
    expect(report.diagnostics!.n).toBe(e.nobs);
  }, 180_000);

  it('fits random slopes: VarCorr with correlations, and glmmTMB’s warning when the Hessian is not positive definite', async () => {
    const slope = fixture('sal_slope_doy');
    const status = await fit({ formula: slope.formula, tmb: { family: 'nbinom2' } }, 'NB2 DOY slopes');
    expect(status.error).toBeNull();
    const { report } = await h.call('model.get', { fitId: status.fitId! });
    expect(report.random.map((r) => [r.group, r.term])).toEqual(slope.expected.random.cond.map((r: { group: string; term: string }) => [r.group, r.term]));
    report.random.forEach((r, j) => expect(rel(r.variance, slope.expected.random.cond[j].variance)).toBeLessThan(1e-4));
    expect(report.correlations).toHaveLength(1);
    expect(Math.abs(report.correlations[0].corr - slope.expected.correlations[0].corr)).toBeLessThan(1e-4);
    expect(report.theta).toHaveLength(4);
    expect(report.warnings).toEqual([]);
    const warn = fixture('sal_warn_hessian');
    const bad = await fit({ formula: warn.formula, tmb: { family: 'nbinom2' } }, 'NB2 mined slopes');
    expect(bad.error).toBeNull();
    const w = (await h.call('model.get', { fitId: bad.fitId! })).report;
    expect(w.warnings.some((m) => m.startsWith(warn.expected.messages[0]))).toBe(true);
    // glmmTMB's logLik() is NA here: the API carries null (logLik, AIC, BIC), the reason and the objective
    expect(warn.expected.logLik).toBeNull();
    expect([w.logLik, w.aic, w.bic]).toEqual([null, null, null]);
    expect(w.tmb!.logLikNote).toMatch(/^The Hessian is not positive definite; glmmTMB/);
    expect(rel(w.tmb!.objective!, warn.expected.objective)).toBeLessThan(1e-6);
    expect(w.tmb!.advice![0].code).toBe('non-pd-hessian');
    // no AIC to compare: Compare says why instead of ranking an NA
    await expect(h.call('model.compare', { fitIds: [status.fitId!, bad.fitId!] })).rejects.toThrow(/"NB2 mined slopes" has no log-likelihood: its Hessian is not positive definite/);
  }, 180_000);

  it('fits random effects in the zero-inflation formula, its variance marked as the zero-inflation model’s', async () => {
    const zire = fixture('sal_zinb_re');
    const status = await fit({ formula: zire.formula, tmb: { family: 'nbinom2', ziformula: zire.ziformula } }, 'ZINB site zi');
    expect(status.error).toBeNull();
    const { report } = await h.call('model.get', { fitId: status.fitId! });
    expect(report.random.map((r) => r.group)).toEqual(['site', 'site (zero-inflation)']);
    expect(rel(report.random[1].variance, zire.expected.random.zi[0].variance)).toBeLessThan(1e-3);
    expect(report.tmb!.rCall).toBe(`glmmTMB(${zire.formula}, data = d, ziformula = ${zire.ziformula}, family = nbinom2)`);
  }, 180_000);

  it('fits plain poisson with glmer, whose AIC is glmmTMB’s', async () => {
    const status = await fit({ formula: SAL, tmb: { family: 'poisson', ziformula: '', dispformula: '~1' } }, 'Poisson');
    expect(status.error).toBeNull();
    pois = status.fitId!;
    const { summary, report } = await h.call('model.get', { fitId: pois });
    expect(summary.spec.tmb).toBeUndefined();
    expect(summary.spec.family).toBe('poisson');
    expect(report.glmm).toBeDefined();
    expect(rel(report.aic, fixture('sal_poisson').expected.aic)).toBeLessThan(1e-6);
  }, 60_000);

  it('fits glmmTMB’s gaussian without a dispersion formula as lmer’s linear mixed model', async () => {
    const status = await fit({ formula: 'count ~ mined + (1 | site)', tmb: { family: 'gaussian', dispformula: '~1' } }, 'gaussian');
    expect(status.error).toBeNull();
    const { summary, report } = await h.call('model.get', { fitId: status.fitId! });
    expect(summary.spec.tmb).toBeUndefined();
    expect(summary.spec.family).toBe('gaussian');
    expect(report.glmm).toBeUndefined();
  }, 60_000);

  it('compares Poisson and NB2 by AIC, without a χ² test across families', async () => {
    const c = await h.call('model.compare', { fitIds: [nb2, pois] });
    expect(c.rows.map((r) => r.name)).toEqual(['Poisson', 'NB2']);
    expect(c.rows.map((r) => r.npar)).toEqual([15, 16]);
    expect(rel(c.rows[0].aic, fixture('sal_poisson').expected.aic)).toBeLessThan(1e-6);
    expect(rel(c.rows[1].aic, fixture('sal_nbinom2').expected.aic)).toBeLessThan(1e-6);
    expect(c.rows[1].chisq).toBeNull();
    expect(c.note).toMatch(/AIC compares them across families/);
    expect(c.warnings.join(' ')).toMatch(/differ in family/);
    const lmm = (await fit({ formula: 'cover ~ mined + (1 | site)' })).fitId!;
    await expect(h.call('model.compare', { fitIds: [nb2, lmm] })).rejects.toThrow(/linear mixed model.*count models compare by AIC/);
  }, 60_000);

  it('tests two fits of one family with the same zero part by likelihood ratio', async () => {
    const small = (await fit({ formula: 'count ~ spp + mined + (1 | site)', tmb: { family: 'nbinom2' } }, 'NB2 additive')).fitId!;
    const c = await h.call('model.compare', { fitIds: [small, nb2] });
    expect(c.rows[1].df).toBe(6);
    expect(c.rows[1].chisq).toBeCloseTo(2 * (c.rows[1].logLik - c.rows[0].logLik), 10);
    expect(c.rows[1].pValue).toBeGreaterThan(0);
  }, 120_000);

  it('refuses what does not apply, with the reason', async () => {
    const refused = async (spec: Record<string, unknown>, re: RegExp) => {
      const out = await h.raw('fit.start', { datasetId: sal, spec });
      expect(out.ok).toBe(false);
      if (!out.ok) {
        expect(out.error.kind).not.toBe('internal');
        expect(out.error.message).toMatch(re);
      }
    };
    await refused({ formula: SAL, tmb: { family: 'compois' } }, /glmmTMB family is one of poisson, nbinom2/);
    await refused({ formula: SAL, tmb: { family: 'lognormal', ziformula: '~ 1' } }, /Zero inflation is available with the poisson, negative binomial, genpois, betabinomial and tweedie families/);
    await refused({ formula: SAL, tmb: { family: 'nbinom2', ziformula: 'spp' } }, /one-sided formula starting with ~/);
    await refused({ formula: SAL, tmb: { family: 'poisson', dispformula: '~ mined' } }, /no dispersion parameter/);
    await refused({ formula: SAL, link: 'sqrt', tmb: { family: 'nbinom2' } }, /log link/);
    await refused({ formula: SAL, nAGQ: 10, tmb: { family: 'nbinom2' } }, /nAGQ does not apply/);
    await refused({ formula: SAL, family: 'binomial', tmb: { family: 'nbinom2' } }, /leave glmer's family/);
    await refused({ formula: SAL, tmb: { family: 'nbinom2', dispformula: '~ (1 | site)' } }, /Random effects in the dispersion formula/);
    await refused({ formula: 'count ~ spp', nlme: {}, tmb: { family: 'nbinom2' } }, /not both/);
    const bad = await fit({ formula: SAL, tmb: { family: 'nbinom2', ziformula: '~ nosuch' } });
    expect(bad.state).toBe('failed');
    expect(bad.error?.kind).not.toBe('internal');
    await expect(h.call('model.designMatrices', { fitId: nb2 })).rejects.toThrow(/count model/);
    await expect(h.call('batch.start', { datasetId: sal, spec: { formula: SAL, tmb: { family: 'nbinom2' } } as never, split: { by: 'mined' } })).rejects.toThrow(/count models \(glmmTMB\) are fitted one at a time/);
    await expect(h.call('model.r2', { fitId: nb2 })).rejects.toThrow(/count model/);
  }, 60_000);

  it('cancels a count fit like any other', async () => {
    const { jobId } = await h.call('fit.start', { datasetId: sal, spec: { formula: SAL, tmb: { family: 'nbinom2', ziformula: '~ spp' } } as never });
    await h.call('job.cancel', { jobId });
    const st = await h.call('job.wait', { jobId, timeoutMs: 60_000 });
    expect(st.state).toBe('cancelled');
    expect(st.fitId).toBeNull();
  }, 60_000);

  it('reopens the count fit from the history of the saved project', async () => {
    const before = await h.call('model.get', { fitId: nb2 });
    await h.call('project.close', {});
    await h.call('project.open', { path: projectPath() });
    const list = await h.call('model.list', {});
    const entry = list.find((f) => f.id === nb2)!;
    expect(entry.name).toBe('NB2');
    expect(entry.spec.tmb).toEqual({ family: 'nbinom2' });
    const after = await h.call('model.get', { fitId: nb2 });
    expect(after.report).toEqual(before.report);
    expect(after.report.tmb!.family).toBe('nbinom2');
  });
});
