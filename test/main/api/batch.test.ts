/**
 * Batches through the real API and engine workers: a batch over 80 oyster loci equals the engine's
 * units with q-values over the batch, a cancelled batch resumes without refitting or losing a unit,
 * a unit opens as an ordinary fit (subset = locus == "L0002") with the same numbers, the tidy CSV,
 * and clear refusals.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addQValues } from '../../../src-engine/batch/summarize';
import { fitUnit } from '../../../src-engine/batch/unitResult';
import { unitsByColumn } from '../../../src-engine/batch/units';
import { importDelimited } from '../../../src-engine/data/importDelimited';
import { parquetReadObjects } from 'hyparquet';
import { type Harness, createHarness, removeWorkerBundle } from '../helpers/apiHarness';

const FORMULA = 'cbind(methylated, unmethylated) ~ treatment * population + (1 | tank)';
const LOCI = 80;
const text = readFileSync('test/data/oyster_methylation.csv', 'utf8').trim().split('\n').slice(0, 1 + LOCI * 48).join('\n') + '\n';
const spec = { formula: FORMULA, family: 'binomial' as const };
const split = { by: 'locus' };

let h: Harness;
let datasetId: number;
beforeAll(async () => {
  h = await createHarness();
  await h.call('project.new', { path: join(h.dir, 'batch.quadrat') });
  datasetId = (await h.call('dataset.import', { source: { kind: 'text', fileName: 'loci.csv', text } })).dataset.id;
}, 60_000);
afterAll(async () => {
  await h.close();
  await removeWorkerBundle();
});

const reference = () => {
  const { table } = importDelimited(new Uint8Array(Buffer.from(text)), {});
  const units = unitsByColumn(table, 'locus').map((u) => fitUnit(table, u, { formula: FORMULA, reml: true, ddf: 'satterthwaite', anovaType: 3, family: 'binomial', nAGQ: 1 }));
  addQValues(units);
  return units;
};

describe('batches through the API', () => {
  let first = 0;
  it('fits every unit on the workers and reads them back with q-values over the batch', async () => {
    const { batchId, jobId } = await h.call('batch.start', { datasetId, spec, split });
    first = batchId;
    const status = await h.call('job.wait', { jobId, timeoutMs: 300_000 });
    expect(status.state, JSON.stringify(status.error)).toBe('done');
    expect(status.kind).toBe('batch');
    const { summary, counts, units } = await h.call('batch.get', { batchId });
    expect(summary).toMatchObject({ unitsTotal: LOCI, unitsDone: LOCI, jobId: null, dataChanged: false, split });
    expect(summary.finishedAt).not.toBeNull();
    expect(counts).toMatchObject({ units: LOCI });
    const want = reference();
    expect(units.map((u) => u.unit)).toEqual(want.map((u) => u.unit));
    units.forEach((u, i) => {
      expect(u.coefficients.map((c) => c.estimate), u.unit).toEqual(want[i].coefficients.map((c) => c.estimate));
      expect(u.coefficients.map((c) => c.qBH ?? null), u.unit).toEqual(want[i].coefficients.map((c) => c.qBH ?? null));
    });
    expect(h.events.some((e) => e.event === 'job.progress' && (e.payload as { jobId: string }).jobId === jobId)).toBe(true);
  }, 300_000);

  it('resumes a cancelled batch: the stored units stay, the rest are fitted once', async () => {
    const { batchId, jobId } = await h.call('batch.start', { datasetId, spec, split, name: 'to resume' });
    // wait for a state (some units stored), then cancel
    for (;;) {
      const { summary } = await h.call('batch.get', { batchId });
      if (summary.unitsDone > 0 || summary.finishedAt) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    await h.call('job.cancel', { jobId });
    const stopped = await h.call('job.wait', { jobId, timeoutMs: 60_000 });
    const before = await h.call('batch.get', { batchId });
    expect(before.summary.finishedAt === null).toBe(stopped.state === 'cancelled');
    expect(before.summary.jobId).toBeNull();
    const resumed = await h.call('batch.resume', { batchId });
    expect((await h.call('job.wait', { jobId: resumed.jobId, timeoutMs: 300_000 })).state).toBe('done');
    const after = await h.call('batch.get', { batchId });
    expect(after.summary.unitsDone).toBe(LOCI);
    expect(after.units.map((u) => u.unit)).toEqual((await h.call('batch.get', { batchId: first })).units.map((u) => u.unit));
    // what was stored before the cancel is still there as it was
    // (q-values are over the units stored when read, so they are left out of the comparison)
    const noQ = (u: (typeof before.units)[number]) => ({ ...u, coefficients: u.coefficients.map(({ qBH: _b, qBY: _y, ...c }) => c), tests: u.tests.map(({ qBH: _b, qBY: _y, ...t }) => t) });
    for (const u of before.units) expect(noQ(after.units.find((x) => x.unit === u.unit)!)).toEqual(noQ(u));
    expect((await h.call('batch.list')).map((b) => b.name)).toEqual(['Batch 1 (by locus)', 'to resume']);
  }, 300_000);

  it('opens a unit as an ordinary fit with R’s subset, with the same numbers', async () => {
    const { units } = await h.call('batch.get', { batchId: first });
    const unit = units.find((u) => u.unit === 'L0002')!;
    const { jobId } = await h.call('fit.start', { datasetId, spec: { ...spec, subset: { column: 'locus', value: 'L0002' } } });
    const status = await h.call('job.wait', { jobId, timeoutMs: 60_000 });
    expect(status.error).toBeNull();
    const { summary, report } = await h.call('model.get', { fitId: status.fitId! });
    expect(summary.spec.subset).toEqual({ column: 'locus', value: 'L0002' });
    expect(report.nobs).toBe(48);
    expect(report.fixed.map((f) => f.estimate)).toEqual(unit.coefficients.map((c) => c.estimate));
    const code = await h.call('export.rCode', { fitId: status.fitId!, destination: { kind: 'inline' } });
    expect(code.content).toContain('subset = locus == "L0002"');
    const bad = await h.raw('fit.start', { datasetId, spec: { ...spec, subset: { column: 'locus', value: 'L9999' } } });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.message).toBe('No row has locus = "L9999", so the subset is empty.');
  }, 120_000);

  it('exports the tidy CSV and refuses what cannot work', async () => {
    const csv = await h.call('batch.export', { batchId: first, format: 'csv', destination: { kind: 'inline' } });
    expect(csv.fileName).toBe('Batch_1_by_locus_.csv');
    const lines = csv.content!.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toMatch(/^unit,kind,term,estimate,std_error,statistic,df,den_df,p_value,q_bh,q_by,/);
    // the Parquet file holds the same table, typed, read back by an independent reader (hyparquet)
    const pq = await h.call('batch.export', { batchId: first, format: 'parquet', destination: { kind: 'inline' } });
    expect(pq).toMatchObject({ fileName: 'Batch_1_by_locus_.parquet', encoding: 'base64' });
    const bytes = Buffer.from(pq.content!, 'base64');
    const rows = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
    expect(rows).toHaveLength(lines.length - 1);
    const l2 = rows.find((r) => r.unit === 'L0002' && r.term === 'treatmentexposed' && r.kind === 'coefficient')!;
    const l2csv = lines.find((l) => l.startsWith('L0002,coefficient,treatmentexposed,'))!.split(',');
    expect(l2.estimate).toBe(Number(l2csv[3]));
    expect(l2.q_bh).toBe(Number(l2csv[9]));
    expect(l2.nobs).toBe(48);
    expect(l2.converged).toBe(true);
    expect(l2.den_df).toBeNull();
    const noCol = await h.raw('batch.start', { datasetId, spec, split: { by: 'site' } });
    expect(!noCol.ok && noCol.error.message).toMatch(/There is no column "site"/);
    const withSubset = await h.raw('batch.start', { datasetId, spec: { ...spec, subset: { column: 'locus', value: 'L0001' } }, split });
    expect(!withSubset.ok && withSubset.error.message).toBe('A batch fits every unit; leave out the subset.');
    await h.call('dataset.setCells', { datasetId, cells: [{ row: 0, column: 'methylated', value: 3 }] });
    const changed = await h.raw('batch.resume', { batchId: first });
    expect(!changed.ok && changed.error.message).toMatch(/have changed \(or were deleted\) since it started/);
    await h.call('batch.delete', { batchId: first });
    expect((await h.call('batch.list')).map((b) => b.name)).toEqual(['to resume']);
  }, 120_000);
});
