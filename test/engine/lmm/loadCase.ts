/** Load a fixture case's data as the engine sees it: import the CSV, mark factors, keep the subset. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importDelimited } from '../../../src-engine/data/importDelimited';
import { subsetRows, type Table } from '../../../src-engine/data/table';

export { subsetRows };
import { DATA_DIR, type CaseSpec } from '../reference/fixtures';

export function loadCaseTable(spec: CaseSpec): Table {
  const bytes = readFileSync(join(DATA_DIR, spec.data));
  const columnTypes = Object.fromEntries(spec.factors.map((f) => [f, 'factor' as const]));
  const { table } = importDelimited(new Uint8Array(bytes), { fileName: spec.data, columnTypes });
  return spec.subset ? subsetRows(table, spec.subset.rows.map((r) => r - 1)) : table;
}
