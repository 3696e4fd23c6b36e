/** A column at a glance: R's summary() numbers for numeric columns, counts per level otherwise. */
import { type Column, missingCount } from '../../src-engine/data/table';
import { columnLength } from '../store/columnBuild';
import { type ColumnSummary } from './shapes';

/** R's quantile type 7 of sorted values. */
function quantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

const MAX_COUNTS = 1000;

export function summarizeColumn(col: Column): ColumnSummary {
  const n = columnLength(col);
  const missing = missingCount(col);
  const base = { name: col.name, type: col.type, n, missing };
  if (col.type === 'numeric') {
    const v = Float64Array.from(col.values.filter((x) => !Number.isNaN(x))).sort();
    if (v.length === 0) return { ...base, numeric: null, counts: null, distinct: 0 };
    let mean = 0;
    for (const x of v) mean += x;
    mean /= v.length;
    let ss = 0;
    for (const x of v) ss += (x - mean) ** 2;
    const sd = v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : null;
    const numeric = { min: v[0], q1: quantile(v, 0.25), median: quantile(v, 0.5), mean, q3: quantile(v, 0.75), max: v[v.length - 1], sd, integer: v.every(Number.isInteger) };
    return { ...base, numeric, counts: null, distinct: new Set(v).size };
  }
  const counts = new Map<string, number>();
  if (col.type === 'factor') {
    for (const l of col.levels) counts.set(l, 0);
    for (const c of col.codes) if (c >= 0) counts.set(col.levels[c], counts.get(col.levels[c])! + 1);
  } else if (col.type === 'logical') {
    counts.set('FALSE', 0).set('TRUE', 0);
    for (const b of col.values) if (b >= 0) counts.set(b ? 'TRUE' : 'FALSE', counts.get(b ? 'TRUE' : 'FALSE')! + 1);
  } else {
    for (const s of col.values) if (s !== null) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const list = [...counts].map(([value, count]) => ({ value, count }));
  return { ...base, numeric: null, counts: list.slice(0, MAX_COUNTS), distinct: list.length };
}
