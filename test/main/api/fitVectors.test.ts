/**
 * model.get sends a report without per-observation vectors (small however many rows the fit has);
 * model.vectors sends those in pieces, exactly as stored (issue 16).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FitReport } from '../../../src-engine/lmm/fitReport';
import { type Harness, createHarness, removeWorkerBundle } from '../helpers/apiHarness';
import { reportFor } from '../store/fixtures/fitContent';

let h: Harness;
let datasetId: number;

beforeAll(async () => {
  h = await createHarness({ workers: 1 });
  await h.call('project.new', { path: join(h.dir, 'vectors.quadrat') });
  const text = readFileSync(join(__dirname, '../../data', 'sleepstudy.csv'), 'utf8');
  datasetId = (await h.call('dataset.import', { source: { kind: 'text', fileName: 'sleepstudy.csv', text } })).dataset.id;
  await h.call('dataset.setColumnType', { datasetId, column: 'Subject', type: 'factor' });
});
afterAll(async () => {
  await h.close();
  await removeWorkerBundle();
});

/** Every value of a vector, fetched in pieces of `limit`. */
async function fetchAll(fitId: number, name: 'fitted' | 'residuals' | 'rows', limit: number): Promise<number[]> {
  const out: number[] = [];
  for (let offset = 0; ; offset += limit) {
    const c = await h.call('model.vectors', { fitId, name, offset, limit });
    const b = Buffer.from(c.float64Base64, 'base64');
    expect(b.length).toBe(c.count * 8);
    for (let i = 0; i < c.count; i++) out.push(b.readDoubleLE(i * 8));
    if (offset + c.count >= c.length) return out;
  }
}

describe('model.get and model.vectors', () => {
  it('keeps a 300,000-row fit out of model.get and pages its vectors exactly', async () => {
    const big: FitReport = reportFor(7);
    const n = 300_000;
    const fitted = Array.from({ length: n }, (_, i) => Math.sin(i) * 1e3 + i / 7);
    big.nobs = n;
    big.diagnostics = { ...big.diagnostics!, fitted, residuals: fitted.map((f) => f / 3 - 1e-9), rows: fitted.map((_, i) => i) };
    const fitId = h.app.ctx.project!.fits.add({ datasetId, datasetName: 'sleepstudy', name: 'big', spec: { formula: 'Reaction ~ Days + (1 | Subject)', reml: true, ddf: 'satterthwaite', anovaType: 3, family: 'gaussian', nAGQ: 1 }, report: big, engineVersion: 'test', dataHash: 'x' });

    const got = await h.call('model.get', { fitId });
    expect(JSON.stringify(got).length).toBeLessThan(20_000);
    expect(got.report.diagnostics).toMatchObject({ n, vectors: ['fitted', 'residuals', 'rows'] });
    expect(got.report.diagnostics).not.toHaveProperty('fitted');
    expect(await fetchAll(fitId, 'fitted', 65_536)).toEqual(fitted);
    expect(await fetchAll(fitId, 'residuals', 100_000)).toEqual(big.diagnostics.residuals);
    // A piece past the end is empty; a piece larger than allowed is refused.
    expect((await h.call('model.vectors', { fitId, name: 'rows', offset: n + 5, limit: 10 })).count).toBe(0);
    expect((await h.raw('model.vectors', { fitId, name: 'rows', offset: 0, limit: 10_000_000 })).ok).toBe(false);
  });

  it('pages the vectors of a real fit exactly as the full report (export.fitJson) holds them', async () => {
    const { jobId } = await h.call('fit.start', { datasetId, spec: { formula: 'Reaction ~ Days + (Days | Subject)' } });
    const fitId = (await h.call('job.wait', { jobId, timeoutMs: 60_000 })).fitId!;
    const full = JSON.parse((await h.call('export.fitJson', { fitId, destination: { kind: 'inline' } })).content!) as FitReport;
    const { report } = await h.call('model.get', { fitId });
    expect(report.diagnostics?.ranef).toEqual(full.diagnostics!.ranef);
    expect(await fetchAll(fitId, 'fitted', 50)).toEqual(full.diagnostics!.fitted);
    expect(await fetchAll(fitId, 'residuals', 180)).toEqual(full.diagnostics!.residuals);
    expect(await fetchAll(fitId, 'rows', 7)).toEqual(full.diagnostics!.rows);
    await expect(h.call('model.vectors', { fitId, name: 'simulatedResiduals' })).rejects.toThrow(/has no stored simulatedResiduals/);
  });
});
