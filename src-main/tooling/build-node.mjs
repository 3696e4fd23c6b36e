// Bundles the Node-side entry points (CLI, workers, Electron main/preload, web server, bench) with
// esbuild. The renderer is built by Vite (vite.config.ts). Entries that do not exist yet are skipped,
// so the build works at every stage of the tree.
import { build } from 'esbuild';
import { chmodSync, existsSync } from 'node:fs';

const entries = [
  // [source, output, format]
  ['src-main/cli/main.ts', 'dist/cli/quadrat.mjs', 'esm'],
  ['src-main/host/engineWorker.ts', 'dist/host/engineWorker.mjs', 'esm'],
  ['src-main/web/server.ts', 'dist/web/server.mjs', 'esm'],
  ['src-main/electron/main.ts', 'dist/main/electron.cjs', 'cjs'],
  ['src-main/electron/preload.ts', 'dist/main/preload.cjs', 'cjs'],
  ['src-main/electron/utilityEntry.ts', 'dist/main/utility.cjs', 'cjs'],
];

const shebang = '#!/usr/bin/env node';
// ESM bundles that pull in CommonJS packages need a real `require`.
const esmBanner = "import { createRequire as __qCreateRequire } from 'node:module'; const require = __qCreateRequire(import.meta.url);";

for (const [src, out, format] of entries) {
  if (!existsSync(src)) continue;
  const isCli = out.startsWith('dist/cli/');
  await build({
    entryPoints: [src],
    outfile: out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format,
    sourcemap: true,
    logLevel: 'warning',
    external: ['electron', 'better-sqlite3', 'playwright-core', 'exceljs'],
    banner: format === 'esm' ? { js: (isCli ? shebang + '\n' : '') + esmBanner } : undefined,
  });
  if (isCli) chmodSync(out, 0o755);
}
