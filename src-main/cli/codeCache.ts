/**
 * V8's code cache for the CLI and its batch workers (docs/cli.md, "Code cache"). A fresh `quadrat`
 * process spends much of a small first fit, and of its start, compiling the engine's functions to
 * bytecode; V8 can save that bytecode and load it next time instead. Node 20 attaches a cache only to a
 * `vm.Script`, not to an ES module, so the program is a CommonJS bundle (quadrat.cjs, batchWorker.cjs)
 * that a tiny launcher (launch.ts, launchBatchWorker.ts) runs here, wrapped as CommonJS would wrap it.
 *
 * The cache is written after the work (`createCachedData()` then holds every function the run compiled,
 * not only the top level), once per command, keyed by the bundle's hash, Node's and V8's versions and
 * the V8 flags; atomically (temporary file + rename, so concurrent processes and workers never read
 * half a file), behind a SHA-256 of its bytes: Node 20's V8 checks a cache's version, flags and length
 * but not its contents, and a damaged one crashes the process (SIGSEGV) instead of being rejected.
 * Everything here fails quietly: no cache, a rejected or unreadable one, or a directory
 * that cannot be written only means compiling as without a cache.
 *
 * The build seeds a cache beside each bundle (`code-cache/<bundle>-seed-<key>.v8cache`, written by
 * src-main/tooling/seedCodeCache.mjs from a few fits of the bundled examples), so that the very first
 * run after an install or a build starts from bytecode too. A run reads the seed only while it has no
 * cache of its own, and then writes its own (the seed's functions and whatever else it compiled).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { threadId } from 'node:worker_threads';

export type CodeCacheState = 'disabled' | 'absent' | 'seeded' | 'accepted' | 'rejected';

/** `QUADRAT_CODE_CACHE=0` disables; `QUADRAT_CODE_CACHE_DIR` overrides; else the XDG cache directory. */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.QUADRAT_CODE_CACHE === '0') return null;
  if (env.QUADRAT_CODE_CACHE_DIR) return env.QUADRAT_CODE_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'quadrat', 'code-cache');
}

/**
 * V8 rejects a cache made by another V8 or under other flags; the key keeps such caches apart (so two
 * Node versions do not overwrite each other's) and a new build never reads the old build's file.
 */
export function codeCacheFile(dir: string, bundle: string, bundleHash: string, tag: string, v8Flags: string): string {
  const parts = [bundleHash, process.version, process.versions.v8, process.arch, v8Flags, process.execArgv.join(' '), process.env.NODE_OPTIONS ?? ''];
  const key = createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 16);
  return join(dir, `${basename(bundle)}-${tag}-${key}.v8cache`);
}

/**
 * The build's seed for a bundle: beside it, keyed as the user's caches are (so a seed made by another
 * Node or under other flags is never read), under the tag `seed`, which every command run under the
 * same V8 flags shares.
 */
export function codeCacheSeedFile(bundle: string, bundleHash: string, v8Flags: string): string {
  return codeCacheFile(join(dirname(bundle), 'code-cache'), bundle, bundleHash, 'seed', v8Flags);
}

export interface CodeCachedRun {
  exports: Record<string, unknown>;
  state: CodeCacheState;
  /** Writes the cache (once) unless this run's own was accepted. Never throws. */
  save(): void;
}

/** Compiles `bundle` with its cache (when there is one), runs it as a CommonJS module, and returns it. */
export function runWithCodeCache(bundle: string, bundleHash: string, tag: string, v8Flags: string): CodeCachedRun {
  const dir = codeCacheDir();
  const file = dir === null ? null : codeCacheFile(dir, bundle, bundleHash, tag, v8Flags);
  let cachedData: Buffer | undefined;
  let damaged = false;
  let seed: string | null = null;
  if (file) {
    const own = readCache(file);
    damaged = own === 'damaged';
    if (own === 'absent') {
      seed = codeCacheSeedFile(bundle, bundleHash, v8Flags);
      const seeded = readCache(seed);
      // a damaged seed is as good as none: this run writes its own cache
      cachedData = typeof seeded === 'string' ? undefined : seeded;
      if (cachedData === undefined) seed = null;
    } else if (own !== 'damaged') cachedData = own;
  }
  const source = readFileSync(bundle, 'utf8');
  // CommonJS's own wrapper, on the bundle's first line so that its line numbers stay right
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundle, cachedData });
  const state: CodeCacheState =
    file === null ? 'disabled' : damaged || script.cachedDataRejected ? 'rejected' : cachedData === undefined ? 'absent' : seed ? 'seeded' : 'accepted';
  if (process.env.QUADRAT_DEBUG) process.stderr.write(`quadrat: code cache ${state}${file ? ` (${seed ?? file})` : ''}\n`);
  const module = { exports: {} as Record<string, unknown> };
  (script.runInThisContext() as (...a: unknown[]) => void)(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  let saved = false;
  const save = () => {
    if (saved || file === null || state === 'accepted') return;
    saved = true;
    writeAtomically(file, () => {
      const data = script.createCachedData();
      return Buffer.concat([digest(data), data]);
    });
  };
  return { exports: module.exports, state, save };
}

const DIGEST_BYTES = 32;
const digest = (data: Buffer): Buffer => createHash('sha256').update(data).digest();

/** A cache file's data, or why there is none: no file (or an unreadable one), or a damaged file. */
function readCache(file: string): Buffer | 'absent' | 'damaged' {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return 'absent'; // none yet, or unreadable: compile as without a cache
  }
  return verified(bytes) ?? 'damaged';
}

/** The cache without its digest, or undefined when the digest does not match (a damaged file). */
function verified(file: Buffer): Buffer | undefined {
  const data = file.subarray(DIGEST_BYTES);
  return file.length > DIGEST_BYTES && digest(data).equals(file.subarray(0, DIGEST_BYTES)) ? data : undefined;
}

function writeAtomically(file: string, data: () => Buffer): void {
  const tmp = `${file}.${process.pid}-${threadId}.tmp`;
  try {
    makeDir(dirname(file));
    writeFileSync(tmp, data());
    renameSync(tmp, file);
    removeStale(file);
  } catch {
    // a read-only or full cache directory: the next run compiles, as this one did
    try {
      rmSync(tmp, { force: true });
    } catch {
      // nothing was written
    }
  }
}

/**
 * `mkdirSync(dir, { recursive: true })`, one level at a time: Node 20's own loops forever under /proc
 * (a `QUADRAT_CODE_CACHE_DIR` there hung the CLI); this stops at the first level it cannot create.
 */
function makeDir(dir: string): void {
  try {
    mkdirSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    if (code !== 'ENOENT' || dirname(dir) === dir) throw e;
    makeDir(dirname(dir));
    mkdirSync(dir);
  }
}

/** The same bundle and command under an older key (an earlier build or Node): never read again. */
function removeStale(file: string): void {
  const name = basename(file);
  const prefix = name.slice(0, name.lastIndexOf('-') + 1);
  for (const other of readdirSync(dirname(file))) {
    if (other !== name && other.startsWith(prefix) && other.endsWith('.v8cache')) rmSync(join(dirname(file), other), { force: true });
  }
}
