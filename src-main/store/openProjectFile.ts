/**
 * Opening a .quadrat file safely: only SQLite files carrying our application_id are opened; damaged
 * files are refused before anything is shown; older files are migrated (after a backup copy); files
 * from a newer Quadrat are opened read-only. Every change is committed as it happens: rollback
 * journal with synchronous=FULL, so a crash or power loss keeps exactly the committed changes.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { QuadratError } from '../../src-engine/errors/quadratError';
import { APPLICATION_ID, READABLE_FROM, SCHEMA_VERSION, migrations, requiredTables } from './schema';

export interface OpenedFile {
  db: Database.Database;
  readOnly: boolean;
  readOnlyReason: string | null;
  schemaVersion: number;
}

const SQLITE_MAGIC = 'SQLite format 3\0';

function projectError(path: string, message: string): QuadratError {
  return new QuadratError('project', message, { file: basename(path) });
}

function readMagic(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    return buf.subarray(0, n).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

function configure(db: Database.Database): void {
  db.pragma('journal_mode = DELETE');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Take the write lock now and keep it: a second Quadrat (window, browser build) cannot open the
  // same project behind this one's back.
  db.exec('BEGIN EXCLUSIVE; COMMIT');
}

/** SQLite says "database is locked" when another connection holds the project. */
function isLocked(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && String((e as { code: unknown }).code).startsWith('SQLITE_BUSY');
}

/**
 * Why changes to the project could not be saved, or null: the file is marked read-only (even where
 * the operating system would let an administrator write it), cannot be opened for writing (no
 * permission, an immutable file), or its folder cannot take the journal SQLite writes beside it.
 */
export function writeProblem(path: string): string | null {
  if ((statSync(path).mode & 0o222) === 0) return 'The file is marked read-only, so it is open read-only. To change it, save a copy (Save As) or clear the read-only mark.';
  try {
    closeSync(openSync(path, 'r+'));
  } catch {
    return 'You do not have permission to change this file, so it is open read-only. Save a copy (Save As) to change it.';
  }
  const probe = join(dirname(path), `.quadrat-write-check-${process.pid}-${Date.now()}`);
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
  } catch {
    return `The folder of "${basename(path)}" cannot be written (changes are journaled beside the file), so it is open read-only. Save a copy elsewhere to change it.`;
  }
  return null;
}

/** Creates a new, empty project file (refuses to overwrite an existing file). */
export function createProjectFile(path: string, createdBy: string): OpenedFile {
  if (existsSync(path)) throw projectError(path, `"${basename(path)}" already exists; choose another name.`);
  const db = openDb(path, false, false);
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    configure(db);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    migrate(db, 0);
    const put = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    db.transaction(() => {
      put.run('created_at', new Date().toISOString());
      put.run('created_by', createdBy);
      put.run('notes', '');
    })();
  } catch (e) {
    db.close();
    throw e;
  }
  return { db, readOnly: false, readOnlyReason: null, schemaVersion: SCHEMA_VERSION };
}

export function openProjectFile(path: string): OpenedFile {
  const name = basename(path);
  if (!existsSync(path)) throw projectError(path, `"${name}" does not exist (it may have been moved or deleted).`);
  if (!statSync(path).isFile()) throw projectError(path, `"${name}" is a folder, not a Quadrat project.`);
  if (readMagic(path) !== SQLITE_MAGIC) throw projectError(path, `"${name}" is not a Quadrat project.`);

  // Open read-write when we can: a crash may have left a journal to roll back, which needs write access.
  // A file that cannot be written is found before opening (SQLite would open it writable and fail at
  // the first change, losing it): then it opens read-only, with the reason.
  let readOnlyReason: string | null = writeProblem(path);
  let readOnly = readOnlyReason !== null;
  let db: Database.Database;
  if (readOnly) db = openDb(path, true, true);
  else {
    try {
      db = openDb(path, false, true);
      db.pragma('locking_mode = EXCLUSIVE');
    } catch {
      db = openDb(path, true, true);
      readOnly = true;
      readOnlyReason = 'You do not have permission to change this file, so it is open read-only.';
    }
  }
  try {
    const appId = Number(db.pragma('application_id', { simple: true }));
    if (appId !== APPLICATION_ID) throw projectError(path, `"${name}" is an SQLite database but not a Quadrat project.`);
    const check = String(db.pragma('quick_check', { simple: true }));
    if (check !== 'ok') throw projectError(path, `"${name}" is damaged and cannot be opened (SQLite reports: ${check}).`);
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version > SCHEMA_VERSION) {
      db.close();
      db = openDb(path, true, true);
      return {
        db,
        readOnly: true,
        readOnlyReason:
          `This project was saved by a newer version of Quadrat (file format ${version}; this version knows up to ` +
          `${SCHEMA_VERSION}). It is open read-only; update Quadrat to change it.`,
        schemaVersion: version,
      };
    }
    if (!readOnly) {
      configure(db);
      if (version < SCHEMA_VERSION) {
        db.exec(`VACUUM INTO ${sqlString(`${path}.v${version}.bak`)}`);
        migrate(db, version);
      }
    } else if (version < READABLE_FROM) {
      throw projectError(path, `"${name}" needs an upgrade to this version's format, but the file cannot be written.`);
    }
    // A read-only file of an older version is read as it is (the stores know version 1).
    const schemaVersion = readOnly ? version : SCHEMA_VERSION;
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name),
    );
    const missing = requiredTables(schemaVersion).filter((t) => !tables.has(t));
    if (missing.length) throw projectError(path, `"${name}" is damaged: it lacks the ${missing.join(', ')} table(s).`);
    return { db, readOnly, readOnlyReason, schemaVersion };
  } catch (e) {
    db.close();
    if (e instanceof QuadratError) throw e;
    if (isLocked(e)) throw projectError(path, `"${name}" is open in another Quadrat window or program; close it there first.`);
    throw projectError(path, `"${name}" cannot be opened: ${(e as Error).message}.`);
  }
}

function openDb(path: string, readonly: boolean, fileMustExist: boolean): Database.Database {
  try {
    return new Database(path, { readonly, fileMustExist, timeout: 500 });
  } catch (e) {
    throw projectError(path, `"${basename(path)}" cannot be opened: ${(e as Error).message}.`);
  }
}

/** Applies migrations[from..] each in its own transaction together with its user_version bump. */
function migrate(db: Database.Database, from: number): void {
  for (let v = from; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      migrations[v](db);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}
