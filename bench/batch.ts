/**
 * `npm run bench` (fourth part): a batch of per-locus binomial GLMMs — the 200 loci of
 * test/data/oyster_methylation.csv and 1,000 loci made by bench/makeLoci.ts — by `quadrat batch` on
 * all cores (wall time of the command, start-up and reading included), and its fits alone timed as
 * the glmer loop is (warm, one thread), beside the glmer loop in R (bench/r/time_glmer_loop.R)
 * measured in the same run. A benchmark, never a test.
 *
 *   npx tsx bench/batch.ts            both sizes        npx tsx bench/batch.ts --no-r
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fitUnit } from '../src-engine/batch/unitResult';
import { unitsByColumn } from '../src-engine/batch/units';
import { importDelimited } from '../src-engine/data/importDelimited';
import { printTable } from './benchCases';
import { makeLoci } from './makeLoci';

const FORMULA = 'cbind(methylated, unmethylated) ~ treatment * population + (1 | tank)';
const args = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'quadrat-batch-bench-'));

function quadrat(data: string, workers: number): number {
  const out = join(dir, `out-${Date.now()}.jsonl`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['dist/cli/quadrat.mjs', 'batch', '--data', data, '--factor', 'locus,tank,treatment,population', '--by', 'locus', '--formula', FORMULA, '--family', 'binomial', '--workers', String(workers), '--out', out], { encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`quadrat batch failed: ${r.stderr}`);
  return ms;
}

/** As the glmer loop is timed: the data read and split untimed, one warm-up fit, then every unit in turn on one thread. */
function fitsOnly(data: string): number {
  const { table } = importDelimited(readFileSync(data, 'utf8'), { columnTypes: { locus: 'factor', tank: 'factor', treatment: 'factor', population: 'factor' } });
  const units = unitsByColumn(table, 'locus');
  const request = { formula: FORMULA, reml: true, anovaType: 3 as const, family: 'binomial' };
  fitUnit(table, units[0], request);
  const t0 = performance.now();
  for (const u of units) fitUnit(table, u, request);
  return performance.now() - t0;
}

function glmerLoop(data: string): number | null {
  if (args.includes('--no-r')) return null;
  const r = spawnSync('Rscript', ['bench/r/time_glmer_loop.R', data], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  return (JSON.parse(r.stdout.trim().split('\n').pop()!) as { ms: number }).ms;
}

try {
  const build = spawnSync('npm', ['run', 'build:node'], { stdio: 'ignore' });
  if (build.status !== 0) throw new Error('npm run build:node failed');
  const big = join(dir, 'loci1000.csv');
  writeFileSync(big, makeLoci(1000));
  const workers = Math.min(8, availableParallelism());
  const rows: string[][] = [];
  for (const [name, data, units] of [['oyster 200 loci', 'test/data/oyster_methylation.csv', 200], ['generated 1,000 loci', big, 1000]] as const) {
    const one = quadrat(data, 1);
    const all = quadrat(data, workers);
    const fits = fitsOnly(data);
    const r = glmerLoop(data);
    const ratio = (q: number) => (r == null ? '—' : (q / r).toFixed(3));
    rows.push([name, String(units), one.toFixed(0), `${all.toFixed(0)} (${workers})`, fits.toFixed(0), r == null ? '—' : r.toFixed(0), ratio(all), ratio(fits), (fits / units).toFixed(1)]);
    console.log(`  ${name}: quadrat ${all.toFixed(0)} ms on ${workers} workers, ${one.toFixed(0)} ms on 1, fits only ${fits.toFixed(0)} ms${r == null ? '' : `; glmer loop ${r.toFixed(0)} ms`}`);
  }
  console.log('');
  printTable(['batch', 'units', 'quadrat 1 worker ms', 'quadrat ms (workers)', 'quadrat fits only ms', 'glmer loop ms', 'ratio (command)', 'ratio (fits only)', 'ms per fit'], rows);
  console.log('\n(quadrat command: wall time of `quadrat batch`, start-up and reading included; fits only: as the glmer loop, warm, one thread, reading untimed; goal ratio ≤ 0.1)');
  if (args.includes('--no-r') || rows.some((r) => r[4] === '—')) console.log('R timing skipped or Rscript not found: showing Quadrat times only.');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
