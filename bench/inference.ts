/**
 * `npx tsx bench/inference.ts [case-filter …] [--no-r]`: the time of summary()-equivalent inference —
 * Satterthwaite t-tests for every coefficient plus the Type III ANOVA table — on an existing fit,
 * beside lmerTest's as_lmerModLmerTest + summary + anova (bench/r/time_lmertest.R, same run). A
 * benchmark, never a test: nothing here asserts a timing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importDelimited } from '../src-engine/data/importDelimited';
import { type Column, type Table } from '../src-engine/data/table';
import { buildDesign } from '../src-engine/design/buildDesign';
import { anovaTable } from '../src-engine/inference/anova';
import { LmmInference } from '../src-engine/inference/contest';
import { fixedEffectTests } from '../src-engine/inference/fixedEffects';
import { fitDesign } from '../src-engine/lmm/fitDesign';

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

function loadTable(c: BenchCase): Table {
  const bytes = new Uint8Array(readFileSync(join('test/data', c.data)));
  const table = importDelimited(bytes, { fileName: c.data, columnTypes: Object.fromEntries(c.factors.map((f) => [f, 'factor' as const])) }).table;
  if (!c.subset) return table;
  const rows = c.subset.rows;
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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

const args = process.argv.slice(2);
const filter = args.filter((a) => !a.startsWith('--'));
const cases: BenchCase[] = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json') && !f.startsWith('insteval'))
  .map((f) => JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as BenchCase)
  .filter((c) => filter.length === 0 || filter.some((s) => c.case.includes(s)))
  .map((c) => ({ ...c, runs: 7 }));

let rTimes: Record<string, number | null> | null = null;
if (!args.includes('--no-r')) {
  const dir = mkdtempSync(join(tmpdir(), 'quadrat-bench-'));
  writeFileSync(join(dir, 'cases.json'), JSON.stringify(cases));
  const r = spawnSync('Rscript', ['bench/r/time_lmertest.R', join(dir, 'cases.json')], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status === 0) rTimes = JSON.parse(r.stdout) as Record<string, number | null>;
  else console.log(`R timing unavailable${r.error ? '' : `: ${r.stderr.trim()}`}`);
}

const rows: string[][] = [];
for (const c of cases) {
  const fit = fitDesign(buildDesign(loadTable(c), c.formula), c.REML);
  const once = () => {
    const inf = new LmmInference(fit);
    fixedEffectTests(inf, 'satterthwaite');
    anovaTable(inf, 3, 'satterthwaite');
  };
  once(); // warm-up (JIT)
  const times: number[] = [];
  for (let k = 0; k < c.runs; k++) {
    const t0 = performance.now();
    once();
    times.push(performance.now() - t0);
  }
  const q = median(times);
  const r = rTimes?.[c.case] ?? null;
  rows.push([c.case, String(fit.model.design.p), q.toFixed(2), r === null ? '—' : r.toFixed(1), r === null ? '—' : (q / r).toFixed(3)]);
}
const head = ['case', 'p', 'quadrat ms', 'lmerTest ms', 'ratio'];
const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
const fmt = (cells: string[]) => cells.map((s, j) => (j === 0 ? s.padEnd(widths[j]) : s.padStart(widths[j]))).join('  ');
console.log([fmt(head), ...rows.map(fmt)].join('\n'));
console.log('\n(summary t-tests with Satterthwaite df + Type III ANOVA on an existing fit; ratio = quadrat / lmerTest)');
