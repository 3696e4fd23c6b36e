/**
 * Is grouping factor B nested in A, or are they crossed? Decided from the data rows the fit used, as
 * one would by hand: B is nested in A when every level of B occurs with one level of A only (plots
 * coded uniquely across sites); they are crossed when some level of each occurs with several levels
 * of the other (every plate with every sample).
 */
import { getColumn, type Table } from '../../data/table';

export type Relation = 'nested' | 'contains' | 'crossed' | 'same' | 'unknown';

/** Group labels (per row, null if missing) for a single-column grouping factor. */
function labels(table: Table, name: string, rows: readonly number[]): (string | null)[] | undefined {
  const col = getColumn(table, name);
  if (!col) return undefined;
  return rows.map((i) => {
    switch (col.type) {
      case 'factor':
        return col.codes[i] < 0 ? null : col.levels[col.codes[i]];
      case 'text':
        return col.values[i];
      case 'numeric':
        return Number.isNaN(col.values[i]) ? null : String(col.values[i]);
      case 'logical':
        return col.values[i] < 0 ? null : String(col.values[i]);
    }
  });
}

/** For each level of `inner`, does it occur with exactly one level of `outer`? */
function within(inner: (string | null)[], outer: (string | null)[]): boolean {
  const seen = new Map<string, string>();
  for (let i = 0; i < inner.length; i++) {
    const b = inner[i];
    const a = outer[i];
    if (b === null || a === null) continue;
    const prev = seen.get(b);
    if (prev === undefined) seen.set(b, a);
    else if (prev !== a) return false;
  }
  return true;
}

/** How `b` relates to `a`: 'nested' (b within a), 'contains' (a within b), 'crossed', 'same' (one-to-one). */
export function relation(table: Table, a: string, b: string, rows?: readonly number[]): Relation {
  const use = rows ?? Array.from({ length: table.nrow }, (_, i) => i);
  const la = labels(table, a, use);
  const lb = labels(table, b, use);
  if (!la || !lb) return 'unknown';
  const bInA = within(lb, la);
  const aInB = within(la, lb);
  if (bInA && aInB) return 'same';
  if (bInA) return 'nested';
  if (aInB) return 'contains';
  return 'crossed';
}
