/**
 * Batches in a project file: the settings of each batch and each unit's result, written as the unit
 * finishes (in one transaction per chunk), so a batch stopped by a crash, a cancel or a closed
 * project resumes by fitting only the units that have no row yet.
 */
import type Database from 'better-sqlite3';
import { QuadratError } from '../../src-engine/errors/quadratError';
import { type UnitResult } from '../../src-engine/batch/unitResult';
import { type BatchBayes, batchBayesSchema, type BatchSplit, type BatchSummary } from '../api/batchShapes';
import { type ModelSpec, modelSpecSchema } from '../api/shapes';

interface BatchRow {
  id: number;
  dataset_id: number | null;
  dataset_name: string;
  name: string;
  spec: string;
  split: string;
  units_total: number;
  data_hash: string;
  created_at: string;
  finished_at: string | null;
  /** Absent in files from before migration 5. */
  bayes_separated?: string | null;
  done: number;
}

export interface NewBatch {
  datasetId: number;
  datasetName: string;
  name: string;
  spec: ModelSpec;
  split: BatchSplit;
  unitsTotal: number;
  dataHash: string;
  bayesSeparated: BatchBayes | null;
}

export class BatchStore {
  constructor(
    private readonly db: Database.Database,
    private readonly assertWritable: () => void,
    private readonly currentHash: (datasetId: number) => string | null,
    /** False for a read-only file from before batches (schema < 3): it has none. */
    private readonly available = true,
  ) {}

  create(b: NewBatch): number {
    this.assertWritable();
    const r = this.db
      .prepare('INSERT INTO batches (dataset_id, dataset_name, name, spec, split, units_total, data_hash, created_at, bayes_separated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(b.datasetId, b.datasetName, b.name, JSON.stringify(b.spec), JSON.stringify(b.split), b.unitsTotal, b.dataHash, new Date().toISOString(), b.bayesSeparated ? JSON.stringify(b.bayesSeparated) : null);
    return Number(r.lastInsertRowid);
  }

  /** Stores finished units; `position` keeps the batch's unit order for reading back. */
  addUnits(batchId: number, results: readonly { position: number; result: UnitResult }[]): void {
    this.assertWritable();
    const insert = this.db.prepare('INSERT OR REPLACE INTO batch_units (batch_id, position, unit, result) VALUES (?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const { position, result } of results) insert.run(batchId, position, result.unit, JSON.stringify(result));
    })();
  }

  finish(batchId: number): void {
    this.assertWritable();
    this.db.prepare('UPDATE batches SET finished_at = ? WHERE id = ?').run(new Date().toISOString(), batchId);
  }

  doneUnits(batchId: number): Set<string> {
    return new Set((this.db.prepare('SELECT unit FROM batch_units WHERE batch_id = ?').all(batchId) as { unit: string }[]).map((r) => r.unit));
  }

  list(jobOf: (batchId: number) => string | null): BatchSummary[] {
    if (!this.available) return [];
    const rows = this.db.prepare(`SELECT b.*, (SELECT COUNT(*) FROM batch_units u WHERE u.batch_id = b.id) AS done FROM batches b ORDER BY b.id`).all() as BatchRow[];
    return rows.map((r) => this.summary(r, jobOf(r.id)));
  }

  summaryOf(batchId: number, jobId: string | null): BatchSummary {
    return this.summary(this.row(batchId), jobId);
  }

  /** The units in the batch's order. A damaged row is reported as a failed unit, never dropped. */
  units(batchId: number): UnitResult[] {
    this.row(batchId);
    const rows = this.db.prepare('SELECT unit, result FROM batch_units WHERE batch_id = ? ORDER BY position').all(batchId) as { unit: string; result: string }[];
    return rows.map((r) => {
      try {
        return JSON.parse(r.result) as UnitResult;
      } catch {
        const flags = { converged: false, singular: false, separation: null, overdispersion: null, tooFew: false };
        return { unit: r.unit, status: 'error', nobs: 0, coefficients: [], tests: [], random: [], logLik: null, aic: null, flags, reasons: [], warnings: [], error: 'The stored result of this unit is damaged in the project file; run the batch again to refit it.' };
      }
    });
  }

  delete(batchId: number): void {
    this.assertWritable();
    this.row(batchId);
    this.db.prepare('DELETE FROM batches WHERE id = ?').run(batchId);
  }

  private row(batchId: number): BatchRow {
    if (!this.available) throw new QuadratError('input', `There is no batch with id ${batchId} in this project.`);
    const r = this.db.prepare(`SELECT b.*, (SELECT COUNT(*) FROM batch_units u WHERE u.batch_id = b.id) AS done FROM batches b WHERE b.id = ?`).get(batchId) as BatchRow | undefined;
    if (!r) throw new QuadratError('input', `There is no batch with id ${batchId} in this project.`);
    return r;
  }

  private summary(r: BatchRow, jobId: string | null): BatchSummary {
    const current = r.dataset_id === null ? null : this.currentHash(r.dataset_id);
    return {
      id: r.id,
      name: r.name,
      datasetId: r.dataset_id,
      datasetName: r.dataset_name,
      spec: modelSpecSchema.parse(JSON.parse(r.spec)),
      split: JSON.parse(r.split) as BatchSplit,
      unitsTotal: r.units_total,
      unitsDone: Number(r.done),
      createdAt: r.created_at,
      finishedAt: r.finished_at,
      dataChanged: current !== r.data_hash,
      jobId,
      bayesSeparated: r.bayes_separated ? batchBayesSchema.parse(JSON.parse(r.bayes_separated)) : null,
    };
  }
}
