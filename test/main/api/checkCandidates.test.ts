/** model.checkCandidates through the real handlers and a worker: the Zuur-style random-effects check. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, createHarness, importTestData, removeWorkerBundle } from '../helpers/apiHarness';

let h: Harness;
let datasetId: number;
const fixture = JSON.parse(readFileSync(join(__dirname, '../../reference/fixtures/checks/oats.json'), 'utf8')) as {
  candidates: { factor: string; icc: number; lrt: number; pValue: number }[];
};

beforeAll(async () => {
  h = await createHarness();
  await h.call('project.new', { path: join(h.dir, 'oats.quadrat') });
  datasetId = await importTestData(h, 'Oats.csv');
});
afterAll(async () => {
  await h.close();
  await removeWorkerBundle();
});

describe('model.checkCandidates', () => {
  it('returns residual groups, ICC and the LRT per candidate, as R', async () => {
    const r = await h.call('model.checkCandidates', { datasetId, fixedFormula: 'yield ~ nitro', candidates: ['Block', 'Variety'] });
    expect(r.candidates.map((c) => c.factor)).toEqual(['Block', 'Variety']);
    r.candidates.forEach((c, k) => {
      expect(Math.abs(c.icc - fixture.candidates[k].icc)).toBeLessThan(1e-4);
      expect(Math.abs(c.lrt - fixture.candidates[k].lrt)).toBeLessThan(1e-3);
      expect(c.groups.reduce((s, g) => s + g.residuals.length, 0)).toBe(72);
    });
  });

  it('reports an unknown column as the user\'s error', async () => {
    await expect(h.call('model.checkCandidates', { datasetId, fixedFormula: 'yield ~ nitro', candidates: ['Plot'] })).rejects.toThrow(/Plot/);
  });
});
