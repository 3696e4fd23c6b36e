/** Row-level SQL for datasets: reading/writing columns and the dataset row itself. */
import type Database from 'better-sqlite3';
import { type Column, type Table, missingCount } from '../../src-engine/data/table';
import { type StoredColumn, decodeColumn, encodeColumn } from './columnCodec';

export interface DatasetRow {
  id: number;
  name: string;
  source_file: string | null;
  imported_at: string;
  nrow: number;
  revision: number;
  data_hash: string;
}

/** Each column is stored with its missing count, so listing datasets reads no column data. */
const INSERT_COLUMN = 'INSERT INTO columns (dataset_id, position, name, type, levels, data, missing, definition) VALUES (?, ?, ?, ?, ?, ?, ?, ?)';

/** `definitions`: the file has computed-column definitions (format 6 on; a read-only older file has none). */
export function readTable(db: Database.Database, datasetId: number, nrow: number, definitions = true): Table {
  const rows = db
    .prepare(`SELECT name, type, levels, data, ${definitions ? 'definition' : 'NULL AS definition'} FROM columns WHERE dataset_id = ? ORDER BY position`)
    .all(datasetId) as StoredColumn[];
  return { nrow, columns: rows.map((r) => decodeColumn(r, nrow)) };
}

/** A column encoded for storage, with its missing count (prepared outside the transaction that stores it). */
export interface PreparedColumn {
  stored: StoredColumn;
  missing: number;
}

export function prepareColumn(c: Column): PreparedColumn {
  return { stored: encodeColumn(c), missing: missingCount(c) };
}

export function insertPrepared(db: Database.Database, datasetId: number, columns: readonly PreparedColumn[]): void {
  const ins = db.prepare(INSERT_COLUMN);
  columns.forEach(({ stored: s, missing }, i) => ins.run(datasetId, i, s.name, s.type, s.levels, s.data, missing, s.definition ?? null));
}

export function insertColumns(db: Database.Database, datasetId: number, columns: readonly Column[]): void {
  const ins = db.prepare(INSERT_COLUMN);
  columns.forEach((c, i) => {
    const s = encodeColumn(c);
    ins.run(datasetId, i, s.name, s.type, s.levels, s.data, missingCount(c), s.definition ?? null);
  });
}

/**
 * Writes only what changed between two versions of a table: columns are immutable, so an unchanged
 * column is the very same object and needs at most a new position.
 */
export function writeColumnChanges(db: Database.Database, datasetId: number, before: Table, after: Table): void {
  const old = new Map(before.columns.map((c) => [c.name, c]));
  const kept = new Set(after.columns.filter((c) => old.get(c.name) === c).map((c) => c.name));
  const del = db.prepare('DELETE FROM columns WHERE dataset_id = ? AND name = ?');
  for (const c of before.columns) if (!kept.has(c.name)) del.run(datasetId, c.name);
  const move = db.prepare('UPDATE columns SET position = ? WHERE dataset_id = ? AND name = ?');
  const ins = db.prepare(INSERT_COLUMN);
  after.columns.forEach((c, i) => {
    if (kept.has(c.name)) {
      if (before.columns.indexOf(c) !== i) move.run(i, datasetId, c.name);
    } else {
      const s = encodeColumn(c);
      ins.run(datasetId, i, s.name, s.type, s.levels, s.data, missingCount(c), s.definition ?? null);
    }
  });
}
