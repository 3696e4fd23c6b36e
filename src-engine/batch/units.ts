/**
 * The units of a batch: one model fitted to many responses. Long data name the unit in a column
 * (`by`: one locus per row group); wide data have one response column per unit (`responses`: a glob
 * such as "sp_*", each column in turn becoming the formula's response).
 */
import { compareCodePoints } from '../data/levels';
import { columnLabels, type Table } from '../data/table';
import { QuadratError } from '../errors/quadratError';

export interface BatchUnit {
  /** The unit's name: the level of the `by` column, or the response column's name. */
  name: string;
  /** Data rows (0-based) of the unit in the whole table (long data; all rows for wide data). */
  rows: Int32Array;
  /** Wide data: the column that is this unit's response. */
  response?: string;
}

/** Long data: the rows of each value of `by`, in the column's level order (first appearance for text). Missing unit names are skipped. */
export function unitsByColumn(table: Table, by: string): BatchUnit[] {
  const col = table.columns.find((c) => c.name === by);
  if (!col) throw new QuadratError('input', `There is no column "${by}" to split the batch by. Columns: ${table.columns.map((c) => c.name).join(', ')}.`, { columnName: by });
  const labels = columnLabels(col);
  const rows = new Map<string, number[]>();
  if (col.type === 'factor') for (const l of col.levels) rows.set(l, []);
  labels.forEach((l, i) => {
    if (l === null) return;
    let list = rows.get(l);
    if (!list) rows.set(l, (list = []));
    list.push(i);
  });
  return [...rows].filter(([, r]) => r.length > 0).map(([name, r]) => ({ name, rows: Int32Array.from(r) }));
}

/** "sp_*" → /^sp_.*$/ (only * and ? are special, as in a shell). */
function globToRegExp(glob: string): RegExp {
  const body = [...glob].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`);
}

/** Wide data: one unit per numeric (or logical/factor) column whose name matches the glob, in column order. */
export function unitsByResponses(table: Table, glob: string): BatchUnit[] {
  const re = globToRegExp(glob);
  const all = Int32Array.from({ length: table.nrow }, (_, i) => i);
  const units = table.columns.filter((c) => re.test(c.name)).map((c) => ({ name: c.name, rows: all, response: c.name }));
  if (units.length === 0) {
    throw new QuadratError('input', `No column matches "${glob}". Columns: ${table.columns.map((c) => c.name).join(', ')}.`);
  }
  return units;
}

/** The same units, sorted by name in code-point order (a stable order for output and sharding). */
export function sortUnits(units: BatchUnit[]): BatchUnit[] {
  return units.slice().sort((a, b) => compareCodePoints(a.name, b.name));
}
