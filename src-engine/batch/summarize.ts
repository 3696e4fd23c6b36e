/**
 * Across the units of a batch: q-values per coefficient and per term test (BH and BY over the units
 * that have that p-value), and how many units raised each flag. Computed over the whole batch —
 * after merging shards — never per shard, since an FDR over part of the tests is not the FDR.
 */
import { pAdjustBH, pAdjustBY } from './fdr';
import { type UnitResult } from './unitResult';
import { isOverdispersed } from '../glmm/overdispersed';

export interface BatchCounts {
  units: number;
  fitted: number;
  failed: number;
  notConverged: number;
  singular: number;
  separation: number;
  overdispersed: number;
  tooFew: number;
}

/** Sets qBH/qBY on every coefficient and term test in place, term by term. */
export function addQValues(results: UnitResult[]): void {
  const groups = new Map<string, { pValue: number | null; qBH?: number | null; qBY?: number | null }[]>();
  for (const r of results) {
    for (const c of r.coefficients) push(groups, `coef\u0000${c.term}`, c);
    for (const t of r.tests) push(groups, `test\u0000${t.term}`, t);
  }
  for (const rows of groups.values()) {
    const p = rows.map((x) => x.pValue);
    const bh = pAdjustBH(p);
    const by = pAdjustBY(p);
    rows.forEach((x, i) => {
      x.qBH = bh[i];
      x.qBY = by[i];
    });
  }
}

function push<T>(m: Map<string, T[]>, key: string, v: T): void {
  const list = m.get(key);
  if (list) list.push(v);
  else m.set(key, [v]);
}

export function countFlags(results: readonly UnitResult[]): BatchCounts {
  const c: BatchCounts = { units: results.length, fitted: 0, failed: 0, notConverged: 0, singular: 0, separation: 0, overdispersed: 0, tooFew: 0 };
  for (const r of results) {
    if (r.status === 'ok') c.fitted++;
    else c.failed++;
    if (r.status === 'ok' && !r.flags.converged) c.notConverged++;
    if (r.flags.singular) c.singular++;
    if (r.flags.separation) c.separation++;
    if (isOverdispersed(r.flags.overdispersion)) c.overdispersed++;
    if (r.flags.tooFew) c.tooFew++;
  }
  return c;
}
