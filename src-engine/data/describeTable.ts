/**
 * A summary of an imported table: the quadrat.describe/1 JSON contract printed by
 * `quadrat describe --json`, and what the app shows after an import.
 */
import { type ColumnNote, type ImportResult, type SourceFormat } from './importOptions';
import { type ColumnType, missingCount } from './table';

export interface ColumnDescription {
  name: string;
  type: ColumnType;
  missing: number;
  /** Factor columns only: every level, in level order (the first is the reference level). */
  levels?: string[];
}

export interface TableDescription {
  schema: 'quadrat.describe/1';
  file: string;
  nrow: number;
  format: SourceFormat;
  columns: ColumnDescription[];
  notes: ColumnNote[];
}

export function describeTable(result: ImportResult, file: string): TableDescription {
  const columns = result.table.columns.map((c): ColumnDescription => {
    const d: ColumnDescription = { name: c.name, type: c.type, missing: missingCount(c) };
    if (c.type === 'factor') d.levels = [...c.levels];
    return d;
  });
  return { schema: 'quadrat.describe/1', file, nrow: result.table.nrow, format: result.format, columns, notes: result.notes };
}
