/** Load a fixture case's data as the engine sees it: import the CSV, mark factors, keep the subset. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importDelimited } from '../../../src-engine/data/importDelimited';
import { type Column, type Table } from '../../../src-engine/data/table';
import { DATA_DIR, type CaseSpec } from '../reference/fixtures';

export function subsetRows(table: Table, rows: readonly number[]): Table {
  const columns: Column[] = table.columns.map((c) => {
    switch (c.type) {
      case 'numeric':
        return { ...c, values: Float64Array.from(rows, (r) => c.values[r]) };
      case 'factor':
        return { ...c, codes: Int32Array.from(rows, (r) => c.codes[r]) };
      case 'logical':
        return { ...c, values: Int8Array.from(rows, (r) => c.values[r]) };
      case 'text':
        return { ...c, values: rows.map((r) => c.values[r]) };
    }
  });
  return { nrow: rows.length, columns };
}

export function loadCaseTable(spec: CaseSpec): Table {
  const bytes = readFileSync(join(DATA_DIR, spec.data));
  const columnTypes = Object.fromEntries(spec.factors.map((f) => [f, 'factor' as const]));
  const { table } = importDelimited(new Uint8Array(bytes), { fileName: spec.data, columnTypes });
  return spec.subset ? subsetRows(table, spec.subset.rows.map((r) => r - 1)) : table;
}
