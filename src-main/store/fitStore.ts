/**
 * Model history in a project file: every fit with its spec, report, engine version and data hash. The
 * report is stored split (fitVectors.ts): a small head with a summary beside it, and the
 * per-observation vectors as BLOBs read in pieces. Version-1 files opened read-only keep the whole
 * report in one JSON text; they are read the old way.
 */
import type Database from 'better-sqlite3';
import { QuadratError } from '../../src-engine/errors/quadratError';
import { type FitReport } from '../../src-engine/lmm/fitReport';
import { type FitSummary, type FitVectorName, type ModelSpec, type StoredFitReport, modelSpecSchema } from '../api/shapes';
import { type SplitFitReport, type StoredSummary, VECTOR_CHUNK, bytesVector, insertPiece, joinReport, newVectorSet, splitReport, summaryOf, vectorPieces } from './fitVectors';
import { type StoredModelRow, storedModelFields } from './storedModel';

interface FitRow extends StoredModelRow {
  spec: string;
}

export interface NewFit {
  datasetId: number;
  datasetName: string;
  /** A name, or how to make one from the names in use at the moment the fit row is written. */
  name: string | ((namesInUse: string[]) => string);
  spec: ModelSpec;
  /** A whole report, or one a fit job has already split (its vectors as typed arrays). */
  report: FitReport | SplitFitReport;
  engineVersion: string;
  dataHash: string;
}

function split(report: FitReport | SplitFitReport): SplitFitReport {
  return 'head' in report ? report : splitReport(report);
}

const HEAD = 'id, dataset_id, dataset_name, name, spec, engine_version, data_hash, note, created_at';

/** Version 1 kept no summary: SQLite extracts it from the whole report (C, not JavaScript). */
const LEGACY_SUMMARY = `CASE WHEN json_valid(report) AND json_type(report, '$.nobs') IN ('integer', 'real') THEN json_object(
  'nobs', json_extract(report, '$.nobs'), 'logLik', json_extract(report, '$.logLik'), 'aic', json_extract(report, '$.aic'),
  'bic', json_extract(report, '$.bic'), 'converged', json_extract(report, '$.converged'), 'singular', json_extract(report, '$.singular')) END`;

function damagedReport(name: string): QuadratError {
  return new QuadratError('project', `The stored result of "${name}" is damaged in the project file and cannot be shown. The other models are unaffected; the record is kept as it is (delete it from the history, or fit the model again).`);
}

export class FitStore {
  constructor(
    private readonly db: Database.Database,
    private readonly assertWritable: () => void,
    /** The current data hash of a dataset, or null if it no longer exists. */
    private readonly currentHash: (datasetId: number) => string | null,
    /** A version-1 file (read-only): whole reports, no summary column, no vectors table. */
    private readonly legacy = false,
  ) {}

  /** Stores a fit in one transaction: head, summary and every piece of its vectors. */
  add(fit: NewFit): number {
    this.assertWritable();
    const { head, vectors } = split(fit.report);
    return this.db.transaction(() => {
      const set = newVectorSet(this.db);
      for (const [name, v] of vectors) for (const piece of vectorPieces(v)) insertPiece(this.db, set, name, v.length, piece);
      return this.insertRow(fit, head, set);
    })();
  }

  /**
   * Stores a fit without holding the main thread for the whole write: each piece of its vectors is
   * its own small transaction, with a turn of the event loop in between, and the fit row comes last.
   * Until that last commit the fit does not exist; pieces left by a crash belong to no fit and are
   * removed at the next open.
   */
  async save(fit: NewFit, yieldTurn: () => Promise<void> = () => new Promise((r) => setImmediate(r))): Promise<number> {
    this.assertWritable();
    const { head, vectors } = split(fit.report);
    const set = newVectorSet(this.db);
    try {
      for (const [name, v] of vectors)
        for (const piece of vectorPieces(v)) {
          insertPiece(this.db, set, name, v.length, piece);
          await yieldTurn();
          if (!this.db.open) throw new QuadratError('project', 'The project was closed before the fit was saved; the result was not saved.');
        }
      return this.insertRow(fit, head, set);
    } catch (e) {
      if (this.db.open) this.db.prepare('DELETE FROM vector_sets WHERE id = ?').run(set);
      throw e;
    }
  }

  /** Removes vector pieces that belong to no fit (a save cut short by a crash). */
  removeUnusedVectors(): void {
    const orphan = this.db.prepare('SELECT 1 FROM vector_sets WHERE id NOT IN (SELECT vectors FROM fits WHERE vectors IS NOT NULL) LIMIT 1').get();
    if (orphan) this.db.prepare('DELETE FROM vector_sets WHERE id NOT IN (SELECT vectors FROM fits WHERE vectors IS NOT NULL)').run();
  }

  private insertRow(fit: NewFit, head: StoredFitReport, set: number): number {
    this.lastOutline = null;
    const r = this.db
      .prepare(
        `INSERT INTO fits (dataset_id, dataset_name, name, spec, report, summary, vectors, engine_version, data_hash, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(fit.datasetId, fit.datasetName, typeof fit.name === 'string' ? fit.name : fit.name(this.names()), JSON.stringify(fit.spec), JSON.stringify(head), JSON.stringify(summaryOf(head)), set, fit.engineVersion, fit.dataHash, new Date().toISOString());
    return Number(r.lastInsertRowid);
  }

  /**
   * The history from the stored summaries. The head is small, so SQLite checks it is whole JSON: a
   * record whose stored JSON is damaged is listed as damaged; the others stay usable.
   */
  list(datasetId?: number): FitSummary[] {
    const head = this.summarySelect();
    const rows = (datasetId === undefined ? this.db.prepare(`${head} ORDER BY id`).all() : this.db.prepare(`${head} WHERE dataset_id = ? ORDER BY id`).all(datasetId)) as (FitRow & { summary: string | null })[];
    return rows.map((r) => this.summary(r, parseSummary(r.summary)));
  }

  /** One fit's summary as the history lists it, read now (whether its data changed since, its name). */
  fitSummary(id: number): FitSummary {
    const r = this.db.prepare(`${this.summarySelect()} WHERE id = ?`).get(id) as (FitRow & { summary: string | null }) | undefined;
    if (!r) throw new QuadratError('input', `There is no model with id ${id} in this project.`);
    const summary = this.summary(r, parseSummary(r.summary));
    if (summary.damaged) throw new QuadratError('project', `The stored record of "${r.name}" is damaged (${summary.damaged}); the other models are unaffected. Fit the model again.`);
    return summary;
  }

  private summarySelect(): string {
    const summary = this.legacy ? LEGACY_SUMMARY : 'CASE WHEN json_valid(report) THEN summary END';
    return `SELECT ${HEAD}, ${summary} AS summary FROM fits`;
  }

  /** Model names in use (to number the next "Model k"), without reading the reports. */
  names(): string[] {
    return (this.db.prepare('SELECT name FROM fits ORDER BY id').all() as { name: string }[]).map((r) => r.name);
  }

  /** The report without its per-observation vectors (what model.get sends): small for any number of rows. */
  outline(id: number): { summary: FitSummary; report: StoredFitReport } {
    const r = this.row(id);
    const text = (this.db.prepare('SELECT report FROM fits WHERE id = ?').get(id) as { report: string }).report;
    let report: StoredFitReport;
    try {
      report = JSON.parse(text) as StoredFitReport;
    } catch {
      throw damagedReport(r.name);
    }
    if (this.legacy) report = splitReport(report as FitReport).head;
    const summary = this.summary(r, summaryOf(report));
    if (summary.damaged) throw new QuadratError('project', `The stored record of "${r.name}" is damaged (${summary.damaged}); the other models are unaffected. Fit the model again.`);
    return { summary, report };
  }

  /** The last outline model.ranef read: a long table comes in many pages, so its report is parsed once. */
  private lastOutline: { id: number; outline: { summary: FitSummary; report: StoredFitReport } } | null = null;

  outlineCached(id: number): { summary: FitSummary; report: StoredFitReport } {
    if (this.lastOutline?.id !== id) this.lastOutline = { id, outline: this.outline(id) };
    return this.lastOutline.outline;
  }

  /** The whole report, every vector included (exports of the full result). */
  get(id: number): { summary: FitSummary; report: FitReport } {
    const { summary, report } = this.outline(id);
    return { summary, report: joinReport(report, (name) => this.vector(id, name, 0, Number.MAX_SAFE_INTEGER).values) };
  }

  /** Values offset..offset+limit-1 of one stored vector, read from the BLOB without reading the rest. */
  vector(id: number, name: FitVectorName, offset: number, limit: number): { length: number; values: Float64Array } {
    const r = this.row(id);
    if (this.legacy) {
      const diagnostics = this.legacyReport(id, r.name).diagnostics;
      const v = diagnostics?.[name];
      if (!v) throw new QuadratError('input', `"${r.name}" has no stored ${name}.`);
      return { length: v.length, values: Float64Array.from(v.slice(offset, offset + limit), (x) => x ?? NaN) };
    }
    const set = (this.db.prepare('SELECT vectors FROM fits WHERE id = ?').get(id) as { vectors: number | null }).vectors;
    const first = Math.floor(offset / VECTOR_CHUNK);
    const last = Math.floor((offset + Math.max(limit, 1) - 1) / VECTOR_CHUNK);
    // The length alone (SQLite does not read a row's BLOB unless it is asked for), then only the pieces the page covers.
    const head = this.db.prepare('SELECT length FROM fit_vectors WHERE set_id = ? AND name = ? AND chunk = 0').get(set, name) as { length: number } | undefined;
    if (!head) throw new QuadratError('input', `"${r.name}" has no stored ${name}.`);
    const length = head.length;
    const pieces = this.db
      .prepare('SELECT chunk, length, data FROM fit_vectors WHERE set_id = ? AND name = ? AND chunk BETWEEN ? AND ? ORDER BY chunk')
      .all(set, name, first, last) as { chunk: number; length: number; data: Buffer }[];
    const from = Math.min(offset, length);
    const count = Math.min(limit, length - from);
    const out = new Float64Array(count);
    for (let c = Math.floor(from / VECTOR_CHUNK); c * VECTOR_CHUNK < from + count; c++) {
      const p = pieces.find((x) => x.chunk === c);
      const expected = Math.min(VECTOR_CHUNK, length - c * VECTOR_CHUNK);
      if (!p || p.length !== length || p.data.byteLength !== expected * 8)
        throw new QuadratError('project', `The stored ${name} of "${r.name}" is damaged in the project file (piece ${c + 1} ${p ? `holds ${p.data.byteLength} bytes for ${expected} values` : 'is missing'}); the other models are unaffected. Fit the model again.`);
      const lo = Math.max(from, c * VECTOR_CHUNK);
      const hi = Math.min(from + count, (c + 1) * VECTOR_CHUNK);
      out.set(bytesVector(p.data.subarray((lo - c * VECTOR_CHUNK) * 8, (hi - c * VECTOR_CHUNK) * 8)), lo - from);
    }
    return { length, values: out };
  }

  rename(id: number, name: string): FitSummary {
    this.lastOutline = null;
    this.assertWritable();
    this.row(id);
    this.db.prepare('UPDATE fits SET name = ? WHERE id = ?').run(name, id);
    return this.outline(id).summary;
  }

  annotate(id: number, note: string): FitSummary {
    this.lastOutline = null;
    this.assertWritable();
    this.row(id);
    this.db.prepare('UPDATE fits SET note = ? WHERE id = ?').run(note, id);
    return this.outline(id).summary;
  }

  delete(id: number): void {
    this.lastOutline = null;
    this.assertWritable();
    this.row(id);
    this.db.prepare('DELETE FROM fits WHERE id = ?').run(id);
  }

  count(): number {
    return Number((this.db.prepare('SELECT COUNT(*) AS n FROM fits').get() as { n: number }).n);
  }

  private legacyReport(id: number, name: string): FitReport {
    try {
      return JSON.parse((this.db.prepare('SELECT report FROM fits WHERE id = ?').get(id) as { report: string }).report) as FitReport;
    } catch {
      throw damagedReport(name);
    }
  }

  private row(id: number): FitRow {
    const r = this.db.prepare(`SELECT ${HEAD} FROM fits WHERE id = ?`).get(id) as FitRow | undefined;
    if (!r) throw new QuadratError('input', `There is no model with id ${id} in this project.`);
    return r;
  }

  /** A summary from the stored row and its stored numbers (null: the report is damaged). */
  private summary(r: FitRow, numbers: StoredSummary | null): FitSummary {
    let spec: ModelSpec;
    let damaged: string | undefined;
    try {
      spec = modelSpecSchema.parse(JSON.parse(r.spec));
    } catch {
      spec = { formula: '(damaged)', reml: true, ddf: 'satterthwaite', anovaType: 3, family: 'gaussian', nAGQ: 1 };
      damaged = 'its model specification cannot be read';
    }
    if (!numbers) damaged ??= 'its stored result cannot be read';
    return {
      ...storedModelFields(r, this.currentHash),
      spec,
      nobs: numbers?.nobs ?? 0,
      logLik: numbers?.logLik ?? null,
      aic: numbers?.aic ?? null,
      bic: numbers?.bic ?? null,
      converged: numbers?.converged ?? false,
      singular: numbers?.singular ?? false,
      ...(damaged ? { damaged } : {}),
    };
  }
}

/** The stored summary JSON (null or unreadable: the record is damaged). */
function parseSummary(text: string | null): StoredSummary | null {
  if (text === null) return null;
  try {
    return summaryOf(JSON.parse(text));
  } catch {
    return null;
  }
}
