import Database from 'better-sqlite3';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Project } from '../../../src-main/store/project';
import { APPLICATION_ID, SCHEMA_VERSION } from '../../../src-main/store/schema';
import { MAX_RECENT, UserData } from '../../../src-main/store/userData';
import { tempDir } from '../helpers/tmp';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

describe('migrations', () => {
  it('brings an older file forward, after writing a backup copy of it', () => {
    // A version-0 file: ours (application_id set) but with no migration applied yet.
    const path = join(dir, 'old.quadrat');
    const db = new Database(path);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma('user_version = 0');
    db.exec('CREATE TABLE scratch (x)'); // make the file non-empty
    db.close();
    const p = Project.open(path);
    expect(p.info().schemaVersion).toBe(SCHEMA_VERSION);
    expect(p.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(p.datasets.list()).toEqual([]);
    p.setMeta('notes', 'writable after migration');
    p.close();
    const backup = `${path}.v0.bak`;
    expect(existsSync(backup)).toBe(true);
    const b = new Database(backup, { readonly: true });
    expect(b.pragma('user_version', { simple: true })).toBe(0);
    b.close();
  });
});

describe('user data', () => {
  it('falls back to default settings when settings.json is unreadable', () => {
    const ud = new UserData(join(dir, 'ud1'));
    writeFileSync(join(ud.dir, 'settings.json'), '{ broken');
    expect(ud.settings().workers).toBe(2);
    expect(ud.updateSettings({ workers: 3 }).workers).toBe(3);
    expect(new UserData(ud.dir).settings().workers).toBe(3);
  });

  it('keeps the most recent projects first, without duplicates, at most MAX_RECENT', () => {
    const ud = new UserData(join(dir, 'ud2'));
    for (let i = 0; i < MAX_RECENT + 3; i++) ud.addRecent(`/p/${i}.quadrat`, `p${i}`);
    ud.addRecent('/p/5.quadrat', 'p5');
    const recent = ud.recent();
    expect(recent).toHaveLength(MAX_RECENT);
    expect(recent[0]).toMatchObject({ path: '/p/5.quadrat', exists: false });
    expect(recent.filter((r) => r.path === '/p/5.quadrat')).toHaveLength(1);
    ud.removeRecent('/p/5.quadrat');
    expect(ud.recent().some((r) => r.path === '/p/5.quadrat')).toBe(false);
    ud.clearRecent();
    expect(ud.recent()).toEqual([]);
  });
});
