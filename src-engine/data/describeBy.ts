/**
 * Descriptives by group, as an ecologist asks for them before modelling (issue 17): for each numeric
 * column and each level of a grouping factor, n (non-missing), missing, mean, SD, min, median, max —
 * what R gives with aggregate()/tapply() and mean, sd, min, median, max with na.rm = TRUE. Groups in
 * the factor's level order; rows where the grouping factor is missing form no group (as tapply).
 */
import { QuadratError } from '../errors/quadratError';
import { sortLevels } from './levels';
import { columnLabels, getColumn, type Table } from './table';

export interface DescriptiveRow {
  column: string;
  /** The group's level, or null for all rows (no grouping factor). */
  group: string | null;
  n: number;
  missing: number;
  /** null where R gives NA: no values (mean, min, max) or fewer than two (sd). */
  mean: number | null;
  sd: number | null;
  min: number | null;
  median: number | null;
  max: number | null;
}

/** R's median: the middle value, or the mean of the two middle ones. */
function median(sorted: Float64Array): number {
  const n = sorted.length;
  const h = n >> 1;
  return n % 2 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2;
}

function describe(column: string, group: string | null, values: number[]): DescriptiveRow {
  const v = Float64Array.from(values.filter((x) => !Number.isNaN(x))).sort();
  const n = v.length;
  const missing = values.length - n;
  if (n === 0) return { column, group, n, missing, mean: null, sd: null, min: null, median: null, max: null };
  let sum = 0;
  for (const x of v) sum += x;
  const mean = sum / n;
  let ss = 0;
  for (const x of v) ss += (x - mean) * (x - mean);
  return { column, group, n, missing, mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : null, min: v[0], median: median(v), max: v[n - 1] };
}

export function describeBy(table: Table, columns: readonly string[], by: string | null): DescriptiveRow[] {
  const numeric = columns.map((name) => {
    const c = getColumn(table, name);
    if (!c) throw new QuadratError('input', `There is no column named "${name}".`, { columnName: name });
    if (c.type !== 'numeric') throw new QuadratError('input', `"${name}" is not numeric: descriptives are for numeric columns (its levels are counted in the column summary).`, { columnName: name });
    return c;
  });
  let groupOf: (i: number) => number = () => 0;
  let levels: (string | null)[] = [null];
  if (by !== null) {
    const g = getColumn(table, by);
    if (!g) throw new QuadratError('input', `There is no column named "${by}".`, { columnName: by });
    if (g.type === 'numeric') throw new QuadratError('input', `"${by}" is numeric: group by a factor (make it a factor in its column menu first).`, { columnName: by });
    if (g.type === 'factor') {
      levels = [...g.levels];
      groupOf = (i) => g.codes[i];
    } else {
      const labels = columnLabels(g);
      // a text column groups as R's factor() of it would: its values in R's level order
      const order = sortLevels(new Set(labels.filter((l): l is string => l !== null && l !== '')));
      const at = new Map(order.map((l, k) => [l, k]));
      levels = order;
      groupOf = (i) => at.get(labels[i] ?? '') ?? -1;
    }
  }
  const out: DescriptiveRow[] = [];
  for (const c of numeric) {
    const buckets: number[][] = levels.map(() => []);
    for (let i = 0; i < table.nrow; i++) {
      const k = groupOf(i);
      if (k >= 0) buckets[k].push(c.values[i]);
    }
    levels.forEach((lv, k) => out.push(describe(c.name, lv, buckets[k])));
  }
  return out;
}
