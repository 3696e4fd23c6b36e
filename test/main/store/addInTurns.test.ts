/**
 * Storing an imported table yields to the event loop between columns (issue 16: storing a 1M-row
 * import held the main thread in one piece), and stores exactly what the one-piece add stores.
 * Proven by the order of events, never by a timing.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Table } from '../../../src-engine/data/table';
import { dataHash } from '../../../src-main/store/dataHash';
import { Project } from '../../../src-main/store/project';
import { tempDir } from '../helpers/tmp';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

const n = 50_000;
const table: Table = {
  nrow: n,
  columns: [
    { name: 'y', type: 'numeric', values: Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? NaN : Math.sin(i))) },
    { name: 'g', type: 'factor', codes: Int32Array.from({ length: n }, (_, i) => (i % 11 === 0 ? -1 : i % 3)), levels: ['a', 'b', 'c'] },
    { name: 'ok', type: 'logical', values: Int8Array.from({ length: n }, (_, i) => (i % 2 ? 1 : 0)) },
  ],
};

describe('DatasetStore.addInTurns', () => {
  it('lets other work run while it stores, and stores what add stores', async () => {
    const p = Project.create(join(dir, 'turns.quadrat'), 'test');
    try {
      const order: string[] = [];
      const stored = p.datasets.addInTurns('big', table, 'big.csv').then((info) => (order.push('stored'), info));
      setImmediate(() => order.push('other call'));
      const info = await stored;
      expect(order).toEqual(['other call', 'stored']);

      const whole = p.datasets.add('whole', table, 'big.csv');
      expect(info.dataHash).toBe(dataHash(table));
      expect(info.dataHash).toBe(whole.dataHash);
      expect(info.columns).toEqual(whole.columns);
      expect(info.columns.find((c) => c.name === 'y')?.missing).toBe(Math.ceil(n / 7));
    } finally {
      p.close();
    }
    // read back from the file, not the in-memory copy
    const again = Project.open(join(dir, 'turns.quadrat'));
    try {
      const [a, b] = again.datasets.list();
      expect(a.dataHash).toBe(b.dataHash);
      expect(again.datasets.table(a.id)).toEqual(again.datasets.table(b.id));
    } finally {
      again.close();
    }
  });
});
