/**
 * Columns as SQLite BLOBs: numbers as little-endian Float64 bytes, factor codes as Int32, logicals as
 * Int8, text as a JSON array. Binary keeps a 100 000-row column small and loads without parsing.
 */
import { type Column, type ColumnType } from '../../src-engine/data/table';
import { QuadratError } from '../../src-engine/errors/quadratError';

export interface StoredColumn {
  name: string;
  type: ColumnType;
  /** JSON array of level labels for factors, else null. */
  levels: string | null;
  data: Buffer;
  /** A computed column's expression (NULL for data columns; absent in files before format 6). */
  definition?: string | null;
}

function bytesOf(a: Float64Array | Int32Array | Int8Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** A copy into a fresh, aligned ArrayBuffer (SQLite's Buffer may sit at any offset). */
function aligned(data: Buffer): ArrayBuffer {
  const out = new ArrayBuffer(data.byteLength);
  new Uint8Array(out).set(data);
  return out;
}

export function encodeColumn(col: Column): StoredColumn {
  return { ...encodeValues(col), definition: col.definition ?? null };
}

function encodeValues(col: Column): StoredColumn {
  switch (col.type) {
    case 'numeric':
      return { name: col.name, type: 'numeric', levels: null, data: bytesOf(col.values) };
    case 'factor':
      return { name: col.name, type: 'factor', levels: JSON.stringify(col.levels), data: bytesOf(col.codes) };
    case 'logical':
      return { name: col.name, type: 'logical', levels: null, data: bytesOf(col.values) };
    case 'text':
      return { name: col.name, type: 'text', levels: null, data: Buffer.from(JSON.stringify(col.values), 'utf8') };
  }
}

export function decodeColumn(s: StoredColumn, nrow: number): Column {
  const bad = () => new QuadratError('project', `The project file is damaged: column "${s.name}" cannot be read.`);
  let col: Column;
  switch (s.type) {
    case 'numeric':
      if (s.data.byteLength !== nrow * 8) throw bad();
      col = { name: s.name, type: 'numeric', values: new Float64Array(aligned(s.data)) };
      break;
    case 'factor': {
      if (s.data.byteLength !== nrow * 4 || s.levels === null) throw bad();
      const levels: unknown = JSON.parse(s.levels);
      if (!Array.isArray(levels) || !levels.every((l) => typeof l === 'string')) throw bad();
      col = { name: s.name, type: 'factor', codes: new Int32Array(aligned(s.data)), levels };
      break;
    }
    case 'logical':
      if (s.data.byteLength !== nrow) throw bad();
      col = { name: s.name, type: 'logical', values: new Int8Array(aligned(s.data)) };
      break;
    case 'text': {
      const values: unknown = JSON.parse(s.data.toString('utf8'));
      if (!Array.isArray(values) || values.length !== nrow) throw bad();
      col = { name: s.name, type: 'text', values: values as (string | null)[] };
      break;
    }
    default:
      throw bad();
  }
  return typeof s.definition === 'string' ? { ...col, definition: s.definition } : col;
}
