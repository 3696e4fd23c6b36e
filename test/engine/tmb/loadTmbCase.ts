/** A glmmTMB fixture's data as the engine sees it: the CSV, its factors and subset, and a derived column (cbpp_beta's prop). */
import { computeColumn } from '../../../src-engine/data/compute/computeColumn';
import { type Table } from '../../../src-engine/data/table';
import { loadCaseTable } from '../lmm/loadCase';

export interface TmbCase {
  data: string; factors: string[]; subset: { rows: number[] } | null;
  derive?: { column: string; expression: string } | null;
}

export function loadTmbCase(fx: TmbCase): Table {
  const table = loadCaseTable({ data: fx.data, factors: fx.factors, subset: fx.subset } as never);
  if (!fx.derive) return table;
  const { column } = computeColumn(fx.derive.column, fx.derive.expression, table, { mode: 'strict' });
  return { nrow: table.nrow, columns: [...table.columns, column] };
}
