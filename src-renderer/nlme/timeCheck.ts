/**
 * The check the issue asks of time and space columns picked for a correlation structure: nlme needs
 * the covariate's values unique within each group (corAR1, corCAR1, corARMA; spatial structures have
 * no zero distances). Returns the first repeat, for the builder to say before fitting.
 */
import type { Cell, ColumnInfo } from '../../src-main/api/contract';

export interface RepeatedTime {
  group: string | null;
  time: string;
  rows: [number, number];
}

/** `time`: the covariate, or a spatial structure's coordinates (a repeat is then the same point twice). */
export function repeatedTime(rows: readonly (readonly Cell[])[], columns: readonly ColumnInfo[], time: string | readonly string[], group: string | null): RepeatedTime | null {
  const t = (typeof time === 'string' ? [time] : time).map((name) => columns.findIndex((c) => c.name === name));
  const g = group ? columns.findIndex((c) => c.name === group) : -1;
  if (t.some((k) => k < 0) || (group && g < 0)) return null;
  const seen = new Map<string, number>();
  for (let r = 0; r < rows.length; r++) {
    const tv = t.map((k) => rows[r][k]);
    if (tv.some((v) => v === null)) continue;
    const gv = g >= 0 ? rows[r][g] : null;
    const key = `${String(gv)}\u0000${tv.map(String).join('\u0000')}`;
    const first = seen.get(key);
    if (first !== undefined) return { group: gv === null ? null : String(gv), time: tv.map(String).join(', '), rows: [first + 1, r + 1] };
    seen.set(key, r);
  }
  return null;
}
