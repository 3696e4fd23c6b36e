/**
 * The numbers behind the diagnostic plots, computed from FitReport.diagnostics as R's plot methods
 * do: qqnorm's ppoints, standardized (Pearson) residuals for scale-location, BLUPs ± 1.96 conditional
 * SD for the caterpillar plot. Pure, so it is unit-tested against R.
 */
import qnorm from '@stdlib/stats-base-dists-normal-quantile';
import type { GroupRanef } from '../../src-engine/shared';

/** R's ppoints(n): (i - a) / (n + 1 - 2a), a = 3/8 for n <= 10 else 1/2. */
export function ppoints(n: number): number[] {
  const a = n <= 10 ? 3 / 8 : 1 / 2;
  return Array.from({ length: n }, (_, i) => (i + 1 - a) / (n + 1 - 2 * a));
}

export interface QQ {
  theoretical: number[];
  sample: number[];
  /** Index into the input of each sorted point. */
  index: number[];
}

/** qqnorm(x): sorted sample against normal quantiles of ppoints(n). Non-finite values are left out. */
export function qqNormal(x: readonly number[]): QQ {
  const index = x.map((_, i) => i).filter((i) => Number.isFinite(x[i]));
  index.sort((a, b) => x[a] - x[b]);
  const p = ppoints(index.length);
  return { theoretical: p.map((q) => qnorm(q, 0, 1)), sample: index.map((i) => x[i]), index };
}

/** qqline(): the line through the first and third quartile pairs. */
export function qqLine(sample: readonly number[]): { slope: number; intercept: number } {
  const s = sample.filter(Number.isFinite).slice().sort((a, b) => a - b);
  const q = (p: number) => {
    // R's quantile type 7.
    const h = (s.length - 1) * p;
    const lo = Math.floor(h);
    return s[lo] + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]) - s[lo]);
  };
  const y1 = q(0.25);
  const y2 = q(0.75);
  const x1 = qnorm(0.25, 0, 1);
  const x2 = qnorm(0.75, 0, 1);
  const slope = (y2 - y1) / (x2 - x1);
  return { slope, intercept: y1 - slope * x1 };
}

/** sqrt(|residual / sigma|), the scale-location plot's y. */
export function sqrtAbsStandardized(residuals: readonly number[], sigma: number): number[] {
  return residuals.map((r) => Math.sqrt(Math.abs(r / sigma)));
}

export interface CaterpillarTerm {
  group: string;
  term: string;
  /** Levels in increasing order of the BLUP. */
  levels: string[];
  value: number[];
  lower: number[];
  upper: number[];
}

/** One caterpillar panel per (group, term): BLUPs sorted, with value ± z·condSd (95%: z = 1.96). */
export function caterpillar(ranef: readonly GroupRanef[], level = 0.95): CaterpillarTerm[] {
  const z = qnorm(1 - (1 - level) / 2, 0, 1);
  const out: CaterpillarTerm[] = [];
  for (const g of ranef) {
    g.terms.forEach((term, j) => {
      const order = g.levels.map((_, k) => k).sort((a, b) => g.values[a][j] - g.values[b][j]);
      out.push({
        group: g.group,
        term,
        levels: order.map((k) => g.levels[k]),
        value: order.map((k) => g.values[k][j]),
        lower: order.map((k) => g.values[k][j] - z * g.condSd[k][j]),
        upper: order.map((k) => g.values[k][j] + z * g.condSd[k][j]),
      });
    });
  }
  return out;
}

/** A simple lowess-free trend for residual plots: running mean over x-sorted windows. */
export function runningMean(x: readonly number[], y: readonly number[], windows = 20): { x: number[]; y: number[] } {
  const idx = x.map((_, i) => i).filter((i) => Number.isFinite(x[i]) && Number.isFinite(y[i]));
  idx.sort((a, b) => x[a] - x[b]);
  const n = idx.length;
  if (n < 10) return { x: [], y: [] };
  const k = Math.max(1, Math.floor(n / windows));
  const ox: number[] = [];
  const oy: number[] = [];
  for (let s = 0; s < n; s += k) {
    const part = idx.slice(s, Math.min(n, s + k * 2));
    ox.push(part.reduce((a, i) => a + x[i], 0) / part.length);
    oy.push(part.reduce((a, i) => a + y[i], 0) / part.length);
  }
  return { x: ox, y: oy };
}
