/**
 * `npx tsx bench/cliCodeCache.ts [--baseline DIR] [--reps N]`: whole `quadrat fit` processes (Node's
 * start, loading, reading, the fit, printing) with V8's code cache (src-main/cli/codeCache.ts) and
 * without it (QUADRAT_CODE_CACHE=0), and optionally another build's CLI (DIR/cli/quadrat.mjs, e.g. a
 * copy of dist/ from before the cache), their runs alternating; CPU = user + system of all threads
 * (bench/cpuAtExit.mjs), median of N. The cache, in a directory of the bench's own, is written by one
 * untimed run of each command first. A benchmark, never a test.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { printTable } from './benchCases';

const CASES: [string, string[]][] = [
  ['dyestuff_reml', ['--data', 'test/data/Dyestuff.csv', '--factor', 'Batch', '--formula', 'Yield ~ 1 + (1 | Batch)']],
  ['sleepstudy_reml', ['--data', 'test/data/sleepstudy.csv', '--factor', 'Subject', '--formula', 'Reaction ~ Days + (Days | Subject)']],
  ['orthodont', ['--data', 'test/data/Orthodont.csv', '--factor', 'Subject,Sex', '--formula', 'distance ~ age * Sex + (age | Subject)']],
  ['ham', ['--data', 'test/data/ham.csv', '--factor', 'Consumer,Product,Information,Gender', '--formula', 'Informed.liking ~ Product * Information * Gender + (1 | Consumer) + (1 | Product:Consumer)']],
  ['cbpp_laplace', ['--data', 'test/data/cbpp.csv', '--factor', 'herd,period', '--formula', 'cbind(incidence, size - incidence) ~ period + (1 | herd)', '--family', 'binomial']],
  ['grouseticks', ['--data', 'test/data/grouseticks.csv', '--factor', 'INDEX,BROOD,YEAR,LOCATION', '--formula', 'TICKS ~ YEAR + cHEIGHT + (1 | BROOD) + (1 | INDEX) + (1 | LOCATION)', '--family', 'poisson']],
];

const args = process.argv.slice(2);
const value = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
const reps = Number(value('--reps') ?? 5);
const baseline = value('--baseline');
const dir = mkdtempSync(join(tmpdir(), 'quadrat-cli-cache-bench-'));

interface Variant {
  label: string;
  cli: string;
  env: Record<string, string>;
}
const variants: Variant[] = [
  { label: 'cached', cli: 'dist/cli/quadrat.mjs', env: { QUADRAT_CODE_CACHE: '1', QUADRAT_CODE_CACHE_DIR: join(dir, 'code-cache') } },
  { label: 'no cache', cli: 'dist/cli/quadrat.mjs', env: { QUADRAT_CODE_CACHE: '0' } },
  ...(baseline ? [{ label: 'baseline', cli: join(baseline, 'cli/quadrat.mjs'), env: {} }] : []),
];

function once(v: Variant, fitArgs: string[]): { wall: number; cpu: number } {
  const cpuFile = join(dir, 'cpu.json');
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', './bench/cpuAtExit.mjs', v.cli, 'fit', ...fitArgs], { encoding: 'utf8', env: { ...process.env, ...v.env, QUADRAT_BENCH_CPU: cpuFile } });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`quadrat fit failed (${v.label}): ${r.stderr}`);
  return { wall, cpu: (JSON.parse(readFileSync(cpuFile, 'utf8')) as { ms: number }).ms };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

try {
  if (spawnSync('npm', ['run', 'build:node'], { stdio: 'ignore' }).status !== 0) throw new Error('npm run build:node failed');
  console.log(`load average at the start: ${loadavg().map((x) => x.toFixed(1)).join(', ')}`);
  // one untimed run of `fit` writes its cache (every case shares the command's cache, as for a user)
  for (const v of variants) once(v, CASES[1][1]);
  const rows: string[][] = [];
  for (const [name, fitArgs] of CASES) {
    const runs = variants.map(() => [] as { wall: number; cpu: number }[]);
    for (let k = 0; k < reps; k++) variants.forEach((v, i) => runs[i].push(once(v, fitArgs)));
    const cells = runs.map((rs) => `${median(rs.map((r) => r.wall)).toFixed(0)} / ${median(rs.map((r) => r.cpu)).toFixed(0)}`);
    const ratio = median(runs[0].map((r) => r.cpu)) / median(runs[1].map((r) => r.cpu));
    rows.push([name, ...cells, ratio.toFixed(2)]);
    console.log(`  ${name}: ${variants.map((v, i) => `${v.label} ${cells[i]}`).join(', ')}`);
  }
  console.log(`load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(', ')}\n`);
  printTable(['case', ...variants.map((v) => `${v.label}: wall / CPU ms`), 'CPU cached / no cache'], rows);
  console.log(`\n(whole \`quadrat fit\` processes, median of ${reps}, runs alternating; the cache written by one sleepstudy fit)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
