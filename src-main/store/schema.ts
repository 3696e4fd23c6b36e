/**
 * The project file's schema and its forward-only migrations. `user_version` is the number of
 * migrations applied; each migration runs in one transaction together with the version bump, so a
 * file is always at exactly one version. Never edit a released migration: add a new one.
 */
import type Database from 'better-sqlite3';
import { type FitReport } from '../../src-engine/lmm/fitReport';
import { insertPiece, newVectorSet, splitReport, summaryOf, vectorPieces } from './fitVectors';

/** PRAGMA application_id of every .quadrat file: "Qdrt" (0x51647274). */
export const APPLICATION_ID = 0x51647274;

type Migration = (db: Database.Database) => void;

export const migrations: readonly Migration[] = [
  // 1: datasets with typed columns and an undo log, fits, project metadata.
  (db) =>
    db.exec(`
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
      CREATE TABLE datasets (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL,
        source_file TEXT,
        imported_at TEXT NOT NULL,
        nrow        INTEGER NOT NULL CHECK (nrow >= 0),
        revision    INTEGER NOT NULL DEFAULT 0,
        data_hash   TEXT NOT NULL
      ) STRICT;
      CREATE TABLE columns (
        id         INTEGER PRIMARY KEY,
        dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        position   INTEGER NOT NULL,
        name       TEXT NOT NULL,
        type       TEXT NOT NULL CHECK (type IN ('numeric', 'factor', 'logical', 'text')),
        levels     TEXT,
        data       BLOB NOT NULL,
        UNIQUE (dataset_id, name)
      ) STRICT;
      CREATE TABLE edits (
        id         INTEGER PRIMARY KEY,
        dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        label      TEXT NOT NULL,
        redo       TEXT NOT NULL,
        undo       TEXT NOT NULL,
        undone     INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX edits_by_dataset ON edits (dataset_id, id);
      CREATE TABLE fits (
        id             INTEGER PRIMARY KEY,
        dataset_id     INTEGER REFERENCES datasets(id) ON DELETE SET NULL,
        dataset_name   TEXT NOT NULL,
        name           TEXT NOT NULL,
        spec           TEXT NOT NULL,
        report         TEXT NOT NULL,
        engine_version TEXT NOT NULL,
        data_hash      TEXT NOT NULL,
        note           TEXT NOT NULL DEFAULT '',
        created_at     TEXT NOT NULL
      ) STRICT;
    `),
  // 2: a small summary beside each report; the per-observation vectors of a fit as float64 BLOBs in
  // pieces of 65,536 values (a plot reads a page without reading the rest), grouped in a vector set
  // that the fit row points to (a large fit's pieces are written first, the fit row last); each
  // column's missing count (listing datasets decodes no data).
  (db) => {
    db.exec(`
      CREATE TABLE vector_sets (id INTEGER PRIMARY KEY) STRICT;
      CREATE TABLE fit_vectors (
        set_id INTEGER NOT NULL REFERENCES vector_sets(id) ON DELETE CASCADE,
        name   TEXT NOT NULL,
        chunk  INTEGER NOT NULL CHECK (chunk >= 0),
        length INTEGER NOT NULL CHECK (length >= 0),
        data   BLOB NOT NULL,
        PRIMARY KEY (set_id, name, chunk)
      ) STRICT;
      ALTER TABLE fits ADD COLUMN summary TEXT;
      ALTER TABLE fits ADD COLUMN vectors INTEGER REFERENCES vector_sets(id);
      CREATE TRIGGER fits_drop_vectors AFTER DELETE ON fits WHEN old.vectors IS NOT NULL
        BEGIN DELETE FROM vector_sets WHERE id = old.vectors; END;
      ALTER TABLE columns ADD COLUMN missing INTEGER;
    `);
    splitStoredReports(db);
  },
  // 3: batches (one model over many units) and each unit's result as it finishes, so a batch resumes.
  (db) =>
    db.exec(`
      CREATE TABLE batches (
        id           INTEGER PRIMARY KEY,
        dataset_id   INTEGER REFERENCES datasets(id) ON DELETE SET NULL,
        dataset_name TEXT NOT NULL,
        name         TEXT NOT NULL,
        spec         TEXT NOT NULL,
        split        TEXT NOT NULL,
        units_total  INTEGER NOT NULL CHECK (units_total >= 0),
        data_hash    TEXT NOT NULL,
        created_at   TEXT NOT NULL,
        finished_at  TEXT
      ) STRICT;
      CREATE TABLE batch_units (
        batch_id INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        unit     TEXT NOT NULL,
        result   TEXT NOT NULL,
        PRIMARY KEY (batch_id, unit)
      ) STRICT;
    `),
  // 4: Bayesian fits (brms): the spec and sampler settings, the report (brms's summary), a small
  // summary for listing, and the post-warm-up draws of every chain, compressed, so reopening the
  // project shows the same results and plots without sampling again.
  (db) =>
    db.exec(`
      CREATE TABLE bayes_fits (
        id              INTEGER PRIMARY KEY,
        dataset_id      INTEGER REFERENCES datasets(id) ON DELETE SET NULL,
        dataset_name    TEXT NOT NULL,
        name            TEXT NOT NULL,
        spec            TEXT NOT NULL,
        settings        TEXT NOT NULL,
        summary         TEXT NOT NULL,
        report          TEXT NOT NULL,
        draws           BLOB NOT NULL,
        compared_fit_id INTEGER REFERENCES fits(id) ON DELETE SET NULL,
        engine_version  TEXT NOT NULL,
        data_hash       TEXT NOT NULL,
        note            TEXT NOT NULL DEFAULT '',
        created_at      TEXT NOT NULL
      ) STRICT;
    `),
  // 5: a batch's Bayesian refit of separated units (its sampler settings as JSON; NULL: glmer only).
  (db) => db.exec('ALTER TABLE batches ADD COLUMN bayes_separated TEXT'),
  // 6: computed columns: the expression a column is recomputed from (NULL for data columns).
  (db) => db.exec('ALTER TABLE columns ADD COLUMN definition TEXT'),
];

/**
 * Moves the vectors out of every version-1 report, one fit at a time. A report that cannot be parsed
 * is left exactly as it is, without a summary: it stays listed as damaged and is never written over.
 */
function splitStoredReports(db: Database.Database): void {
  const ids = (db.prepare('SELECT id FROM fits ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  const read = db.prepare('SELECT report FROM fits WHERE id = ?');
  const write = db.prepare('UPDATE fits SET report = ?, summary = ?, vectors = ? WHERE id = ?');
  for (const id of ids) {
    let report: FitReport;
    try {
      report = JSON.parse((read.get(id) as { report: string }).report) as FitReport;
    } catch {
      continue;
    }
    const summary = summaryOf(report);
    if (!summary) continue;
    const { head, vectors } = splitReport(report);
    const set = newVectorSet(db);
    for (const [name, v] of vectors) for (const piece of vectorPieces(v)) insertPiece(db, set, name, v.length, piece);
    write.run(JSON.stringify(head), JSON.stringify(summary), set, id);
  }
}

export const SCHEMA_VERSION = migrations.length;

/** The oldest version a read-only file (which cannot be migrated) is still read at. */
export const READABLE_FROM = 1;

/** Tables a valid file at a version must have (a sanity check beyond application_id). */
export function requiredTables(version: number): string[] {
  return ['meta', 'datasets', 'columns', 'edits', 'fits', ...(version >= 2 ? ['vector_sets', 'fit_vectors'] : []), ...(version >= 3 ? ['batches', 'batch_units'] : []), ...(version >= 4 ? ['bayes_fits'] : [])];
}
