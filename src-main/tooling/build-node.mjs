// Bundles the Node-side entry points (CLI, workers, Electron main/preload, web server, bench) with
// esbuild. The renderer is built by Vite (vite.config.ts). Entries that do not exist yet are skipped,
// so the build works at every stage of the tree.
import { build } from 'esbuild';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';

const entries = [
  // [source, output, format]
  ['src-main/cli/main.ts', 'dist/cli/quadrat.mjs', 'esm'],
  ['src-main/host/engineWorker.ts', 'dist/host/engineWorker.mjs', 'esm'],
  ['src-main/host/batchWorker.ts', 'dist/host/batchWorker.mjs', 'esm'],
  ['src-main/web/server.ts', 'dist/web/server.mjs', 'esm'],
  ['src-main/electron/main.ts', 'dist/main/electron.cjs', 'cjs'],
  ['src-main/electron/preload.ts', 'dist/main/preload.cjs', 'cjs'],
  ['src-main/electron/utilityEntry.ts', 'dist/main/utility.cjs', 'cjs'],
];

/**
 * zod's `z.locales` (error messages in ~60 languages, 370 KB of the CLI's 2.4 MB for `quadrat batch`)
 * is reached only through that namespace, which Quadrat never reads (its messages are its own, in
 * English): the Node bundles get English alone, and every process and worker parses ~15 % less.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: args.resolveDir + '/../locales/en.js', namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({ contents: `export { default as en } from ${JSON.stringify(args.path)};`, resolveDir: dirname(args.path) }));
  },
};

const shebang = '#!/usr/bin/env node';
// ESM bundles that pull in CommonJS packages need a real `require`.
const esmBanner = "import { createRequire as __qCreateRequire } from 'node:module'; const require = __qCreateRequire(import.meta.url);";

for (const [src, out, format] of entries) {
  if (!existsSync(src)) continue;
  const isCli = out.startsWith('dist/cli/');
  // The CLI is split into chunks (dist/cli/chunks/): each command is a dynamic import
  // (src-main/cli/commands.ts), so `quadrat batch` parses ~1 MB instead of the whole 3.4 MB.
  if (isCli) rmSync(dirname(out) + '/chunks', { recursive: true, force: true });
  await build({
    entryPoints: isCli ? [{ in: src, out: basename(out, '.mjs') }] : [src],
    ...(isCli ? { outdir: dirname(out), splitting: true, outExtension: { '.js': '.mjs' }, chunkNames: 'chunks/[name]-[hash]' } : { outfile: out }),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format,
    sourcemap: true,
    logLevel: 'warning',
    external: ['electron', 'better-sqlite3', 'playwright-core', 'exceljs'],
    banner: format === 'esm' ? { js: esmBanner } : undefined,
    plugins: [zodEnglishOnly],
  });
  if (isCli) {
    writeFileSync(out, shebang + '\n' + readFileSync(out, 'utf8'));
    chmodSync(out, 0o755);
  }
}
