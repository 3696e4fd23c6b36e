/**
 * The batch view's numbers, kept out of React so they are unit-tested in Node: one row per unit for
 * the chosen coefficient (estimate, p, q, flags), filtered and sorted; the p-value histogram; the
 * volcano plot's points (estimate against −log10 q).
 */
import type { UnitResultWire as UnitResult } from '../../src-main/api/contract';
import { isOverdispersed } from '../../src-engine/shared';

export interface UnitRow {
  unit: string;
  status: 'ok' | 'error';
  estimate: number | null;
  stdError: number | null;
  pValue: number | null;
  qBH: number | null;
  flags: string[];
  reason: string;
  /** The Bayesian refit of a separated unit for this coefficient: posterior mean and 95% interval. */
  bayes: { estimate: number; lower95: number; upper95: number; rhat: number | null } | null;
}

export type FlagFilter = 'all' | 'clean' | 'flagged' | 'failed';
export type SortKey = 'unit' | 'estimate' | 'pValue' | 'qBH';

export interface TableOptions {
  term: string;
  filter: FlagFilter;
  /** Keep only q (BH) below this (null: no threshold). */
  qBelow: number | null;
  sort: SortKey;
  descending: boolean;
}

/** The flags a unit raised, as short words for a table cell. */
export function flagWords(u: UnitResult): string[] {
  const out: string[] = [];
  if (u.status === 'error') return ['failed'];
  if (!u.flags.converged) out.push('not converged');
  if (u.flags.singular) out.push('singular');
  if (u.flags.separation) out.push('separation');
  if (isOverdispersed(u.flags.overdispersion)) out.push('overdispersed');
  if (u.flags.tooFew) out.push('too few');
  return out;
}

/** Coefficient names across the units, in the first fitted unit's order (then any others). */
export function termsOf(units: readonly UnitResult[]): string[] {
  const seen = new Set<string>();
  for (const u of units) for (const c of u.coefficients) seen.add(c.term);
  return [...seen];
}

export function unitRows(units: readonly UnitResult[], o: TableOptions): UnitRow[] {
  const rows: UnitRow[] = units.map((u) => {
    const c = u.coefficients.find((x) => x.term === o.term);
    const b = u.bayes?.coefficients.find((x) => x.term === o.term);
    return {
      unit: u.unit,
      status: u.status,
      estimate: c?.estimate ?? null,
      stdError: c?.stdError ?? null,
      pValue: c?.pValue ?? null,
      qBH: c?.qBH ?? null,
      flags: flagWords(u),
      reason: u.error ?? u.reasons.join(' '),
      bayes: b ? { estimate: b.estimate, lower95: b.lower95, upper95: b.upper95, rhat: b.rhat } : null,
    };
  });
  const kept = rows.filter((r) => {
    if (o.filter === 'clean' && (r.status === 'error' || r.flags.length > 0)) return false;
    if (o.filter === 'flagged' && (r.status === 'error' || r.flags.length === 0)) return false;
    if (o.filter === 'failed' && r.status !== 'error') return false;
    if (o.qBelow !== null && !(r.qBH !== null && r.qBH < o.qBelow)) return false;
    return true;
  });
  const dir = o.descending ? -1 : 1;
  // missing values last whichever way the column is sorted, as R's order(na.last = TRUE)
  return kept.sort((a, b) => {
    if (o.sort === 'unit') return dir * (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0);
    const x = a[o.sort];
    const y = b[o.sort];
    if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
    return dir * (x - y);
  });
}

/** p-values of one coefficient in 20 bins of width 0.05 (a uniform histogram: no signal). */
export function pHistogram(units: readonly UnitResult[], term: string): { counts: number[]; n: number } {
  const counts = new Array<number>(20).fill(0);
  let n = 0;
  for (const u of units) {
    const p = u.coefficients.find((c) => c.term === term)?.pValue;
    if (p == null || !Number.isFinite(p)) continue;
    counts[Math.min(19, Math.floor(p * 20))]++;
    n++;
  }
  return { counts, n };
}

/** Volcano points: estimate against −log10 q (BH); units without a q are left out. */
export function volcanoPoints(units: readonly UnitResult[], term: string): { unit: string; x: number; y: number; significant: boolean }[] {
  const out: { unit: string; x: number; y: number; significant: boolean }[] = [];
  for (const u of units) {
    const c = u.coefficients.find((x) => x.term === term);
    if (!c || c.qBH == null || !Number.isFinite(c.estimate)) continue;
    out.push({ unit: u.unit, x: c.estimate, y: -Math.log10(Math.max(c.qBH, 1e-300)), significant: c.qBH < 0.05 });
  }
  return out;
}
