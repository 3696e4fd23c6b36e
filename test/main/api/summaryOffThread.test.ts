/**
 * dataset.summary of a large column runs in a worker (issue 16): the main thread's handler returns a
 * promise at once, the event loop keeps turning and other calls are answered while the worker sorts.
 * No timing is asserted: the proof is the order of events.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeColumn } from '../../../src-main/api/columnSummary';
import { INLINE_SUMMARY_ROWS } from '../../../src-main/api/handlers/dataset';
import { type Harness, createHarness, removeWorkerBundle } from '../helpers/apiHarness';

let h: Harness;
let datasetId: number;
const n = 400_000;

beforeAll(async () => {
  h = await createHarness({ workers: 1 });
  await h.call('project.new', { path: join(h.dir, 'big.quadrat') });
  const values = Float64Array.from({ length: n }, (_, i) => (i % 11 === 0 ? NaN : Math.sin(i * 7.1) * 100 + i / n));
  const codes = Int32Array.from({ length: n }, (_, i) => i % 5);
  datasetId = h.app.ctx.project!.datasets.add('big', { nrow: n, columns: [{ name: 'y', type: 'numeric', values }, { name: 'site', type: 'factor', codes, levels: ['a', 'b', 'c', 'd', 'e'] }] }, null).id;
});
afterAll(async () => {
  await h.close();
  await removeWorkerBundle();
});

describe('dataset.summary of a large column', () => {
  it('is summarized in a worker while the event loop turns and other calls are answered', async () => {
    expect(n).toBeGreaterThan(INLINE_SUMMARY_ROWS);
    const settled: string[] = [];
    let turns = 0;
    let probing = true;
    const probe = () => {
      turns++;
      if (probing) setImmediate(probe);
    };
    setImmediate(probe);

    const summary = h.call('dataset.summary', { datasetId, column: 'y' }).then((s) => (settled.push('summary'), s));
    // The handler has handed the column to a worker and returned.
    expect(h.app.ctx.host.pending).toBe(1);
    const turnsAtStart = turns;
    await h.call('app.info').then(() => settled.push('app.info'));
    await h.call('dataset.list').then(() => settled.push('dataset.list'));
    const s = await summary;
    probing = false;
    expect(settled).toEqual(['app.info', 'dataset.list', 'summary']);
    expect(turns).toBeGreaterThan(turnsAtStart);
    // The same numbers as summarizing on the spot.
    expect(s).toEqual(summarizeColumn(h.app.ctx.project!.datasets.table(datasetId).columns[0]));
    expect(s.missing).toBe(Math.ceil(n / 11));
  });

  it('counts the levels of a large factor in a worker too', async () => {
    const s = h.call('dataset.summary', { datasetId, column: 'site' });
    expect(h.app.ctx.host.pending).toBe(1);
    expect((await s).counts).toEqual(['a', 'b', 'c', 'd', 'e'].map((value) => ({ value, count: n / 5 })));
  });
});
