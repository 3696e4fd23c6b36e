/** model.designCheck through the real handlers and a worker: the advisor's findings and their fixes. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, createHarness, removeWorkerBundle } from '../helpers/apiHarness';

let h: Harness;
let datasetId: number;

beforeAll(async () => {
  h = await createHarness();
  await h.call('project.new', { path: join(h.dir, 'plots.quadrat') });
  // plot IDs 1-4 reused in each of 6 sites
  const rows = ['site,plot,x,y'];
  let k = 0;
  for (const s of ['A', 'B', 'C', 'D', 'E', 'F']) for (let p = 1; p <= 4; p++) for (let v = 0; v < 3; v++) rows.push(`${s},${p},${v},${(2 + 0.5 * v + Math.sin(++k * 7.3)).toFixed(4)}`);
  datasetId = (await h.call('dataset.import', { source: { kind: 'text', fileName: 'plots.csv', text: rows.join('\n') + '\n' } })).dataset.id;
});
afterAll(async () => {
  await h.close();
  await removeWorkerBundle();
});

describe('model.designCheck', () => {
  it('finds the reused plot IDs, and the fixed formula has no finding', async () => {
    // plot is numeric in the file: a grouping factor all the same (lme4 makes it a factor)
    const r = await h.call('model.designCheck', { datasetId, formula: 'y ~ x + (1 | site) + (1 | plot)' });
    expect(r.findings.map((f) => f.code)).toEqual(['reused-ids']);
    expect(r.findings[0].fix?.formula).toBe('y ~ x + (1 | site) + (1 | site:plot)');
    const fixed = await h.call('model.designCheck', { datasetId, formula: r.findings[0].fix!.formula });
    expect(fixed.findings).toEqual([]);
  });

  it('reports a formula error as the user\'s error', async () => {
    await expect(h.call('model.designCheck', { datasetId, formula: 'y ~ x + (1 | nosuch)' })).rejects.toThrow(/nosuch/);
  });
});
