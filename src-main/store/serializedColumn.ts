/** A column as JSON-safe data (binary values in base64), for the undo log. */
import { type Column, type ColumnType } from '../../src-engine/data/table';
import { decodeColumn, encodeColumn } from './columnCodec';
import { columnLength } from './columnBuild';

export interface SerializedColumn {
  name: string;
  type: ColumnType;
  levels: string | null;
  n: number;
  base64: string;
  /** A computed column's expression, so undoing its deletion brings the definition back too. */
  definition?: string;
}

export function serializeColumn(col: Column): SerializedColumn {
  const s = encodeColumn(col);
  return { name: s.name, type: s.type, levels: s.levels, n: columnLength(col), base64: s.data.toString('base64'), ...(col.definition !== undefined ? { definition: col.definition } : {}) };
}

export function deserializeColumn(s: SerializedColumn): Column {
  return decodeColumn({ name: s.name, type: s.type, levels: s.levels, data: Buffer.from(s.base64, 'base64'), definition: s.definition ?? null }, s.n);
}
