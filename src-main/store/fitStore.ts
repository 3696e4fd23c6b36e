/** Model history in a project file: every fit with its spec, full report, engine version and data hash. */
import type Database from 'better-sqlite3';
import { QuadratError } from '../../src-engine/errors/quadratError';
import { type FitReport } from '../../src-engine/lmm/fitReport';
import { type FitSummary, type ModelSpec, modelSpecSchema } from '../api/shapes';

interface FitRow {
  id: number;
  dataset_id: number | null;
  dataset_name: string;
  name: string;
  spec: string;
  report: string;
  engine_version: string;
  data_hash: string;
  note: string;
  created_at: string;
}

export interface NewFit {
  datasetId: number;
  datasetName: string;
  name: string;
  spec: ModelSpec;
  report: FitReport;
  engineVersion: string;
  dataHash: string;
}

export class FitStore {
  constructor(
    private readonly db: Database.Database,
    private readonly assertWritable: () => void,
    /** The current data hash of a dataset, or null if it no longer exists. */
    private readonly currentHash: (datasetId: number) => string | null,
  ) {}

  add(fit: NewFit): number {
    this.assertWritable();
    const r = this.db
      .prepare(
        `INSERT INTO fits (dataset_id, dataset_name, name, spec, report, engine_version, data_hash, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        fit.datasetId,
        fit.datasetName,
        fit.name,
        JSON.stringify(fit.spec),
        JSON.stringify(fit.report),
        fit.engineVersion,
        fit.dataHash,
        new Date().toISOString(),
      );
    return Number(r.lastInsertRowid);
  }

  list(datasetId?: number): FitSummary[] {
    const rows = (
      datasetId === undefined
        ? this.db.prepare('SELECT * FROM fits ORDER BY id').all()
        : this.db.prepare('SELECT * FROM fits WHERE dataset_id = ? ORDER BY id').all(datasetId)
    ) as FitRow[];
    return rows.map((r) => this.summary(r, JSON.parse(r.report) as FitReport));
  }

  get(id: number): { summary: FitSummary; report: FitReport } {
    const r = this.row(id);
    const report = JSON.parse(r.report) as FitReport;
    return { summary: this.summary(r, report), report };
  }

  rename(id: number, name: string): FitSummary {
    this.assertWritable();
    this.row(id);
    this.db.prepare('UPDATE fits SET name = ? WHERE id = ?').run(name, id);
    return this.get(id).summary;
  }

  annotate(id: number, note: string): FitSummary {
    this.assertWritable();
    this.row(id);
    this.db.prepare('UPDATE fits SET note = ? WHERE id = ?').run(note, id);
    return this.get(id).summary;
  }

  delete(id: number): void {
    this.assertWritable();
    this.row(id);
    this.db.prepare('DELETE FROM fits WHERE id = ?').run(id);
  }

  /** Names in use, to number new fits "Model 1", "Model 2", ... */
  count(): number {
    return Number((this.db.prepare('SELECT COUNT(*) AS n FROM fits').get() as { n: number }).n);
  }

  private row(id: number): FitRow {
    const r = this.db.prepare('SELECT * FROM fits WHERE id = ?').get(id) as FitRow | undefined;
    if (!r) throw new QuadratError('input', `There is no model with id ${id} in this project.`);
    return r;
  }

  private summary(r: FitRow, report: FitReport): FitSummary {
    const current = r.dataset_id === null ? null : this.currentHash(r.dataset_id);
    const finite = (x: number | null) => (x !== null && Number.isFinite(x) ? x : null);
    return {
      id: r.id,
      name: r.name,
      datasetId: r.dataset_id,
      datasetName: r.dataset_name,
      spec: modelSpecSchema.parse(JSON.parse(r.spec)),
      createdAt: r.created_at,
      engineVersion: r.engine_version,
      dataHash: r.data_hash,
      dataChanged: current !== r.data_hash,
      note: r.note,
      nobs: report.nobs,
      logLik: finite(report.logLik),
      aic: finite(report.aic),
      bic: finite(report.bic),
      converged: report.converged,
      singular: report.singular,
    };
  }
}
