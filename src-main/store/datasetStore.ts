/**
 * Datasets in a project file: import, read, edit with a persistent undo log. Each edit is one
 * transaction (column changes + dataset row + undo entry), committed before the call returns.
 */
import type Database from 'better-sqlite3';
import { type LevelOrder } from '../../src-engine/data/levels';
import { missingCount, type Table } from '../../src-engine/data/table';
import { QuadratError } from '../../src-engine/errors/quadratError';
import { type DatasetInfo } from '../api/shapes';
import { dataHash, dataHasher } from './dataHash';
import { type DatasetRow, type PreparedColumn, insertColumns, insertPrepared, prepareColumn, readTable, writeColumnChanges } from './datasetRows';
import { type EditOp, applyEdit } from './tableEdits';

/** Undo steps kept per dataset; older ones are dropped. */
export const UNDO_DEPTH = 200;

interface EditRow {
  id: number;
  label: string;
  redo: string;
  undo: string;
}

export class DatasetStore {
  private readonly tables = new Map<number, Table>();

  constructor(
    private readonly db: Database.Database,
    private readonly assertWritable: () => void,
    /** What the file keeps of column summaries: none (version 1), read only, or counts it may add. */
    private readonly storedCounts: 'none' | 'read' | 'write' = 'write',
    /** The file keeps computed columns' definitions (format 6 on; a read-only older file does not). */
    private readonly definitions = true,
  ) {}

  list(): DatasetInfo[] {
    const rows = this.db.prepare('SELECT * FROM datasets ORDER BY id').all() as DatasetRow[];
    return rows.map((r) => this.describe(r));
  }

  info(id: number): DatasetInfo {
    return this.describe(this.row(id));
  }

  table(id: number): Table {
    let t = this.tables.get(id);
    if (!t) {
      t = readTable(this.db, id, this.row(id).nrow, this.definitions);
      this.tables.set(id, t);
    }
    return t;
  }

  add(name: string, table: Table, sourceFile: string | null): DatasetInfo {
    this.assertWritable();
    const names = new Set<string>();
    for (const c of table.columns) {
      if (names.has(c.name)) throw new QuadratError('data', `Two columns are named "${c.name}".`, { columnName: c.name });
      names.add(c.name);
    }
    const id = this.db.transaction(() => {
      const r = this.db
        .prepare('INSERT INTO datasets (name, source_file, imported_at, nrow, data_hash) VALUES (?, ?, ?, ?, ?)')
        .run(this.uniqueName(name), sourceFile, new Date().toISOString(), table.nrow, dataHash(table));
      const id = Number(r.lastInsertRowid);
      insertColumns(this.db, id, table.columns);
      return id;
    })();
    this.tables.set(id, table);
    return this.info(id);
  }

  /**
   * As add, for a large imported table: each column is encoded, counted and hashed with a turn of the
   * event loop in between, so other calls are answered meanwhile; only the inserts run in the
   * transaction (storing a 1M-row import held the main thread for ~330 ms in one piece).
   */
  async addInTurns(name: string, table: Table, sourceFile: string | null): Promise<DatasetInfo> {
    this.assertWritable();
    const names = new Set<string>();
    for (const c of table.columns) {
      if (names.has(c.name)) throw new QuadratError('data', `Two columns are named "${c.name}".`, { columnName: c.name });
      names.add(c.name);
    }
    const hash = dataHasher(table);
    const prepared: PreparedColumn[] = [];
    for (const c of table.columns) {
      await new Promise((r) => setImmediate(r));
      const p = prepareColumn(c);
      hash.column(p.stored);
      prepared.push(p);
    }
    await new Promise((r) => setImmediate(r));
    this.assertWritable();
    const id = this.db.transaction(() => {
      const r = this.db
        .prepare('INSERT INTO datasets (name, source_file, imported_at, nrow, data_hash) VALUES (?, ?, ?, ?, ?)')
        .run(this.uniqueName(name), sourceFile, new Date().toISOString(), table.nrow, hash.digest());
      const id = Number(r.lastInsertRowid);
      insertPrepared(this.db, id, prepared);
      return id;
    })();
    this.tables.set(id, table);
    return this.info(id);
  }

  rename(id: number, name: string): DatasetInfo {
    this.assertWritable();
    this.row(id);
    this.db.prepare('UPDATE datasets SET name = ? WHERE id = ?').run(this.uniqueName(name, id), id);
    return this.info(id);
  }

  delete(id: number): void {
    this.assertWritable();
    this.row(id);
    this.db.prepare('DELETE FROM datasets WHERE id = ?').run(id);
    this.tables.delete(id);
  }

  /** Applies one edit as one undo step; computed factor columns sort new levels in `levelOrder`. */
  edit(id: number, op: EditOp, label: string, levelOrder: LevelOrder = 'locale'): { info: DatasetInfo; warnings: string[] } {
    this.assertWritable();
    const before = this.table(id);
    const { table, inverse, warnings } = applyEdit(before, op, levelOrder);
    this.db.transaction(() => {
      this.persist(id, before, table);
      this.db.prepare('DELETE FROM edits WHERE dataset_id = ? AND undone = 1').run(id);
      this.db
        .prepare('INSERT INTO edits (dataset_id, label, redo, undo, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(id, label, toJson(op), toJson(inverse), new Date().toISOString());
      this.db
        .prepare(
          'DELETE FROM edits WHERE dataset_id = ? AND id NOT IN (SELECT id FROM edits WHERE dataset_id = ? ORDER BY id DESC LIMIT ?)',
        )
        .run(id, id, UNDO_DEPTH);
    })();
    this.tables.set(id, table);
    return { info: this.info(id), warnings };
  }

  undo(id: number, levelOrder: LevelOrder = 'locale'): DatasetInfo {
    const e = this.db
      .prepare('SELECT id, label, redo, undo FROM edits WHERE dataset_id = ? AND undone = 0 ORDER BY id DESC LIMIT 1')
      .get(id) as EditRow | undefined;
    if (!e) throw new QuadratError('input', 'There is nothing to undo in this dataset.');
    return this.step(id, e, JSON.parse(e.undo) as EditOp, 1, levelOrder);
  }

  redo(id: number, levelOrder: LevelOrder = 'locale'): DatasetInfo {
    const e = this.db
      .prepare('SELECT id, label, redo, undo FROM edits WHERE dataset_id = ? AND undone = 1 ORDER BY id ASC LIMIT 1')
      .get(id) as EditRow | undefined;
    if (!e) throw new QuadratError('input', 'There is nothing to redo in this dataset.');
    return this.step(id, e, JSON.parse(e.redo) as EditOp, 0, levelOrder);
  }

  private step(id: number, e: EditRow, op: EditOp, undone: 0 | 1, levelOrder: LevelOrder): DatasetInfo {
    this.assertWritable();
    const before = this.table(id);
    const { table } = applyEdit(before, op, levelOrder);
    this.db.transaction(() => {
      this.persist(id, before, table);
      this.db.prepare('UPDATE edits SET undone = ? WHERE id = ?').run(undone, e.id);
    })();
    this.tables.set(id, table);
    return this.info(id);
  }

  private persist(id: number, before: Table, after: Table): void {
    writeColumnChanges(this.db, id, before, after);
    this.db
      .prepare('UPDATE datasets SET nrow = ?, revision = revision + 1, data_hash = ? WHERE id = ?')
      .run(after.nrow, dataHash(after), id);
  }

  private row(id: number): DatasetRow {
    const r = this.db.prepare('SELECT * FROM datasets WHERE id = ?').get(id) as DatasetRow | undefined;
    if (!r) throw new QuadratError('input', `There is no dataset with id ${id} in this project.`);
    return r;
  }

  private uniqueName(name: string, self?: number): string {
    const taken = new Set(
      (this.db.prepare('SELECT name FROM datasets WHERE id IS NOT ?').all(self ?? null) as { name: string }[]).map((r) => r.name),
    );
    let candidate = name;
    for (let k = 2; taken.has(candidate); k++) candidate = `${name} (${k})`;
    return candidate;
  }

  /**
   * Each column's name, type, levels and missing count from the columns table, not from its data: a
   * 15M-row dataset lists as fast as a small one. A count not stored yet (a migrated file) is counted
   * once and stored.
   */
  private columnInfo(id: number): DatasetInfo['columns'] {
    if (this.storedCounts === 'none') return this.table(id).columns.map((c) => ({ name: c.name, type: c.type, levels: c.type === 'factor' ? [...c.levels] : [], missing: missingCount(c), ...(c.definition !== undefined ? { definition: c.definition } : {}) }));
    const definition = this.definitions ? 'definition' : 'NULL AS definition';
    const rows = this.db.prepare(`SELECT name, type, levels, missing, ${definition} FROM columns WHERE dataset_id = ? ORDER BY position`).all(id) as StoredInfo[];
    if (rows.some((c) => c.missing === null)) {
      const t = this.table(id);
      if (this.storedCounts === 'write') {
        const put = this.db.prepare('UPDATE columns SET missing = ? WHERE dataset_id = ? AND name = ?');
        this.db.transaction(() => t.columns.forEach((c) => put.run(missingCount(c), id, c.name)))();
      }
      return this.columnInfo(id);
    }
    return rows.map((c) => ({ name: c.name, type: c.type, levels: c.type === 'factor' ? levelsOf(c) : [], missing: c.missing ?? 0, ...(c.definition !== null ? { definition: c.definition } : {}) }));
  }

  private describe(r: DatasetRow): DatasetInfo {
    const lastDone = this.db
      .prepare('SELECT label FROM edits WHERE dataset_id = ? AND undone = 0 ORDER BY id DESC LIMIT 1')
      .get(r.id) as { label: string } | undefined;
    const firstUndone = this.db
      .prepare('SELECT label FROM edits WHERE dataset_id = ? AND undone = 1 ORDER BY id ASC LIMIT 1')
      .get(r.id) as { label: string } | undefined;
    return {
      id: r.id,
      name: r.name,
      nrow: r.nrow,
      columns: this.columnInfo(r.id),
      sourceFile: r.source_file,
      importedAt: r.imported_at,
      revision: r.revision,
      dataHash: r.data_hash,
      canUndo: lastDone !== undefined,
      canRedo: firstUndone !== undefined,
      undoLabel: lastDone?.label ?? null,
      redoLabel: firstUndone?.label ?? null,
    };
  }
}

interface StoredInfo {
  name: string;
  type: DatasetInfo['columns'][number]['type'];
  levels: string | null;
  missing: number | null;
  definition: string | null;
}

/** A factor's stored level labels (a damaged row: the file is damaged, said by name). */
function levelsOf(c: StoredInfo): string[] {
  try {
    const levels: unknown = JSON.parse(c.levels ?? 'null');
    if (Array.isArray(levels) && levels.every((l) => typeof l === 'string')) return levels as string[];
  } catch {
    /* reported below */
  }
  throw new QuadratError('project', `The project file is damaged: column "${c.name}" cannot be read.`);
}

/** JSON for the undo log; ±Infinity cannot be JSON, so it is written as R's text ("Inf"). */
function toJson(op: EditOp): string {
  return JSON.stringify(op, (_k, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? (Number.isNaN(v) ? null : v > 0 ? 'Inf' : '-Inf') : v,
  );
}
