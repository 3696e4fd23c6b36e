/** Computed columns in a project: defined, kept current by edits, undone, saved and reopened. */
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { type Table } from '../../../src-engine/data/table';
import { cellAt } from '../../../src-main/store/columnBuild';
import { Project } from '../../../src-main/store/project';
import { smallTable } from '../helpers/tables';
import { tempDir } from '../helpers/tmp';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
let n = 0;
const column = (t: Table, name: string) => {
  const c = t.columns.find((c) => c.name === name);
  if (!c) throw new Error(`no column ${name}`);
  return { values: Array.from({ length: t.nrow }, (_, i) => cellAt(c, i)), definition: c.definition, type: c.type };
};

function fresh(): { p: Project; id: number; path: string } {
  const path = join(dir, `c${++n}.quadrat`);
  const p = Project.create(path, 'test');
  return { p, id: p.datasets.add('d', smallTable(), null).id, path };
}

describe('computed columns in a project', () => {
  it('are saved with their definition and recomputed after a cell edit, also after reopening', () => {
    const { p, id, path } = fresh();
    const r = p.datasets.edit(id, { op: 'defineColumn', name: 'y2', definition: 'y * 2', at: 1 }, 'Add y2');
    expect(r.warnings).toEqual([]);
    expect(p.datasets.info(id).columns[1]).toEqual({ name: 'y2', type: 'numeric', levels: [], missing: 1, definition: 'y * 2' });
    p.close();
    let q = Project.open(path);
    expect(column(q.datasets.table(id), 'y2')).toEqual({ values: [3, null, 6, -4], definition: 'y * 2', type: 'numeric' });
    q.datasets.edit(id, { op: 'setCells', cells: [{ row: 1, column: 'y', value: 10 }] }, 'Edit cell');
    expect(column(q.datasets.table(id), 'y2').values).toEqual([3, 20, 6, -4]);
    q.close();
    q = Project.open(path);
    expect(column(q.datasets.table(id), 'y2').values).toEqual([3, 20, 6, -4]);
    q.datasets.undo(id);
    expect(column(q.datasets.table(id), 'y2').values).toEqual([3, null, 6, -4]);
    q.datasets.undo(id);
    expect(q.datasets.table(id).columns.map((c) => c.name)).toEqual(['y', 'site', 'wet', 'note']);
    q.datasets.redo(id);
    expect(column(q.datasets.table(id), 'y2').definition).toBe('y * 2');
    q.close();
  });

  it("sort a new computed factor's levels as the user's level-order setting says, also when an edit recomputes it", () => {
    const path = join(dir, `c${++n}.quadrat`);
    const p = Project.create(path, 'test');
    const t: Table = { nrow: 3, columns: [{ name: 'treatment', type: 'text', values: ['Warm', 'control', 'Warm'] }, { name: 'y', type: 'numeric', values: Float64Array.from([1, 2, 3]) }] };
    const id = p.datasets.add('d', t, null).id;
    const levels = (name: string) => {
      const c = p.datasets.table(id).columns.find((c) => c.name === name)!;
      return c.type === 'factor' ? c.levels : [];
    };
    p.datasets.edit(id, { op: 'defineColumn', name: 'f', definition: 'factor(treatment)', at: 2 }, 'Add f');
    expect(levels('f')).toEqual(['control', 'Warm']); // R in a UTF-8 locale (the default)
    p.datasets.edit(id, { op: 'defineColumn', name: 'g', definition: 'factor(treatment)', at: 3 }, 'Add g', 'C');
    expect(levels('g')).toEqual(['Warm', 'control']); // R in the C locale
    p.datasets.edit(id, { op: 'setCells', cells: [{ row: 1, column: 'treatment', value: 'ambient' }] }, 'Edit treatment', 'C');
    expect(levels('g')).toEqual(['Warm', 'ambient']);
    p.datasets.undo(id, 'C');
    expect(levels('g')).toEqual(['Warm', 'control']);
    p.close();
  });

  it('say how many rows are NA and why', () => {
    const { p, id } = fresh();
    const r = p.datasets.edit(id, { op: 'defineColumn', name: 'ly', definition: 'log(y)', at: 4 }, 'Add ly');
    expect(r.warnings).toEqual(['"ly": log(y) is NA for 1 row (log of a value ≤ 0).']);
    p.close();
  });

  it('follow a renamed source, and turn NA (with the reason) when it is deleted, until undo', () => {
    const { p, id } = fresh();
    p.datasets.edit(id, { op: 'defineColumn', name: 'g', definition: 'interaction(site, wet, sep = ":")', at: 4 }, 'Add g');
    p.datasets.edit(id, { op: 'renameColumn', from: 'site', to: 'plot site' }, 'Rename');
    expect(column(p.datasets.table(id), 'g').definition).toBe('interaction(`plot site`, wet, sep = ":")');
    expect(column(p.datasets.table(id), 'g').values).toEqual(['A:TRUE', 'B:FALSE', null, null]);
    const del = p.datasets.edit(id, { op: 'deleteColumn', name: 'wet' }, 'Delete');
    expect(del.warnings).toEqual(['"g": there is no column "wet" any more, so all 4 rows are NA.']);
    expect(column(p.datasets.table(id), 'g').values).toEqual([null, null, null, null]);
    p.datasets.undo(id);
    expect(column(p.datasets.table(id), 'g').values).toEqual(['A:TRUE', 'B:FALSE', null, null]);
    p.datasets.undo(id);
    expect(column(p.datasets.table(id), 'g').definition).toBe('interaction(site, wet, sep = ":")');
    p.close();
  });

  it('refuse direct cell edits and type changes, pointing at the definition', () => {
    const { p, id } = fresh();
    p.datasets.edit(id, { op: 'defineColumn', name: 'y2', definition: 'y * 2', at: 4 }, 'Add y2');
    expect(() => p.datasets.edit(id, { op: 'setCells', cells: [{ row: 0, column: 'y2', value: 1 }] }, 'x')).toThrow('"y2" is computed from y * 2; edit the columns it reads, or its definition (column menu).');
    expect(() => p.datasets.edit(id, { op: 'setColumnType', name: 'y2', type: 'factor' }, 'x')).toThrow(/is computed from y \* 2; change its type in the definition/);
    expect(() => p.datasets.edit(id, { op: 'defineColumn', name: 'z', definition: 'y +', at: 0 }, 'x')).toThrow("expected something after '+'");
    p.close();
  });

  it('take a new definition, or keep their values as data; both undo', () => {
    const { p, id, path } = fresh();
    p.datasets.edit(id, { op: 'defineColumn', name: 'y2', definition: 'y * 2', at: 4 }, 'Add');
    p.datasets.edit(id, { op: 'setDefinition', name: 'y2', definition: 'y + 1' }, 'Edit');
    expect(column(p.datasets.table(id), 'y2')).toEqual({ values: [2.5, null, 4, -1], definition: 'y + 1', type: 'numeric' });
    p.datasets.edit(id, { op: 'setDefinition', name: 'y2', definition: null }, 'Keep');
    p.datasets.edit(id, { op: 'setCells', cells: [{ row: 0, column: 'y', value: 100 }] }, 'Edit cell');
    expect(column(p.datasets.table(id), 'y2')).toEqual({ values: [2.5, null, 4, -1], definition: undefined, type: 'numeric' });
    p.close();
    const q = Project.open(path);
    expect(q.datasets.info(id).columns[4].definition).toBeUndefined();
    q.datasets.undo(id);
    q.datasets.undo(id);
    expect(column(q.datasets.table(id), 'y2').definition).toBe('y + 1');
    q.datasets.undo(id);
    expect(column(q.datasets.table(id), 'y2').definition).toBe('y * 2');
    // a data column given a definition gets its own values back on undo
    q.datasets.edit(id, { op: 'setDefinition', name: 'y', definition: '1' }, 'Make y computed');
    expect(column(q.datasets.table(id), 'y').values).toEqual([1, 1, 1, 1]);
    q.datasets.undo(id);
    expect(column(q.datasets.table(id), 'y')).toEqual({ values: [1.5, null, 3, -2], definition: undefined, type: 'numeric' });
    expect(() => q.datasets.edit(id, { op: 'setDefinition', name: 'y', definition: 'y2 + 1' }, 'x')).toThrow('"y" cannot be computed from "y2", which is itself computed from "y"');
    q.close();
  });

  it('open in a file from before computed columns: migrated, or read as it is when read-only', () => {
    const { p, id, path } = fresh();
    p.close();
    const db = new Database(path);
    db.exec('ALTER TABLE columns DROP COLUMN definition');
    db.pragma('user_version = 5');
    db.close();
    const copy = `${path}.ro.quadrat`;
    const src = new Database(path);
    src.exec(`VACUUM INTO '${copy}'`);
    src.close();
    chmodSync(copy, 0o444);
    const ro = Project.open(copy);
    expect(ro.readOnly).toBe(true);
    expect(ro.datasets.info(id).columns.map((c) => c.definition)).toEqual([undefined, undefined, undefined, undefined]);
    expect(column(ro.datasets.table(id), 'y').values).toEqual([1.5, null, 3, -2]);
    ro.close();
    const q = Project.open(path);
    expect(q.info().schemaVersion).toBe(6);
    q.datasets.edit(id, { op: 'defineColumn', name: 'y2', definition: 'y * 2', at: 4 }, 'Add');
    expect(column(q.datasets.table(id), 'y2').values).toEqual([3, null, 6, -4]);
    q.close();
  });
});
