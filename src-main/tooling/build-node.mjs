// Bundles the Node-side entry points (CLI, workers, Electron main/preload, web server, bench) with
// esbuild. The renderer is built by Vite (vite.config.ts). Entries that do not exist yet are skipped,
// so the build works at every stage of the tree.
import { build } from 'esbuild';
import { existsSync, rmSync } from 'node:fs';
import { buildCodeCached } from './codeCachedBuild.mjs';
import { seedCodeCache } from './seedCodeCache.mjs';
import { zodEnglishOnly } from './zodEnglishOnly.mjs';

/**
 * The CLI and its batch worker run with V8's code cache (src-main/cli/codeCache.ts): each is one
 * CommonJS bundle (.cjs) and a launcher (.mjs, the path that is run). One bundle, not the chunks per
 * command the CLI had before: with the cache, V8 loads only the bytecode a command used.
 */
const codeCached = [
  // [source, launcher, output, executable]
  ['src-main/cli/main.ts', 'src-main/cli/launch.ts', 'dist/cli/quadrat.mjs', true],
  ['src-main/host/batchWorker.ts', 'src-main/host/launchBatchWorker.ts', 'dist/host/batchWorker.mjs', false],
];

const entries = [
  // [source, output, format]
  ['src-main/host/engineWorker.ts', 'dist/host/engineWorker.mjs', 'esm'],
  ['src-main/web/server.ts', 'dist/web/server.mjs', 'esm'],
  ['src-main/electron/main.ts', 'dist/main/electron.cjs', 'cjs'],
  ['src-main/electron/preload.ts', 'dist/main/preload.cjs', 'cjs'],
  ['src-main/electron/utilityEntry.ts', 'dist/main/utility.cjs', 'cjs'],
];


const external = ['electron', 'better-sqlite3', 'playwright-core', 'exceljs'];

// the split ESM build of earlier versions
rmSync('dist/cli/chunks', { recursive: true, force: true });
for (const [src, launcher, out, shebang] of codeCached) {
  if (existsSync(src)) await buildCodeCached({ src, launcher, out, shebang, options: { external, plugins: [zodEnglishOnly] } });
}

// ESM bundles that pull in CommonJS packages need a real `require`.
const esmBanner = "import { createRequire as __qCreateRequire } from 'node:module'; const require = __qCreateRequire(import.meta.url);";

for (const [src, out, format] of entries) {
  if (!existsSync(src)) continue;
  await build({
    entryPoints: [src],
    outfile: out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format,
    sourcemap: true,
    logLevel: 'warning',
    external,
    banner: format === 'esm' ? { js: esmBanner } : undefined,
    plugins: [zodEnglishOnly],
  });
}

// after every bundle: the seeds run the CLI, whose batch starts the engine worker bundle
if (codeCached.every(([src]) => existsSync(src))) seedCodeCache();
