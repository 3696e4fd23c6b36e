/**
 * A fit with many groups: model.get carries the first RANEF_INLINE levels of each grouping factor
 * and the whole count; model.ranef pages the rest, and the pages (as the renderer's plots fetch
 * them) concatenate to the table the full report holds (issue 16).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type QuadratApi } from '../../../src-main/api/client';
import { RANEF_INLINE } from '../../../src-main/api/fitReportSchema';
import { type FitReport } from '../../../src-engine/lmm/fitReport';
import { fetchRanef } from '../../../src-renderer/plots/fitVectors';
import { type Harness, createHarness, removeWorkerBundle } from '../helpers/apiHarness';
import { reportFor } from '../store/fixtures/fitContent';

let h: Harness;
let datasetId: number;
const GROUPS = 3000;

/** The renderer's model.ranef calls, answered by the real handlers. */
const api = () => ({ model: { ranef: (p: Parameters<QuadratApi['model']['ranef']>[0]) => h.call('model.ranef', p) } }) as unknown as Pick<QuadratApi, 'model'>;

beforeAll(async () => {
  h = await createHarness({ workers: 1 });
  await h.call('project.new', { path: join(h.dir, 'ranef.quadrat') });
  // three observations per group; group effects spread so the conditional modes differ
  const lines = ['y,x,g'];
  for (let i = 0; i < GROUPS * 3; i++) {
    const g = i % GROUPS;
    lines.push(`${(10 + ((g * 37) % 101) / 10 + ((i * 7919) % 13) / 5 + (i % 5)).toFixed(3)},${i % 5},G${String(g).padStart(4, '0')}`);
  }
  datasetId = (await h.call('dataset.import', { source: { kind: 'text', fileName: 'many.csv', text: lines.join('\n') } })).dataset.id;
});
afterAll(async () => {
  await h.close();
  await removeWorkerBundle();
});

async function fit(formula: string): Promise<number> {
  const { jobId } = await h.call('fit.start', { datasetId, spec: { formula } });
  const st = await h.call('job.wait', { jobId });
  expect(st.state).toBe('done');
  return st.fitId!;
}

describe('model.ranef', () => {
  it('keeps a many-group table out of model.get, and its pages concatenate to the full table', async () => {
    const fitId = await fit('y ~ x + (1 | g)');
    const full = (await h.call('export.fitJson', { fitId, destination: { kind: 'inline' } })).content!;
    const whole = (JSON.parse(full) as FitReport).diagnostics!.ranef;
    expect(whole[0].levels).toHaveLength(GROUPS);

    const got = await h.call('model.get', { fitId });
    const g = got.report.diagnostics!.ranef[0];
    expect(g).toMatchObject({ group: 'g', terms: ['(Intercept)'], nLevels: GROUPS });
    expect(g.levels).toEqual(whole[0].levels.slice(0, RANEF_INLINE));
    expect(g.values).toEqual(whole[0].values.slice(0, RANEF_INLINE));

    const page = await h.call('model.ranef', { fitId, group: 'g', offset: 2500, limit: 1000 });
    expect(page).toMatchObject({ group: 'g', nLevels: GROUPS, offset: 2500 });
    expect(page.levels).toEqual(whole[0].levels.slice(2500));
    expect(page.condSd).toEqual(whole[0].condSd.slice(2500));

    expect(await fetchRanef(api(), fitId, got.report.diagnostics!.ranef)).toEqual(whole);
  });

  it('sends a small model.get for 60,000 groups with two terms', async () => {
    const big: FitReport = reportFor(3);
    const n = 60_000;
    const levels = Array.from({ length: n }, (_, i) => `animal_${i}`);
    const values = levels.map((_, i) => [Math.sin(i) * 3.25, Math.cos(i) / 7]);
    const condSd = levels.map((_, i) => [0.5 + (i % 11) / 100, 0.01 + (i % 3) / 1000]);
    big.diagnostics = { ...big.diagnostics!, ranef: [{ group: 'animal', terms: ['(Intercept)', 'Days'], levels, values, condSd }] };
    const fitId = h.app.ctx.project!.fits.add({ datasetId, datasetName: 'many', name: 'big', spec: { formula: 'y ~ x + (x | animal)', reml: true, ddf: 'satterthwaite', anovaType: 3, family: 'gaussian', nAGQ: 1 }, report: big, engineVersion: 'test', dataHash: 'x' });

    const got = await h.call('model.get', { fitId });
    // the whole table is ~4 MB of JSON; model.get carries RANEF_INLINE rows of it
    expect(JSON.stringify(got).length).toBeLessThan(150_000);
    expect(got.report.diagnostics!.ranef[0].nLevels).toBe(n);
    expect(await fetchRanef(api(), fitId, got.report.diagnostics!.ranef)).toEqual(big.diagnostics.ranef);
  });

  it('leaves a small table whole, and names the grouping factors when asked for another', async () => {
    const fitId = await fit('y ~ x + (1 | x)');
    const got = await h.call('model.get', { fitId });
    expect(got.report.diagnostics!.ranef[0]).not.toHaveProperty('nLevels');
    const out = await h.raw('model.ranef', { fitId, group: 'site' });
    expect(out).toMatchObject({ ok: false, status: 422, error: { kind: 'input', message: expect.stringContaining('its grouping factors are "x"') } });
    expect((await h.raw('model.ranef', { fitId, group: 'x', limit: 10_000_000 })).ok).toBe(false);
  });
});
