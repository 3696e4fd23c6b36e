/** What the benchmarks share: the reference cases, their data as the engine sees it, R timings, tables. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importDelimited } from '../src-engine/data/importDelimited';
import { type Column, type Table } from '../src-engine/data/table';

export interface BenchCase {
  case: string;
  data: string;
  factors: string[];
  formula: string;
  REML: boolean;
  weights?: string | null;
  subset: { rows: number[] } | null;
  runs: number;
  /** Untimed fits first (both sides), so the timed ones run warm code; 0 for InstEval (18 s in R). */
  warmup: number;
}

const FIXTURES = 'test/reference/fixtures/lmm';

/** The lmm fixture cases whose names contain one of `filter` (all when empty), InstEval last. */
export function loadCases(filter: string[], runs: (name: string) => number): BenchCase[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as BenchCase)
    .filter((c) => filter.length === 0 || filter.some((s) => c.case.includes(s)))
    .map((c) => ({ case: c.case, data: c.data, factors: c.factors, formula: c.formula, REML: c.REML, weights: c.weights ?? null, subset: c.subset, runs: runs(c.case), warmup: c.case.startsWith('insteval') ? 0 : 3 }))
    .sort((a, b) => Number(a.case.startsWith('insteval')) - Number(b.case.startsWith('insteval')) || a.case.localeCompare(b.case));
}

export function loadTable(c: BenchCase): Table {
  const bytes = new Uint8Array(readFileSync(join('test/data', c.data)));
  const columnTypes = Object.fromEntries(c.factors.map((f) => [f, 'factor' as const]));
  const table = importDelimited(bytes, { fileName: c.data, columnTypes }).table;
  if (!c.subset) return table;
  const rows = c.subset.rows; // 1-based
  const pick = (col: Column): Column => {
    switch (col.type) {
      case 'numeric':
        return { ...col, values: Float64Array.from(rows, (r) => col.values[r - 1]) };
      case 'factor':
        return { ...col, codes: Int32Array.from(rows, (r) => col.codes[r - 1]) };
      case 'logical':
        return { ...col, values: Int8Array.from(rows, (r) => col.values[r - 1]) };
      case 'text':
        return { ...col, values: rows.map((r) => col.values[r - 1]) };
    }
  };
  return { nrow: rows.length, columns: table.columns.map(pick) };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Median ms per case from an R timing script (bench/r/*.R), or null when R is not installed. */
export function timeInR(script: string, cases: BenchCase[]): Record<string, number | null> | null {
  const probe = spawnSync('Rscript', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return null;
  const file = join(mkdtempSync(join(tmpdir(), 'quadrat-bench-')), 'cases.json');
  writeFileSync(file, JSON.stringify(cases));
  const r = spawnSync('Rscript', [script, file], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) {
    process.stderr.write(`bench: R timing failed: ${r.stderr}\n`);
    return null;
  }
  return JSON.parse(r.stdout) as Record<string, number | null>;
}

export function printTable(head: string[], rows: string[][]): void {
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const fmt = (cells: string[]) => cells.map((s, j) => (j === 0 ? s.padEnd(widths[j]) : s.padStart(widths[j]))).join('  ');
  console.log([fmt(head), ...rows.map(fmt)].join('\n'));
}
