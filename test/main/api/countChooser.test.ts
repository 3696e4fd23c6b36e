/**
 * fit.chooseCount through the API: seven ordinary fits on the workers, each in the model history,
 * whose AIC, logLik and df are glmmTMB's (test/reference/countChooser.R), each with DHARMa's tests,
 * and the recommendation made from them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateFromReport, chooseCount } from '../../../src-engine/tmb/countChooser';
import { type Harness, createHarness, importTestData, removeWorkerBundle } from '../helpers/apiHarness';

let h: Harness;
let sal = 0;
const fx = JSON.parse(readFileSync(join(__dirname, '../../reference/fixtures/countChooser/salamanders.json'), 'utf8')) as {
  formula: string; ziformula: string; candidates: { label: string; family: string; ziformula: string; aic: number; logLik: number; df: number }[];
};

beforeAll(async () => {
  h = await createHarness();
  await h.call('project.new', { path: join(h.dir, 'chooser.quadrat') });
  sal = await importTestData(h, 'Salamanders.csv', ['site', 'spp', 'mined']);
}, 60_000);
afterAll(async () => {
  await h.close();
  await removeWorkerBundle();
});

describe('fit.chooseCount', () => {
  it('fits the seven candidates as ordinary fits with glmmTMB’s AIC, logLik and df, and recommends one', async () => {
    const { candidates } = await h.call('fit.chooseCount', { datasetId: sal, spec: { formula: fx.formula, family: 'poisson' } as never, zero: fx.ziformula });
    expect(candidates.map((c) => c.label)).toEqual(fx.candidates.map((c) => c.label));
    const fits = [];
    for (const c of candidates) {
      const status = await h.call('job.wait', { jobId: c.jobId, timeoutMs: 300_000 });
      expect(status.error, c.label).toBeNull();
      const { report } = await h.call('model.get', { fitId: status.fitId! });
      fits.push(candidateFromReport(c.label, report));
    }
    fits.forEach((f, k) => {
      const e = fx.candidates[k];
      expect(Math.abs(f.aic! - e.aic) / e.aic, `${f.label} AIC`).toBeLessThan(1e-6);
      expect(f.df, `${f.label} df`).toBe(e.df);
      expect(f.dispersionP, `${f.label} has DHARMa's tests`).not.toBeNull();
      expect(f.zeroP).not.toBeNull();
    });
    const list = await h.call('model.list', { datasetId: sal });
    expect(list.map((s) => s.name).sort()).toEqual(fx.candidates.map((c) => `${c.label} (chooser)`).sort());
    const r = chooseCount(fits);
    // NB1 has the lowest AIC by 17.9 (glmmTMB's numbers) and no simulated-residual problem
    expect(r.rows[0].label).toBe('NB1');
    expect(r.recommended).toBe('NB1');
    expect(r.recommendation).toMatch(/^NB1: it has the lowest AIC \(17\.[89] below NB2\)/);
  }, 600_000);

  it('keeps the user’s dispersion formula for the negative binomials: glmmTMB’s AIC and df with dispformula = ~ mined', async () => {
    const dx = JSON.parse(readFileSync(join(__dirname, '../../reference/fixtures/countChooser/salamanders_disp.json'), 'utf8')) as { formula: string; ziformula: string; dispformula: string; candidates: (typeof fx.candidates[number] & { dispformula: string })[] };
    const spec = { formula: dx.formula, family: 'poisson', tmb: { family: 'nbinom2', dispformula: '~ mined' } };
    const { candidates } = await h.call('fit.chooseCount', { datasetId: sal, spec: spec as never, zero: dx.ziformula });
    for (const [k, c] of candidates.entries()) {
      const status = await h.call('job.wait', { jobId: c.jobId, timeoutMs: 300_000 });
      expect(status.error, c.label).toBeNull();
      const { report } = await h.call('model.get', { fitId: status.fitId! });
      const e = dx.candidates[k];
      expect(report.tmb?.dispformula ?? '~1', c.label).toBe(e.dispformula === '~1' ? '~1' : '~ mined');
      const f = candidateFromReport(c.label, report);
      expect(f.df, `${c.label} df`).toBe(e.df);
      expect(Math.abs(f.aic! - e.aic) / e.aic, `${c.label} AIC`).toBeLessThan(1e-6);
    }
  }, 600_000);

  it('refuses a response that is not counts, with the rows', async () => {
    await expect(h.call('fit.chooseCount', { datasetId: sal, spec: { formula: 'cover ~ mined + (1 | site)', family: 'poisson' } as never })).rejects.toThrow(
      /^The count-model chooser fits count models: Counts cannot be negative, but cover is negative in rows 1, 4, 7/,
    );
  });

  it('refuses an nlme spec and a zero part that is not a one-sided formula', async () => {
    await expect(h.call('fit.chooseCount', { datasetId: sal, spec: { formula: fx.formula, family: 'poisson' } as never, zero: 'spp' })).rejects.toThrow(/one-sided formula/);
    await expect(h.call('fit.chooseCount', { datasetId: sal, spec: { formula: 'count ~ spp', family: 'gaussian', nlme: { kind: 'gls' } } as never })).rejects.toThrow();
  });
});
