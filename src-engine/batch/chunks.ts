/**
 * Units packed for the engine workers: a chunk carries only its own rows (a small table to copy to a
 * worker, not the whole dataset) with each unit's rows renumbered into them; chunks are small enough
 * that progress moves and the cores stay balanced, large enough that messages stay few.
 */
import { subsetRows, type Table } from '../data/table';
import { type BatchUnit } from './units';

export function chunkSize(units: number, workers: number): number {
  return Math.max(1, Math.min(16, Math.ceil(units / (workers * 8))));
}

export function chunksOf(units: readonly BatchUnit[], workers: number): BatchUnit[][] {
  const size = chunkSize(units.length, workers);
  const out: BatchUnit[][] = [];
  for (let i = 0; i < units.length; i += size) out.push(units.slice(i, i + size));
  return out;
}

/** A chunk's own rows and its units renumbered into them (wide units share every row: the whole table). */
export function chunkInput(table: Table, units: readonly BatchUnit[]): { table: Table; units: BatchUnit[] } {
  if (units.some((u) => u.response)) return { table, units: units.slice() };
  const rows = new Int32Array(units.reduce((a, u) => a + u.rows.length, 0));
  let at = 0;
  const local = units.map((u) => {
    rows.set(u.rows, at);
    const r = Int32Array.from({ length: u.rows.length }, (_, k) => at + k);
    at += u.rows.length;
    return { name: u.name, rows: r };
  });
  return { table: subsetRows(table, rows), units: local };
}

/**
 * Units per fitting thread when the user does not choose (`quadrat batch` without --workers). A fresh
 * thread pays its start-up and JIT warm-up — its first 200 fits take ~1.3 s more CPU than warm ones —
 * before it fits as fast as the first thread, so a second thread only pays off once it takes several
 * hundred units on a core of its own; measured on 2 vCPUs, one thread beat two at 200 loci and they
 * were even at 1,000 (docs/performance.md, batch section).
 */
export const UNITS_PER_THREAD = 1000;

/** The default number of fitting threads: one per UNITS_PER_THREAD units, at least 1, at most the cores (and 8). */
export function defaultThreads(units: number, cores: number): number {
  return Math.max(1, Math.min(8, cores, Math.floor(units / UNITS_PER_THREAD)));
}
