/**
 * V8's code cache of the built CLI (src-main/cli/codeCache.ts, launch.ts): the real launcher and
 * CommonJS bundles, built as build-node.mjs builds them, run in fresh processes. `QUADRAT_DEBUG`
 * makes the launcher say what it did with the cache (`quadrat: code cache accepted (FILE)`).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeCacheDir } from '../../../src-main/cli/codeCache';
// @ts-expect-error: a build script in plain JavaScript, without types
import { buildCodeCached } from '../../../src-main/tooling/codeCachedBuild.mjs';
// @ts-expect-error: as above
import { seedCodeCache } from '../../../src-main/tooling/seedCodeCache.mjs';
// @ts-expect-error: as above
import { zodEnglishOnly } from '../../../src-main/tooling/zodEnglishOnly.mjs';

const root = resolve(__dirname, '../../..');
const external = ['electron', 'better-sqlite3', 'playwright-core', 'exceljs'];
// in the repository, so that the external packages resolve from node_modules
const dist = join(root, 'dist/test-workers', `codecache-${process.pid}-${Date.now()}`);
const cli = join(dist, 'cli/quadrat.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'quadrat-code-cache-'));

const FIT = ['fit', '--data', join(root, 'test/data/sleepstudy.csv'), '--formula', 'Reaction ~ Days + (Days | Subject)'];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string>, launcher = cli): Run {
  const base = { ...process.env };
  delete base.QUADRAT_CODE_CACHE;
  delete base.QUADRAT_CODE_CACHE_DIR;
  const r = spawnSync(process.execPath, [launcher, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...base, QUADRAT_DEBUG: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** What the launcher (and each batch worker) reported: `absent`, `seeded`, `accepted`, `rejected` or `disabled`. */
const states = (r: Run) => [...r.stderr.matchAll(/^quadrat: code cache (\w+)/gm)].map((m) => m[1]);
const cacheFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.v8cache'));
const freshDir = (name: string) => join(scratch, name);

beforeAll(async () => {
  const options = { external, plugins: [zodEnglishOnly] };
  await buildCodeCached({ src: join(root, 'src-main/cli/main.ts'), launcher: join(root, 'src-main/cli/launch.ts'), out: cli, options, shebang: true });
  await buildCodeCached({ src: join(root, 'src-main/host/batchWorker.ts'), launcher: join(root, 'src-main/host/launchBatchWorker.ts'), out: join(dist, 'host/batchWorker.mjs'), options });
}, 120_000);

afterAll(() => {
  rmSync(dist, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

describe('the bundles', () => {
  it('are ASCII, so V8 holds their source as a one-byte string (the JSDoc comments esbuild keeps are escaped)', () => {
    for (const bundle of [join(dist, 'cli/quadrat.cjs'), join(dist, 'host/batchWorker.cjs')]) {
      const text = readFileSync(bundle, 'utf8');
      // eslint-disable-next-line no-control-regex -- the ASCII range itself
      expect(text.match(/[^\x00-\x7f]/g), bundle).toBeNull();
      expect(text, bundle).toContain('\\u03b8'); // θ, from the engine's comments
    }
  });
});

describe('the code cache directory', () => {
  it('is QUADRAT_CODE_CACHE_DIR, else under XDG_CACHE_HOME, and none when QUADRAT_CODE_CACHE=0', () => {
    expect(codeCacheDir({ QUADRAT_CODE_CACHE_DIR: '/x/cc', XDG_CACHE_HOME: '/y' })).toBe('/x/cc');
    expect(codeCacheDir({ XDG_CACHE_HOME: '/y' })).toBe(join('/y', 'quadrat', 'code-cache'));
    expect(codeCacheDir({ QUADRAT_CODE_CACHE: '0', QUADRAT_CODE_CACHE_DIR: '/x/cc' })).toBeNull();
  });
});

describe('quadrat with the code cache', () => {
  it('writes the cache after a first fit, accepts it in the next process, and prints the same', () => {
    const dir = freshDir('first');
    const first = run(FIT, { QUADRAT_CODE_CACHE_DIR: dir });
    expect(first.code).toBe(0);
    expect(states(first)).toEqual(['absent']);
    expect(cacheFiles(dir)).toEqual([expect.stringMatching(/^quadrat\.cjs-fit-[0-9a-f]{16}\.v8cache$/)]);
    const second = run(FIT, { QUADRAT_CODE_CACHE_DIR: dir });
    expect(second.code).toBe(0);
    expect(states(second)).toEqual(['accepted']);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stdout).toContain('REML criterion at convergence: 1743.6');
  });

  it('ignores a damaged cache file, prints the same, and replaces it', () => {
    const dir = freshDir('damaged');
    const clean = run(FIT, { QUADRAT_CODE_CACHE_DIR: dir });
    const [name] = cacheFiles(dir);
    const file = join(dir, name);
    const bytes = readFileSync(file);
    // bytes flipped in the middle of V8's data: V8 itself would load this and crash
    for (let i = bytes.length >> 1; i < (bytes.length >> 1) + 64; i++) bytes[i] ^= 0x5a;
    writeFileSync(file, bytes);
    const damaged = run(FIT, { QUADRAT_CODE_CACHE_DIR: dir });
    expect(damaged.code).toBe(0);
    expect(states(damaged)).toEqual(['rejected']);
    expect(damaged.stdout).toBe(clean.stdout);
    expect(readFileSync(file).equals(bytes)).toBe(false);
    expect(states(run(FIT, { QUADRAT_CODE_CACHE_DIR: dir }))).toEqual(['accepted']);
    // and a file that is not a cache at all
    writeFileSync(file, 'not a code cache');
    const garbage = run(FIT, { QUADRAT_CODE_CACHE_DIR: dir });
    expect([garbage.code, states(garbage), garbage.stdout]).toEqual([0, ['rejected'], clean.stdout]);
    expect(states(run(FIT, { QUADRAT_CODE_CACHE_DIR: dir }))).toEqual(['accepted']);
  });

  it('QUADRAT_CODE_CACHE=0 neither reads nor writes a cache, and prints the same', () => {
    const dir = freshDir('disabled');
    const withCache = run(FIT, { QUADRAT_CODE_CACHE_DIR: freshDir('disabled-reference') });
    mkdirSync(dir);
    const off = run(FIT, { QUADRAT_CODE_CACHE: '0', QUADRAT_CODE_CACHE_DIR: dir });
    expect([off.code, states(off)]).toEqual([0, ['disabled']]);
    expect(cacheFiles(dir)).toEqual([]);
    expect(off.stdout).toBe(withCache.stdout);
  });

  it('a cache directory that cannot be created changes nothing', () => {
    const notADir = join(scratch, 'a-file');
    writeFileSync(notADir, '');
    const reference = run(FIT, { QUADRAT_CODE_CACHE: '0' });
    const r = run(FIT, { QUADRAT_CODE_CACHE_DIR: join(notADir, 'cache') });
    expect([r.code, states(r), r.stdout]).toEqual([0, ['absent'], reference.stdout]);
  });

  it('help and failed runs write no cache', () => {
    const dir = freshDir('help');
    expect(run(['fit', '--help'], { QUADRAT_CODE_CACHE_DIR: dir }).code).toBe(0);
    const bad = run(['fit', '--data', join(root, 'test/data/sleepstudy.csv'), '--formula', 'Reaction ~ nope + (1 | Subject)'], { QUADRAT_CODE_CACHE_DIR: dir });
    expect(bad.code).toBe(2);
    expect(existsSync(dir) ? cacheFiles(dir) : []).toEqual([]);
  });

  it("a batch's worker threads write and then accept their own cache, and the results are the same", () => {
    const dir = freshDir('batch');
    const batch = (out: string, env: Record<string, string>) =>
      run(['batch', '--data', join(root, 'test/data/oyster_methylation.csv'), '--factor', 'locus,tank,treatment,population', '--by', 'locus', '--formula', 'cbind(methylated, unmethylated) ~ treatment + (1 | tank)', '--family', 'binomial', '--workers', '2', '--out', join(scratch, out)], env);
    const lines = (out: string) => readFileSync(join(scratch, out), 'utf8').trim().split('\n').sort();
    const first = batch('b1.jsonl', { QUADRAT_CODE_CACHE_DIR: dir });
    expect(first.code).toBe(0);
    expect(states(first)).toEqual(['absent', 'absent']);
    expect(cacheFiles(dir).sort()).toEqual([expect.stringMatching(/^batchWorker\.cjs-worker-/), expect.stringMatching(/^quadrat\.cjs-batch-/)]);
    const second = batch('b2.jsonl', { QUADRAT_CODE_CACHE_DIR: dir });
    expect(states(second)).toEqual(['accepted', 'accepted']);
    const off = batch('b3.jsonl', { QUADRAT_CODE_CACHE: '0' });
    expect(states(off)).toEqual(['disabled', 'disabled']);
    // the units finish in any order on two threads
    expect(lines('b2.jsonl')).toEqual(lines('b1.jsonl'));
    expect(lines('b3.jsonl')).toEqual(lines('b1.jsonl'));
  });
});

describe("the build's seed (src-main/tooling/seedCodeCache.mjs)", () => {
  // a copy of the bundles, so that the tests above still start without a seed
  const seededDist = `${dist}-seeded`;
  const seededCli = join(seededDist, 'cli/quadrat.mjs');
  const seeds = (sub: string) => cacheFiles(join(seededDist, sub, 'code-cache'));
  const batch = (out: string, env: Record<string, string>) =>
    run(['batch', '--data', join(root, 'test/data/oyster_methylation.csv'), '--factor', 'locus,tank,treatment,population', '--by', 'locus', '--formula', 'cbind(methylated, unmethylated) ~ treatment + (1 | tank)', '--family', 'binomial', '--workers', '2', '--out', join(scratch, out)], env, seededCli);

  beforeAll(() => {
    for (const sub of ['cli', 'host']) cpSync(join(dist, sub), join(seededDist, sub), { recursive: true });
    seedCodeCache({ dist: seededDist, examples: join(root, 'assets/examples') });
  }, 300_000);
  afterAll(() => rmSync(seededDist, { recursive: true, force: true }));

  it('holds a seed for the fits, one for the batch command (other V8 flags) and one for its workers', () => {
    expect(seeds('cli')).toEqual([expect.stringMatching(/^quadrat\.cjs-seed-[0-9a-f]{16}\.v8cache$/), expect.stringMatching(/^quadrat\.cjs-seed-[0-9a-f]{16}\.v8cache$/)]);
    expect(seeds('host')).toEqual([expect.stringMatching(/^batchWorker\.cjs-seed-[0-9a-f]{16}\.v8cache$/)]);
  });

  it('a first run without a cache of its own reads the seed, prints the same, and writes its own; the next reads its own', () => {
    const reference = run(FIT, { QUADRAT_CODE_CACHE: '0' }, seededCli);
    const dir = freshDir('seeded-first');
    const first = run(FIT, { QUADRAT_CODE_CACHE_DIR: dir }, seededCli);
    expect([first.code, states(first), first.stdout]).toEqual([0, ['seeded'], reference.stdout]);
    expect(first.stderr).toContain(join(seededDist, 'cli/code-cache'));
    expect(cacheFiles(dir)).toEqual([expect.stringMatching(/^quadrat\.cjs-fit-/)]);
    const second = run(FIT, { QUADRAT_CODE_CACHE_DIR: dir }, seededCli);
    expect([second.code, states(second), second.stdout]).toEqual([0, ['accepted'], reference.stdout]);
    // another command under the same flags starts from the same seed
    const described = run(['describe', '--data', join(root, 'test/data/sleepstudy.csv')], { QUADRAT_CODE_CACHE_DIR: freshDir('seeded-describe') }, seededCli);
    expect([described.code, states(described)]).toEqual([0, ['seeded']]);
  });

  it('QUADRAT_CODE_CACHE=0 reads no seed either', () => {
    expect(states(run(FIT, { QUADRAT_CODE_CACHE: '0' }, seededCli))).toEqual(['disabled']);
  });

  it("a batch's command and its worker threads read their seeds, and the results are the same", () => {
    const seededRun = batch('s1.jsonl', { QUADRAT_CODE_CACHE_DIR: freshDir('seeded-batch') });
    expect([seededRun.code, states(seededRun)]).toEqual([0, ['seeded', 'seeded']]);
    batch('s2.jsonl', { QUADRAT_CODE_CACHE: '0' });
    const lines = (out: string) => readFileSync(join(scratch, out), 'utf8').trim().split('\n').sort();
    expect(lines('s1.jsonl')).toEqual(lines('s2.jsonl'));
  });

  it('a seed run that fails says so in one line, and the build goes on without a seed', () => {
    const failing = `${dist}-no-examples`;
    for (const sub of ['cli', 'host']) cpSync(join(dist, sub), join(failing, sub), { recursive: true });
    const lines: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => lines.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      expect(seedCodeCache({ dist: failing, examples: join(scratch, 'no-such-examples') })).toEqual({ files: 0, bytes: 0 });
    } finally {
      process.stderr.write = write;
      rmSync(failing, { recursive: true, force: true });
    }
    expect(lines).toEqual([expect.stringMatching(/^build: the code cache's seed stops before 'quadrat fit' \(error: .*\); the first run after this build compiles more\n$/)]);
  });

  it('a damaged seed is ignored: the run compiles, prints the same and writes its own cache', () => {
    const reference = run(FIT, { QUADRAT_CODE_CACHE: '0' }, seededCli);
    for (const name of seeds('cli')) {
      const file = join(seededDist, 'cli/code-cache', name);
      const bytes = readFileSync(file);
      for (let i = bytes.length >> 1; i < (bytes.length >> 1) + 64; i++) bytes[i] ^= 0x5a;
      writeFileSync(file, bytes);
    }
    const dir = freshDir('seeded-damaged');
    const r = run(FIT, { QUADRAT_CODE_CACHE_DIR: dir }, seededCli);
    expect([r.code, states(r), r.stdout]).toEqual([0, ['absent'], reference.stdout]);
    expect(cacheFiles(dir)).toHaveLength(1);
  });
});
