/**
 * Bundles a worker entry with esbuild for a test run (workers need plain JavaScript). Output goes to
 * dist/test-workers/ inside the repository so runtime-external packages resolve from node_modules.
 */
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

export async function buildWorker(entry: string, name: string, moreExternal: string[] = []): Promise<string> {
  const outDir = join(root, 'dist/test-workers');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, `${name}-${process.pid}-${Date.now()}.mjs`);
  await build({
    entryPoints: [resolve(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
    external: ['electron', 'better-sqlite3', 'exceljs', ...moreExternal],
    banner: { js: "import { createRequire as __qCreateRequire } from 'node:module'; const require = __qCreateRequire(import.meta.url);" },
  });
  return outfile;
}
