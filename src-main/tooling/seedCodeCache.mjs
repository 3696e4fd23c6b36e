// Seeds V8's code cache beside the CLI's bundles (src-main/cli/codeCache.ts; docs/cli.md, "Code
// cache"): a few `quadrat` runs on the bundled examples, so that the first run after an install or a
// build loads the engine's bytecode instead of compiling it. Each run reads the seed the runs before it
// left (a run without a cache of its own reads the seed and writes its own), so the last seed holds what
// all of them compiled. Seeding is best effort: a run that fails leaves the seeds made so far, and says so.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The directory of each code-cached bundle under the build's output: its seeds go in `code-cache/` beside it. */
const BUNDLE_DIRS = { 'quadrat.cjs': 'cli', 'batchWorker.cjs': 'host' };

/**
 * What the seed holds: a vector-valued term (with the df and the ANOVA `quadrat fit` prints), a nested
 * design of scalar terms with a computed response, a binomial GLMM, and a batch (its command's thread and
 * a worker thread, under V8's default tiering).
 */
const runs = (examples, scratch) => [
  ['fit', () => ['--data', `${examples}/sleepstudy.csv`, '--factor', 'Subject', '--formula', 'Reaction ~ Days + (Days | Subject)']],
  ['fit', () => ['--data', `${examples}/grouseticks.csv`, '--factor', 'BROOD,LOCATION,YEAR', '--formula', 'log(TICKS + 1) ~ YEAR + cHEIGHT + (1 | LOCATION/BROOD)']],
  ['fit', () => ['--data', `${examples}/cbpp.csv`, '--factor', 'herd,period', '--formula', 'cbind(incidence, size - incidence) ~ period + (1 | herd)', '--family', 'binomial']],
  [
    'batch',
    () => [
      ...['--data', oysterLoci(examples, scratch, 8), '--factor', 'locus,tank,treatment,population', '--by', 'locus'],
      ...['--formula', 'cbind(methylated, unmethylated) ~ treatment * population + (1 | tank)', '--family', 'binomial', '--workers', '2'],
      ...['--out', join(scratch, 'batch.jsonl')],
    ],
  ],
];

/** The oyster example's first `n` loci (its rows are grouped by locus), as a file of their own. */
function oysterLoci(examples, scratch, n) {
  const [header, ...rows] = readFileSync(`${examples}/oyster_methylation.csv`, 'utf8').trim().split('\n');
  const loci = [...new Set(rows.map((row) => row.slice(0, row.indexOf(','))))].slice(0, n);
  const file = join(scratch, 'oyster_loci.csv');
  writeFileSync(file, [header, ...rows.filter((row) => loci.includes(row.slice(0, row.indexOf(','))))].join('\n') + '\n');
  return file;
}

/** `quadrat.cjs-fit-<key>.v8cache` (a run's own cache) → `<dist>/cli/code-cache/quadrat.cjs-seed-<key>.v8cache`. */
function seedPath(dist, file) {
  const m = /^(.+\.cjs)-[a-z]+-([0-9a-f]{16})\.v8cache$/.exec(file);
  const dir = m && BUNDLE_DIRS[m[1]];
  return dir ? join(dist, dir, 'code-cache', `${m[1]}-seed-${m[2]}.v8cache`) : null;
}

/** Seeds the bundles built under `dist` from runs on the examples in `examples`; returns the seeds' count and size. */
export function seedCodeCache({ dist = 'dist', examples = 'assets/examples' } = {}) {
  const seedDirs = Object.values(BUNDLE_DIRS).map((dir) => join(dist, dir, 'code-cache'));
  for (const dir of seedDirs) {
    rmSync(dir, { recursive: true, force: true }); // an earlier build's
    mkdirSync(dir, { recursive: true });
  }
  const say = (what, why) => process.stderr.write(`build: the code cache's seed ${what} (${why.trim().split('\n')[0]}); the first run after this build compiles more\n`);
  const stop = (command, why) => say(`stops before 'quadrat ${command}'`, why);
  let scratch;
  try {
    scratch = mkdtempSync(join(tmpdir(), 'quadrat-seed-'));
    const cacheDir = join(scratch, 'cache');
    const env = { ...process.env, QUADRAT_CODE_CACHE_DIR: cacheDir };
    delete env.QUADRAT_CODE_CACHE;
    for (const [command, argsOf] of runs(examples, scratch)) {
      let args;
      try {
        args = argsOf();
      } catch (e) {
        stop(command, e.message);
        break;
      }
      const r = spawnSync(process.execPath, [join(dist, 'cli/quadrat.mjs'), command, ...args], { encoding: 'utf8', env, timeout: 300_000 });
      if (r.status !== 0) {
        stop(command, r.stderr || r.error?.message || `exit ${r.status}`);
        break;
      }
      for (const file of existsSync(cacheDir) ? readdirSync(cacheDir) : []) {
        const to = seedPath(dist, file);
        if (to) renameSync(join(cacheDir, file), to);
        else rmSync(join(cacheDir, file), { force: true });
      }
    }
  } catch (e) {
    say('stopped', e.message); // the scratch directory, or moving a seed into place
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
  const seeds = seedDirs.flatMap((dir) => readdirSync(dir).map((f) => join(dir, f)));
  const bytes = seeds.reduce((sum, f) => sum + statSync(f).size, 0);
  return { files: seeds.length, bytes };
}
