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

/** The numbers of a report that a summary shows (SQLite's json_extract gives booleans as 0/1). */
interface SummaryNumbers {
  nobs: unknown;
  logLik: unknown;
  aic: unknown;
  bic: unknown;
  converged: unknown;
  singular: unknown;
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

  /**
   * The history without reading any full report into JavaScript: SQLite extracts the few numbers a
   * summary shows. A record whose stored JSON is damaged is listed as damaged; the others stay usable.
   */
  list(datasetId?: number): FitSummary[] {
    const head = `SELECT id, dataset_id, dataset_name, name, spec, engine_version, data_hash, note, created_at,
        json_valid(report) AS ok,
        CASE WHEN json_valid(report) THEN json_extract(report, '$.nobs') END AS nobs,
        CASE WHEN json_valid(report) THEN json_extract(report, '$.logLik') END AS logLik,
        CASE WHEN json_valid(report) THEN json_extract(report, '$.aic') END AS aic,
        CASE WHEN json_valid(report) THEN json_extract(report, '$.bic') END AS bic,
        CASE WHEN json_valid(report) THEN json_extract(report, '$.converged') END AS converged,
        CASE WHEN json_valid(report) THEN json_extract(report, '$.singular') END AS singular
      FROM fits`;
    const rows = (datasetId === undefined ? this.db.prepare(`${head} ORDER BY id`).all() : this.db.prepare(`${head} WHERE dataset_id = ? ORDER BY id`).all(datasetId)) as (Omit<FitRow, 'report'> & SummaryNumbers & { ok: number })[];
    return rows.map((r) => this.summary(r, r.ok ? r : undefined));
  }

  /** Model names in use (to number the next "Model k"), without reading the reports. */
  names(): string[] {
    return (this.db.prepare('SELECT name FROM fits ORDER BY id').all() as { name: string }[]).map((r) => r.name);
  }

  get(id: number): { summary: FitSummary; report: FitReport } {
    const r = this.row(id);
    let report: FitReport;
    try {
      report = JSON.parse(r.report) as FitReport;
    } catch {
      throw new QuadratError('project', `The stored result of "${r.name}" is damaged in the project file and cannot be shown. The other models are unaffected; the record is kept as it is (delete it from the history, or fit the model again).`);
    }
    const summary = this.summary(r, report);
    if (summary.damaged) throw new QuadratError('project', `The stored record of "${r.name}" is damaged (${summary.damaged}); the other models are unaffected. Fit the model again.`);
    return { summary, report };
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

  /** A summary from the stored row and the report's numbers (undefined: the report is damaged). */
  private summary(r: Omit<FitRow, 'report'>, numbers: SummaryNumbers | undefined): FitSummary {
    const current = r.dataset_id === null ? null : this.currentHash(r.dataset_id);
    const finite = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : null);
    let spec: ModelSpec;
    let damaged: string | undefined;
    try {
      spec = modelSpecSchema.parse(JSON.parse(r.spec));
    } catch {
      spec = { formula: '(damaged)', reml: true, ddf: 'satterthwaite', anovaType: 3, family: 'gaussian', nAGQ: 1 };
      damaged = 'its model specification cannot be read';
    }
    if (!numbers || typeof numbers.nobs !== 'number') damaged ??= 'its stored result cannot be read';
    return {
      id: r.id,
      name: r.name,
      datasetId: r.dataset_id,
      datasetName: r.dataset_name,
      spec,
      createdAt: r.created_at,
      engineVersion: r.engine_version,
      dataHash: r.data_hash,
      dataChanged: current !== r.data_hash,
      note: r.note,
      nobs: typeof numbers?.nobs === 'number' ? numbers.nobs : 0,
      logLik: finite(numbers?.logLik),
      aic: finite(numbers?.aic),
      bic: finite(numbers?.bic),
      converged: Boolean(numbers?.converged),
      singular: Boolean(numbers?.singular),
      ...(damaged ? { damaged } : {}),
    };
  }
}
