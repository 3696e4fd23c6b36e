/**
 * The project file's schema and its forward-only migrations. `user_version` is the number of
 * migrations applied; each migration runs in one transaction together with the version bump, so a
 * file is always at exactly one version. Never edit a released migration: add a new one.
 */
import type Database from 'better-sqlite3';

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
  // batches (one model over many units) and each unit's result as it finishes, so a batch resumes.
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
];

export const SCHEMA_VERSION = migrations.length;

/** Tables a valid file at SCHEMA_VERSION must have (a sanity check beyond application_id). */
export const REQUIRED_TABLES = ['meta', 'datasets', 'columns', 'edits', 'fits', 'batches', 'batch_units'];
