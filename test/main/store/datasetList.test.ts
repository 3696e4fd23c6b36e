/**
 * Listing datasets reads each column's name, type, levels and stored missing count, never its data
 * (issue 16: `dataset.list` on a 15M-row project took 13 s decoding every column).
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Project } from '../../../src-main/store/project';
import { smallTable } from '../helpers/tables';
import { tempDir } from '../helpers/tmp';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

describe('dataset.list from stored column summaries', () => {
  it('lists a dataset without decoding its columns', () => {
    const path = join(dir, 'list.quadrat');
    const p = Project.create(path, 'test');
    const ds = p.datasets.add('d', smallTable(), null);
    expect(p.db.prepare('SELECT name, missing FROM columns ORDER BY position').all()).toEqual([
      { name: 'y', missing: 1 },
      { name: 'site', missing: 1 },
      { name: 'wet', missing: 1 },
      { name: 'note', missing: 1 },
    ]);
    p.close();
    // Cut the data of a column: only reading the data can notice.
    const db = new Database(path);
    db.prepare("UPDATE columns SET data = substr(data, 1, 5) WHERE name = 'y'").run();
    db.close();

    const q = Project.open(path);
    const [info] = q.datasets.list();
    expect(info.columns).toEqual([
      { name: 'y', type: 'numeric', levels: [], missing: 1 },
      { name: 'site', type: 'factor', levels: ['A', 'B'], missing: 1 },
      { name: 'wet', type: 'logical', levels: [], missing: 1 },
      { name: 'note', type: 'text', levels: [], missing: 1 },
    ]);
    expect(() => q.datasets.table(ds.id)).toThrow(/column "y" cannot be read/);
    q.close();
  });

  it('keeps the stored counts right through edits, undo and new columns', () => {
    const p = Project.create(join(dir, 'edits.quadrat'), 'test');
    const ds = p.datasets.add('d', smallTable(), null);
    p.datasets.edit(ds.id, { op: 'setCells', cells: [{ row: 1, column: 'y', value: 4 }] }, 'edit');
    p.datasets.edit(ds.id, { op: 'addColumn', name: 'z', type: 'numeric', at: 4 }, 'add');
    const stored = () => (p.db.prepare('SELECT missing FROM columns ORDER BY position').all() as { missing: number }[]).map((r) => r.missing);
    expect(stored()).toEqual([0, 1, 1, 1, 4]);
    expect(p.datasets.list()[0].columns.map((c) => c.missing)).toEqual([0, 1, 1, 1, 4]);
    p.datasets.undo(ds.id);
    p.datasets.undo(ds.id);
    expect(stored()).toEqual([1, 1, 1, 1]);
    p.close();
  });
});
