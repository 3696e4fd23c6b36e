/**
 * `npx tsx bench/firstFit.ts --code-cache`: how much of a first fit is V8 compiling the engine's
 * functions to bytecode on their first call. The child (firstFitChild.ts) is bundled as CommonJS and
 * run through `vm.Script` with V8's code cache: one process fits the `producers` (an LMM and a GLMM, as
 * `quadrat fit` prints them) and writes the cache after them (so it holds every function that fit compiled, not only the top level); the timed processes
 * then load their bytecode from it instead of compiling it (only bytecode: V8 caches no optimised code), through
 * the loader `quadrat` itself uses (src-main/cli/codeCache.ts).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import { type ChildResult, type Mode } from './firstFitChild';

/**
 * Runs the child bundle through the CLI's own loader (src-main/cli/codeCache.ts: vm.Script, the cache
 * file's key and digest), fits once, prints one JSON line; the producing process saves the cache after
 * its fits, as `quadrat` does at exit.
 */
const LOADER = `
import { runWithCodeCache } from './src-main/cli/codeCache';
const [bundle, name, mode, produce] = process.argv.slice(2);
const run = runWithCodeCache(bundle, 'bench', 'firstfit', process.env.QUADRAT_BENCH_V8_FLAGS);
if (produce !== 'produce' && run.state !== 'accepted') throw new Error('the code cache was ' + run.state);
const loadMs = performance.now();
for (const one of name.split(',')) console.log(JSON.stringify(globalThis.quadratTimeFirstFit(one, mode, loadMs)));
if (produce === 'produce') run.save();
`;

export interface CodeCacheRunner {
  run(name: string, mode: Mode): ChildResult | undefined;
}

/**
 * Bundles the child as CommonJS into `dir` and writes the cache from fits of `producers`. V8 accepts a
 * cache only under the flags it was made with, so the CLI's budgets (v8Tiering.ts) are given on
 * the command line of every process here rather than set at run time.
 */
export async function codeCacheRunner(dir: string, producers: string[], nodeFlags: string[]): Promise<CodeCacheRunner> {
  // imported here, in the parent only: the module sets the flag in whichever process loads it
  const { cliV8Flags } = await import('../src-main/cli/v8Tiering');
  const bundle = join(dir, 'firstFitChild.cjs');
  await build({
    stdin: { contents: "import { timeFirstFit } from './firstFitChild'; (globalThis as Record<string, unknown>).quadratTimeFirstFit = timeFirstFit;", resolveDir: 'bench', loader: 'ts' },
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  const loader = join(dir, 'codeCacheLoader.mjs');
  await build({ stdin: { contents: LOADER, resolveDir: '.', loader: 'ts' }, outfile: loader, bundle: true, platform: 'node', target: 'node20', format: 'esm', logLevel: 'warning' });
  const flags = [...cliV8Flags('fit').split(' '), ...nodeFlags];
  const env = { ...process.env, QUADRAT_CODE_CACHE: '1', QUADRAT_CODE_CACHE_DIR: join(dir, 'code-cache'), QUADRAT_BENCH_V8_FLAGS: flags.join(' ') };
  const spawn = (name: string, mode: Mode, produce: boolean): ChildResult | undefined => {
    const r = spawnSync(process.execPath, [...flags, loader, bundle, name, mode, produce ? 'produce' : 'use'], { encoding: 'utf8', maxBuffer: 1 << 24, env });
    if (r.status !== 0) {
      process.stderr.write(`bench: ${name} (${mode}, code cache) failed: ${r.stderr}\n`);
      return undefined;
    }
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildResult;
  };
  if (!spawn(producers.join(','), 'cli', true)) throw new Error('bench: could not write the code cache');
  return { run: (name, mode) => spawn(name, mode, false) };
}
