import Database from 'better-sqlite3';
import { chmodSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Project } from '../../../src-main/store/project';
import { APPLICATION_ID, SCHEMA_VERSION } from '../../../src-main/store/schema';
import { cellAt } from '../../../src-main/store/columnBuild';
import { smallTable } from '../helpers/tables';
import { tempDir } from '../helpers/tmp';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
let n = 0;
const file = () => join(dir, `p${++n}.quadrat`);

describe('project file', () => {
  it('is marked with application_id and user_version and uses a durable rollback journal', () => {
    const path = file();
    Project.create(path, 'test').close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    db.close();
    const p = Project.open(path);
    expect(p.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    p.close();
  });

  it('keeps datasets, edits and notes across reopen', () => {
    const path = file();
    const p = Project.create(path, 'test');
    const ds = p.datasets.add('plots', smallTable(), 'plots.csv');
    p.datasets.edit(ds.id, { op: 'setCells', cells: [{ row: 1, column: 'y', value: 7 }] }, 'Edit y');
    p.setMeta('notes', 'sampled in 2023');
    p.close();
    const q = Project.open(path);
    const t = q.datasets.table(ds.id);
    expect(Array.from((t.columns[0] as { values: Float64Array }).values)).toEqual([1.5, 7, 3, -2]);
    expect(q.info().notes).toBe('sampled in 2023');
    expect(q.datasets.info(ds.id)).toMatchObject({ name: 'plots', nrow: 4, canUndo: true, undoLabel: 'Edit y' });
    expect(q.datasets.info(ds.id).columns.map((c) => [c.name, c.type, c.missing])).toEqual([
      ['y', 'numeric', 0],
      ['site', 'factor', 1],
      ['wet', 'logical', 1],
      ['note', 'text', 1],
    ]);
    q.close();
  });

  it('refuses a file that is not SQLite, with a message naming it', () => {
    const path = join(dir, 'notes.quadrat');
    writeFileSync(path, 'just some text\n');
    expect(() => Project.open(path)).toThrow(/"notes.quadrat" is not a Quadrat project/);
  });

  it('refuses an SQLite database from another application', () => {
    const path = join(dir, 'other.quadrat');
    const db = new Database(path);
    db.exec('CREATE TABLE t (x)');
    db.close();
    expect(() => Project.open(path)).toThrow(/an SQLite database but not a Quadrat project/);
  });

  it('refuses a damaged file instead of half-opening it', () => {
    const path = file();
    const p = Project.create(path, 'test');
    p.datasets.add('d', smallTable(), null);
    p.close();
    const bytes = readFileSync(path);
    // Keep the header (so it still looks like our file) and scribble over the pages after it.
    for (let i = 4096; i < bytes.length; i++) bytes[i] = (i * 7) & 0xff;
    writeFileSync(path, bytes);
    let err: unknown;
    try {
      Project.open(path);
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ name: 'QuadratError', kind: 'project' });
    expect(String((err as Error).message)).toMatch(/damaged|cannot be opened/);
  });

  it('opens a file from a newer Quadrat read-only, with the reason', () => {
    const path = file();
    Project.create(path, 'test').close();
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const p = Project.open(path);
    expect(p.info().readOnly).toBe(true);
    expect(p.info().readOnlyReason).toMatch(/newer version of Quadrat/);
    expect(() => p.setMeta('notes', 'x')).toThrow(/newer version/);
    p.close();
  });

  it('opens a file marked read-only as read-only, with the reason, before any change is lost (issue 16)', () => {
    const path = file();
    const p0 = Project.create(path, 'test');
    p0.datasets.add('small', smallTable(), null);
    p0.close();
    chmodSync(path, 0o444);
    try {
      const p = Project.open(path);
      expect(p.info().readOnly).toBe(true);
      expect(p.info().readOnlyReason).toMatch(/marked read-only/);
      expect(() => p.setMeta('notes', 'x')).toThrow(/read-only/);
      expect(p.datasets.list().map((d) => d.name)).toEqual(['small']);
      p.close();
      expect(readdirSync(dir).filter((f) => f.startsWith('.quadrat-write-check'))).toEqual([]);
    } finally {
      chmodSync(path, 0o644);
    }
  });

  it('refuses a project that another Quadrat has open, saying so', () => {
    const path = file();
    const p = Project.create(path, 'test');
    // Another process: the lock is per file, so a second connection stands in for it.
    expect(() => Project.open(path)).toThrow(/is open in another Quadrat window or program/);
    p.close();
    Project.open(path).close();
  });

  it('Save As writes a consistent copy that opens on its own', () => {
    const path = file();
    const p = Project.create(path, 'test');
    const ds = p.datasets.add('d', smallTable(), null);
    const copy = join(dir, 'copy.quadrat');
    p.saveCopy(copy);
    p.close();
    const q = Project.open(copy);
    const t = q.datasets.table(ds.id);
    expect(t.nrow).toBe(4);
    expect(cellAt(t.columns[1], 1)).toBe('B');
    q.close();
  });
});
