/**
 * A fit report split for storage: the small head (everything the results view shows) as JSON, and
 * each per-observation vector as a little-endian float64 BLOB that is read in pieces. Listing,
 * numbering and opening a fit then never parse or rewrite millions of numbers.
 */
import type Database from 'better-sqlite3';
import { endianness } from 'node:os';
import { type FitDiagnostics, type FitReport } from '../../src-engine/lmm/fitReport';
import { type FitVectorName, type StoredFitReport } from '../api/shapes';

export const FIT_VECTOR_NAMES = ['fitted', 'residuals', 'rows', 'linearPredictor', 'pearsonResiduals', 'simulatedResiduals', 'normalizedResiduals'] as const satisfies readonly (keyof FitDiagnostics)[];

/** The summary stored beside each report (fits.summary): what model.list shows. */
export interface StoredSummary {
  nobs: number;
  logLik: number | null;
  aic: number | null;
  bic: number | null;
  converged: boolean;
  singular: boolean;
}

const finite = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/** The summary of a report, or null when the report is not a report (a damaged record). */
export function summaryOf(report: unknown): StoredSummary | null {
  if (typeof report !== 'object' || report === null) return null;
  const r = report as Record<string, unknown>;
  if (typeof r.nobs !== 'number') return null;
  return { nobs: r.nobs, logLik: finite(r.logLik), aic: finite(r.aic), bic: finite(r.bic), converged: Boolean(r.converged), singular: Boolean(r.singular) };
}

/** JSON's null (a NaN written by JSON.stringify) becomes NaN again, never 0. */
function toFloat64(values: readonly (number | null)[]): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] ?? NaN;
  return out;
}

/** Values per stored piece of a vector (512 KB): a page of a plot reads one or two pieces, never the whole vector. */
export const VECTOR_CHUNK = 65_536;

/** A report as a fit job hands it over: the head, and the vectors as typed arrays (copied, never parsed). */
export interface SplitFitReport {
  head: StoredFitReport;
  vectors: Map<FitVectorName, Float64Array>;
}

export function splitReport(report: FitReport): SplitFitReport {
  const vectors = new Map<FitVectorName, Float64Array>();
  const { diagnostics, ...rest } = report;
  if (!diagnostics) return { head: rest, vectors };
  for (const name of FIT_VECTOR_NAMES) {
    const v = diagnostics[name];
    if (Array.isArray(v)) vectors.set(name, toFloat64(v));
  }
  const head: StoredFitReport = {
    ...rest,
    diagnostics: { n: diagnostics.rows.length, vectors: [...vectors.keys()], ranef: diagnostics.ranef, vcov: diagnostics.vcov },
  };
  return { head, vectors };
}

/** The whole report again (for exports that write every number). */
export function joinReport(head: StoredFitReport, vector: (name: FitVectorName) => Float64Array): FitReport {
  const { diagnostics, ...rest } = head;
  if (!diagnostics) return rest;
  const d: FitDiagnostics = { fitted: [], residuals: [], rows: [], ranef: diagnostics.ranef, vcov: diagnostics.vcov };
  for (const name of diagnostics.vectors) d[name] = Array.from(vector(name));
  return { ...rest, diagnostics: d };
}

/** A float64 vector as the BLOB stored (and sent) for it: little-endian, 8 bytes a value. */
export function vectorBytes(v: Float64Array): Buffer {
  if (LITTLE_ENDIAN) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  const buf = Buffer.allocUnsafe(v.length * 8);
  for (let i = 0; i < v.length; i++) buf.writeDoubleLE(v[i], i * 8);
  return buf;
}

const LITTLE_ENDIAN = endianness() === 'LE';

export function bytesVector(b: Uint8Array): Float64Array {
  if (LITTLE_ENDIAN) {
    const out = new Float64Array(b.byteLength >> 3);
    new Uint8Array(out.buffer).set(b.subarray(0, out.byteLength));
    return out;
  }
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out = new Float64Array(b.byteLength >> 3);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, true);
  return out;
}

/** A new, empty vector set (the pieces of one fit's vectors). */
export function newVectorSet(db: Database.Database): number {
  return Number(db.prepare('INSERT INTO vector_sets DEFAULT VALUES').run().lastInsertRowid);
}

export interface VectorPiece {
  chunk: number;
  values: Float64Array;
}

/** A vector cut into VECTOR_CHUNK-value pieces (views, no copy); an empty vector is one empty piece. */
export function vectorPieces(v: Float64Array): VectorPiece[] {
  const pieces: VectorPiece[] = [];
  for (let chunk = 0; chunk === 0 || chunk * VECTOR_CHUNK < v.length; chunk++) pieces.push({ chunk, values: v.subarray(chunk * VECTOR_CHUNK, (chunk + 1) * VECTOR_CHUNK) });
  return pieces;
}

export function insertPiece(db: Database.Database, set: number, name: string, length: number, piece: VectorPiece): void {
  db.prepare('INSERT INTO fit_vectors (set_id, name, chunk, length, data) VALUES (?, ?, ?, ?, ?)').run(set, name, piece.chunk, length, vectorBytes(piece.values));
}
