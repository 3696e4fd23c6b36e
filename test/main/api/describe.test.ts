/** dataset.describe through the real handlers and a worker: R's tapply numbers, and the user's errors as such. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, createHarness, removeWorkerBundle } from '../helpers/apiHarness';

const fx = JSON.parse(readFileSync('test/reference/fixtures/descriptives/sleepstudy_by_subject.json', 'utf8')) as { rows: { column: string; group: string; n: number; mean: number; sd: number; median: number }[] };
let h: Harness;
let datasetId: number;
beforeAll(async () => {
  h = await createHarness();
  await h.call('project.new', { path: join(h.dir, 'describe.quadrat') });
  datasetId = (await h.call('dataset.import', { source: { kind: 'text', fileName: 'sleepstudy.csv', text: readFileSync('test/data/sleepstudy.csv', 'utf8') } })).dataset.id;
  await h.call('dataset.setColumnType', { datasetId, column: 'Subject', type: 'factor' });
}, 60_000);
afterAll(async () => {
  await h.close();
  await removeWorkerBundle();
});

describe('dataset.describe', () => {
  it('gives R\'s descriptives by group', async () => {
    const rows = await h.call('dataset.describe', { datasetId, columns: ['Reaction', 'Days'], by: 'Subject' });
    expect(rows.map((r) => [r.column, r.group, r.n])).toEqual(fx.rows.map((r) => [r.column, r.group, r.n]));
    rows.forEach((r, k) => {
      expect(Math.abs(r.mean! - fx.rows[k].mean)).toBeLessThan(1e-9);
      expect(Math.abs(r.sd! - fx.rows[k].sd)).toBeLessThan(1e-9);
      expect(Math.abs(r.median! - fx.rows[k].median)).toBeLessThan(1e-9);
    });
  });

  it("says what is wrong with the request as the user's error", async () => {
    const r = await h.raw('dataset.describe', { datasetId, columns: ['Subject'], by: null });
    expect(r).toMatchObject({ ok: false, status: 422, error: { kind: 'input' } });
    expect(JSON.stringify(r)).toMatch(/not numeric/);
  });
});
