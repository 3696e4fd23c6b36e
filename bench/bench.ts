/**
 * `npm run bench`: fit every reference case in-process and print Quadrat's median fit time beside
 * lme4's, measured in the same run with bench/r/time_lmer.R when Rscript is installed. A benchmark,
 * never a test: nothing here asserts a timing.
 *
 *   npm run bench                  all cases (InstEval last)
 *   npm run bench -- sleepstudy    only cases whose name contains "sleepstudy"
 *   npm run bench -- --no-r        skip R
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importDelimited } from '../src-engine/data/importDelimited';
import { type Column, type Table } from '../src-engine/data/table';
import { fitLmm } from '../src-engine/lmm/fitLmm';

interface BenchCase {
  case: string;
  data: string;
  factors: string[];
  formula: string;
  REML: boolean;
  subset: { rows: number[] } | null;
  runs: number;
}

const FIXTURES = 'test/reference/fixtures/lmm';

function loadCases(filter: string[]): BenchCase[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as BenchCase)
    .filter((c) => filter.length === 0 || filter.some((s) => c.case.includes(s)))
    .map((c) => ({ case: c.case, data: c.data, factors: c.factors, formula: c.formula, REML: c.REML, subset: c.subset, runs: c.case.startsWith('insteval') ? 1 : 7 }))
    .sort((a, b) => Number(a.case.startsWith('insteval')) - Number(b.case.startsWith('insteval')) || a.case.localeCompare(b.case));
}

function subset(table: Table, rows: number[]): Table {
  const pick = (c: Column): Column => {
    switch (c.type) {
      case 'numeric':
        return { ...c, values: Float64Array.from(rows, (r) => c.values[r - 1]) };
      case 'factor':
        return { ...c, codes: Int32Array.from(rows, (r) => c.codes[r - 1]) };
      case 'logical':
        return { ...c, values: Int8Array.from(rows, (r) => c.values[r - 1]) };
      case 'text':
        return { ...c, values: rows.map((r) => c.values[r - 1]) };
    }
  };
  return { nrow: rows.length, columns: table.columns.map(pick) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function timeQuadrat(c: BenchCase): { ms: number; nobs: number; evaluations: number } {
  const bytes = new Uint8Array(readFileSync(join('test/data', c.data)));
  const columnTypes = Object.fromEntries(c.factors.map((f) => [f, 'factor' as const]));
  let table = importDelimited(bytes, { fileName: c.data, columnTypes }).table;
  if (c.subset) table = subset(table, c.subset.rows);
  const times: number[] = [];
  let nobs = 0;
  let evaluations = 0;
  fitLmm(table, { formula: c.formula, reml: c.REML, ddf: 'none' }); // warm-up (JIT)
  for (let k = 0; k < c.runs; k++) {
    const t0 = performance.now();
    const r = fitLmm(table, { formula: c.formula, reml: c.REML, ddf: 'none' });
    times.push(performance.now() - t0);
    nobs = r.nobs;
    evaluations = r.optimizer?.evaluations ?? 0;
  }
  return { ms: median(times), nobs, evaluations };
}

function timeR(cases: BenchCase[]): Record<string, number | null> | null {
  const probe = spawnSync('Rscript', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return null;
  const dir = mkdtempSync(join(tmpdir(), 'quadrat-bench-'));
  const file = join(dir, 'cases.json');
  writeFileSync(file, JSON.stringify(cases));
  const r = spawnSync('Rscript', ['bench/r/time_lmer.R', file], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) {
    process.stderr.write(`bench: R timing failed: ${r.stderr}\n`);
    return null;
  }
  return JSON.parse(r.stdout) as Record<string, number | null>;
}

const args = process.argv.slice(2);
const noR = args.includes('--no-r');
const cases = loadCases(args.filter((a) => !a.startsWith('--')));
const rTimes = noR ? null : timeR(cases);
if (!rTimes) console.log(noR ? 'R timing skipped (--no-r).' : 'Rscript not found: showing Quadrat times only.');

const rows: string[][] = [];
for (const c of cases) {
  const q = timeQuadrat(c);
  const r = rTimes?.[c.case] ?? null;
  rows.push([c.case, String(q.nobs), String(q.evaluations), q.ms.toFixed(2), r === null ? '—' : r.toFixed(2), r === null ? '—' : (q.ms / r).toFixed(3)]);
  console.log(`  ${c.case}: quadrat ${q.ms.toFixed(2)} ms${r === null ? '' : `, lme4 ${r.toFixed(2)} ms, ratio ${(q.ms / r).toFixed(3)}`}`);
}
const head = ['case', 'nobs', 'evals', 'quadrat ms', 'lme4 ms', 'ratio'];
const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
const fmt = (cells: string[]) => cells.map((s, j) => (j === 0 ? s.padEnd(widths[j]) : s.padStart(widths[j]))).join('  ');
console.log('\n' + [fmt(head), ...rows.map(fmt)].join('\n'));
console.log(`\npeak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (ratio = quadrat / lme4; lower is better)`);
