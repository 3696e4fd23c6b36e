/**
 * A row filter ("keep rows where …"): the rows where a condition is TRUE, as R's subset(d, …), which
 * also leaves out rows where the condition is NA. The condition is a data expression; errors point at
 * the character.
 */
import { QuadratError } from '../../errors/quadratError';
import { deparse } from '../../formula/deparse';
import { type LevelOrder } from '../levels';
import { type Table } from '../table';
import { evalDataExpr, rowCount } from './evalDataExpr';
import { parseDataExpr } from './exprSyntax';
import { describeKind } from './exprValues';

export interface FilteredRows {
  /** The rows kept (0-based, in data order). */
  readonly rows: Int32Array;
  /** Plain-language notes: rows left out because the condition is NA, values made NA on the way. */
  readonly notes: string[];
}

export function filterRows(table: Table, condition: string, levelOrder: LevelOrder = 'locale'): FilteredRows {
  const parsed = parseDataExpr(condition);
  const notes: string[] = [];
  const v = evalDataExpr(parsed.expr, { table, missingColumns: 'error', levelOrder, notes });
  let keep: (i: number) => boolean;
  if (v.kind === 'lgl') {
    let na = 0;
    for (const x of v.values) if (x < 0) na++;
    if (na > 0) notes.push(`${rowCount(na)} left out because the condition is NA there (a missing value), as R's subset() does`);
    keep = (i) => v.values[i] === 1;
  } else if (v.kind === 'const' && (typeof v.value === 'boolean' || v.value === null)) {
    keep = () => v.value === true;
  } else {
    throw new QuadratError('formula', `A filter must be TRUE or FALSE for each row, but ${deparse(parsed.expr)} is ${describeKind(v)}; write a condition such as year >= 2010 or site != "B3".`, { column: 1 });
  }
  const rows: number[] = [];
  for (let i = 0; i < table.nrow; i++) if (keep(i)) rows.push(i);
  if (rows.length === 0) throw new QuadratError('input', `No row meets the filter ${condition.trim()}, so there is nothing to fit.`);
  return { rows: Int32Array.from(rows), notes };
}
