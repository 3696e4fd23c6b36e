/**
 * The data behind the check's boxplot: levels sorted by median residual (a between-level trend then
 * reads at a glance), very many levels cut to the extremes (lowest and highest medians), and each
 * residual paired with its data row. Pure (no Plotly): unit-tested in Node.
 */
import type { CandidateCheck } from '../../src-main/api/contract';

export type CandidateResult = CandidateCheck['candidates'][number];
export type Group = CandidateResult['groups'][number];

export const MAX_BOXES = 60;

/** R's median(). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface BoxLevels {
  /** Groups to draw, in axis order (ascending median). */
  shown: Group[];
  /** Levels with residuals; levels with no observations are never drawn. */
  total: number;
  /** True when the middle levels were left out. */
  trimmed: boolean;
}

export function boxLevels(groups: readonly Group[], max = MAX_BOXES): BoxLevels {
  const withData = groups.filter((g) => g.residuals.length > 0).map((g) => ({ g, m: median(g.residuals) }));
  withData.sort((a, b) => a.m - b.m || (a.g.level < b.g.level ? -1 : 1));
  const sorted = withData.map((x) => x.g);
  if (sorted.length <= max) return { shown: sorted, total: sorted.length, trimmed: false };
  const low = Math.ceil(max / 2);
  return { shown: [...sorted.slice(0, low), ...sorted.slice(sorted.length - (max - low))], total: sorted.length, trimmed: true };
}

/** One point per residual of the shown levels: its level (x), value (y) and 0-based data row. */
export function boxPoints(shown: readonly Group[]): { x: string[]; y: number[]; rows: number[] } {
  const x: string[] = [];
  const y: number[] = [];
  const rows: number[] = [];
  for (const g of shown) {
    g.residuals.forEach((r, k) => {
      x.push(g.level);
      y.push(r);
      rows.push(g.rows[k]);
    });
  }
  return { x, y, rows };
}
