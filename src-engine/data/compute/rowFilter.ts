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
  let rows: Int32Array;
  if (v.kind === 'lgl') {
    const x = v.values;
    let na = 0;
    let kept = 0;
    for (let i = 0; i < x.length; i++) {
      if (x[i] < 0) na++;
      else if (x[i] === 1) kept++;
    }
    if (na > 0) notes.push(`${rowCount(na)} left out because the condition is NA there (a missing value), as R's subset() does`);
    rows = new Int32Array(kept);
    for (let i = 0, k = 0; i < x.length; i++) if (x[i] === 1) rows[k++] = i;
  } else if (v.kind === 'const' && (typeof v.value === 'boolean' || v.value === null)) {
    rows = v.value === true ? Int32Array.from({ length: table.nrow }, (_, i) => i) : new Int32Array(0);
  } else {
    throw new QuadratError('formula', `A filter must be TRUE or FALSE for each row, but ${deparse(parsed.expr)} is ${describeKind(v)}; write a condition such as year >= 2010 or site != "B3".`, { column: 1 });
  }
  if (rows.length === 0) throw new QuadratError('input', `No row meets the filter ${condition.trim()}, so there is nothing to fit.`);
  return { rows, notes };
}
