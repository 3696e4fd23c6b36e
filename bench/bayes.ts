/**
 * `npm run bench` (Bayesian part, issue 12): one methylation locus (L0001 of test/data/oyster_methylation.csv,
 * `methylated | trials(methylated + unmethylated) ~ treatment * population + (1 | tank)`, binomial,
 * brms's default priors), 4 chains × 2,000 iterations on 2 cores, by `quadrat bayes` (wall time of the
 * command: start-up, reading, the chains on worker threads, the summary) beside brms with rstan in the
 * same run (bench/r/time_brms.R: its first brm() with the compilation, and the same model again
 * without it). Efficiency as the smallest bulk-ESS of the b_ and sd_ parameters per second of wall
 * time. Goals: ≤ 2 s wall; ESS per second at least Stan's. A benchmark, never a test.
 *
 *   npx tsx bench/bayes.ts            npx tsx bench/bayes.ts --no-r
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printTable } from './benchCases';

const FORMULA = 'methylated | trials(methylated + unmethylated) ~ treatment * population + (1 | tank)';
const LOCUS = 'L0001';
const args = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'quadrat-bayes-bench-'));

interface Row {
  Bulk_ESS: number | null;
}
interface BayesJson {
  fixed: Row[];
  random: { rows: Row[] }[];
  timing: { wallMs: number };
}

function minBulk(r: BayesJson): number {
  const ess = [...r.fixed, ...r.random.flatMap((g) => g.rows)].map((x) => x.Bulk_ESS ?? Infinity);
  return Math.min(...ess);
}

function quadrat(data: string, seed: number): { wallMs: number; ess: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['dist/cli/quadrat.mjs', 'bayes', '--data', data, '--factor', 'tank,treatment,population', '--formula', FORMULA, '--family', 'binomial', '--chains', '4', '--iter', '2000', '--seed', String(seed), '--workers', '2', '--json'], { encoding: 'utf8' });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`quadrat bayes failed: ${r.stderr}`);
  return { wallMs, ess: minBulk(JSON.parse(r.stdout) as BayesJson) };
}

function brms(data: string): { firstMs: number; againMs: number; samplingMs: number; minBulkEss: number } | null {
  if (args.includes('--no-r')) return null;
  const r = spawnSync('Rscript', ['bench/r/time_brms.R', data], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    if (!r.error) process.stderr.write(`bench: brms timing failed (is r-cran-brms installed?): ${r.stderr.split('\n').slice(-5).join('\n')}\n`);
    return null;
  }
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as { firstMs: number; againMs: number; samplingMs: number; minBulkEss: number };
}

try {
  const build = spawnSync('npm', ['run', 'build:node'], { stdio: 'ignore' });
  if (build.status !== 0) throw new Error('npm run build:node failed');
  const lines = readFileSync('test/data/oyster_methylation.csv', 'utf8').trim().split('\n');
  const locus = join(dir, 'locus.csv');
  writeFileSync(locus, [lines[0], ...lines.slice(1).filter((l) => l.startsWith(`"${LOCUS}"`))].join('\n') + '\n');
  const runs = [1, 2, 3].map((seed) => quadrat(locus, seed));
  const q = runs.sort((a, b) => a.wallMs - b.wallMs)[1];
  const r = brms(locus);
  const perSec = (ess: number, ms: number) => ((1000 * ess) / ms).toFixed(0);
  const rows: string[][] = [['quadrat bayes (median of 3)', q.wallMs.toFixed(0), '—', q.ess.toFixed(0), perSec(q.ess, q.wallMs)]];
  if (r) {
    rows.push(['brms + rstan, first fit (compiles)', r.firstMs.toFixed(0), '—', '—', '—']);
    rows.push(['brms + rstan, again (no compile)', r.againMs.toFixed(0), r.samplingMs.toFixed(0), r.minBulkEss.toFixed(0), perSec(r.minBulkEss, r.againMs)]);
  }
  console.log(`one locus (${LOCUS}), 4 chains × 2,000 iterations, 2 cores\n`);
  printTable(['run', 'wall ms', 'Stan sampling ms', 'min bulk-ESS', 'bulk-ESS / s (wall)'], rows);
  if (r) console.log(`\nratio (quadrat wall / brms again) ${(q.wallMs / r.againMs).toFixed(3)}; ESS/s ratio ${((q.ess / q.wallMs) / (r.minBulkEss / r.againMs)).toFixed(2)} (goals: wall ≤ 2 s, ESS/s ≥ 1)`);
  else console.log('\nbrms timing skipped or not available (needs r-cran-brms and r-cran-rstan): showing Quadrat only.');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
