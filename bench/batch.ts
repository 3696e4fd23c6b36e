/**
 * `npm run bench` (fourth part): a batch of per-locus binomial GLMMs — the 200 loci of
 * test/data/oyster_methylation.csv and 1,000 loci made by bench/makeLoci.ts — by `quadrat batch` on
 * one thread and on all cores (wall and CPU time of the command, start-up and reading included; the median of 3 runs),
 * and its fits alone timed as the glmer loop is (warm, one thread), beside the glmer loop in R
 * (bench/r/time_glmer_loop.R, wall and CPU time) measured in the same run. On a machine loaded by
 * other processes wall times stretch on both sides; CPU times much less. A benchmark, never a test.
 *
 *   npx tsx bench/batch.ts            both sizes        npx tsx bench/batch.ts --no-r
 *   npx tsx bench/batch.ts --baseline DIR   also times the CLI of another build (DIR/cli/quadrat.mjs, e.g. a
 *                                           copy of dist/ from an earlier commit), its runs alternating with
 *                                           this build's, for a before/after ratio under the same load
 *   npx tsx bench/batch.ts --code-cache     also times this build with V8's code cache off (QUADRAT_CODE_CACHE=0),
 *                                           its runs alternating with the cached ones (whose cache, in a directory
 *                                           of the bench's own, is written by one untimed run first)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fitUnit } from '../src-engine/batch/unitResult';
import { unitsByColumn } from '../src-engine/batch/units';
import { importDelimited } from '../src-engine/data/importDelimited';
import { printTable } from './benchCases';
import { makeLoci } from './makeLoci';

const FORMULA = 'cbind(methylated, unmethylated) ~ treatment * population + (1 | tank)';
const args = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'quadrat-batch-bench-'));

interface Timing {
  wall: number;
  cpu: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** One run of `quadrat batch`: wall time, and CPU time of all its threads (bench/cpuAtExit.mjs). */
/** A build to time: its launcher and the code cache setting its runs get. */
interface Variant {
  cli: string;
  label: string;
  env: Record<string, string>;
}

function quadratOnce(data: string, workers: number, { cli, env }: Variant): Timing {
  const out = join(dir, `out-${Date.now()}.jsonl`);
  const cpuFile = join(dir, 'cpu.json');
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', './bench/cpuAtExit.mjs', cli, 'batch', '--data', data, '--factor', 'locus,tank,treatment,population', '--by', 'locus', '--formula', FORMULA, '--family', 'binomial', '--workers', String(workers), '--out', out], { encoding: 'utf8', env: { ...process.env, ...env, QUADRAT_BENCH_CPU: cpuFile } });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`quadrat batch failed: ${r.stderr}`);
  return { wall, cpu: (JSON.parse(readFileSync(cpuFile, 'utf8')) as { ms: number }).ms };
}

const medianTiming = (runs: Timing[]): Timing => ({ wall: median(runs.map((t) => t.wall)), cpu: median(runs.map((t) => t.cpu)) });

/** The median wall and CPU time of 3 runs of each CLI, their runs alternating (after one untimed run each, which writes its code cache). */
function quadrat(data: string, workers: number, variants: Variant[]): Timing[] {
  const runs = variants.map((): Timing[] => []);
  variants.forEach((v) => quadratOnce(data, workers, v));
  for (let r = 0; r < 3; r++) variants.forEach((v, i) => runs[i].push(quadratOnce(data, workers, v)));
  return runs.map(medianTiming);
}

const baselineAt = args.indexOf('--baseline');
const baseline = baselineAt >= 0 ? join(args[baselineAt + 1], 'cli/quadrat.mjs') : null;
const cached = { QUADRAT_CODE_CACHE: '1', QUADRAT_CODE_CACHE_DIR: join(dir, 'code-cache') };
const variants: Variant[] = [
  { cli: 'dist/cli/quadrat.mjs', label: '', env: cached },
  ...(args.includes('--code-cache') ? [{ cli: 'dist/cli/quadrat.mjs', label: 'no code cache', env: { QUADRAT_CODE_CACHE: '0' } }] : []),
  ...(baseline ? [{ cli: baseline, label: 'baseline', env: cached }] : []),
];

/** As the glmer loop is timed: the data read and split untimed, one warm-up fit, then every unit in turn on one thread. */
function fitsOnly(data: string): Timing {
  const { table } = importDelimited(readFileSync(data, 'utf8'), { columnTypes: { locus: 'factor', tank: 'factor', treatment: 'factor', population: 'factor' } });
  const units = unitsByColumn(table, 'locus');
  const request = { formula: FORMULA, reml: true, anovaType: 3 as const, family: 'binomial' };
  fitUnit(table, units[0], request);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (const u of units) fitUnit(table, u, request);
  const c = process.cpuUsage(c0);
  return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
}

function glmerLoop(data: string): Timing | null {
  if (args.includes('--no-r')) return null;
  const r = spawnSync('Rscript', ['bench/r/time_glmer_loop.R', data], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  const t = JSON.parse(r.stdout.trim().split('\n').pop()!) as { ms: number; cpu_ms: number };
  return { wall: t.ms, cpu: t.cpu_ms };
}

try {
  const build = spawnSync('npm', ['run', 'build:node'], { stdio: 'ignore' });
  if (build.status !== 0) throw new Error('npm run build:node failed');
  const big = join(dir, 'loci1000.csv');
  writeFileSync(big, makeLoci(1000));
  const workers = Math.min(8, availableParallelism());
  const rows: string[][] = [];
  const f0 = (x: number) => x.toFixed(0);
  console.log(`load average at the start: ${loadavg().map((x) => x.toFixed(1)).join(', ')} (${availableParallelism()} cores)`);
  for (const [name, data, units] of [['oyster 200 loci', 'test/data/oyster_methylation.csv', 200], ['generated 1,000 loci', big, 1000]] as const) {
    const ones = quadrat(data, 1, variants);
    const alls = quadrat(data, workers, variants);
    const fits = fitsOnly(data);
    const r = glmerLoop(data);
    const ratio = (q: number, of: number | undefined) => (of == null ? '—' : (q / of).toFixed(3));
    variants.forEach(({ cli, label: variant }, i) => {
      const [one, all] = [ones[i], alls[i]];
      const label = i === 0 ? name : `${name}, ${variant}`;
      rows.push([label, String(units), `${f0(one.wall)} / ${f0(one.cpu)}`, `${f0(all.wall)} / ${f0(all.cpu)}`, i === 0 ? f0(fits.cpu) : '—', r == null ? '—' : `${f0(r.wall)} / ${f0(r.cpu)}`, `${ratio(one.wall, r?.wall)} / ${ratio(one.cpu, r?.cpu)}`, `${ratio(all.wall, r?.wall)} / ${ratio(all.cpu, r?.cpu)}`, i === 0 ? ratio(fits.cpu, r?.cpu) : '—', i === 0 ? (fits.cpu / units).toFixed(1) : '—']);
      console.log(`  ${label}${i > 0 ? ` (${cli})` : ''}: quadrat ${f0(all.wall)} ms wall, ${f0(all.cpu)} ms CPU on ${workers} workers; ${f0(one.wall)} / ${f0(one.cpu)} ms on 1${i === 0 ? `; fits only ${f0(fits.cpu)} ms` : ''}${r == null ? '' : `; glmer loop ${f0(r.wall)} ms wall, ${f0(r.cpu)} ms CPU`}`);
    });
  }
  console.log(`load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(', ')}`);
  console.log('');
  printTable(['batch', 'units', 'command, 1 thread: wall / CPU ms', `command, ${workers} threads: wall / CPU ms`, 'fits only CPU ms', 'glmer loop wall / CPU ms', 'ratio, 1 thread (wall / CPU)', `ratio, ${workers} threads (wall / CPU)`, 'ratio (fits only, CPU)', 'ms per fit'], rows);
  console.log('\n(command: `quadrat batch --workers K`, start-up and reading included, median of 3 runs; without --workers it fits on 1 thread below 2,000 units; CPU: all its threads; fits only: as the glmer loop, one warm-up fit, one thread, reading untimed; goal ratio ≤ 0.1)');
  if (args.includes('--no-r') || rows.some((r) => r[5] === '—')) console.log('R timing skipped or Rscript not found: showing Quadrat times only.');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
