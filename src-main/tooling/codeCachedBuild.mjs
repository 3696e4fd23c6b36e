// Builds an entry that runs with V8's code cache (src-main/cli/codeCache.ts): the program as one
// CommonJS bundle (`<name>.cjs`: Node 20 caches code only for a vm.Script, not for an ES module) and
// its launcher (`<name>.mjs`), which carries the bundle's hash to key the cache.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * esbuild escapes non-ASCII characters in strings but keeps the JSDoc comments on class members as
 * written (θ, σ², ≤ …): one such character makes V8 hold the whole 3.4 MB source as a two-byte string,
 * ≈ 20 ms of CPU on every CLI start. Inside a comment `\u03b8` is as readable and changes nothing;
 * the comments are on lines of their own, so the source map's columns stay right.
 */
function escapeNonAscii(file) {
  const text = readFileSync(file, 'utf8');
  // eslint-disable-next-line no-control-regex -- the ASCII range itself
  const ascii = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (ascii !== text) writeFileSync(file, ascii);
}

/**
 * `out` is the launcher's path (ends in .mjs), the bundle goes beside it (.cjs). `options` are esbuild's
 * for the bundle (externals, plugins); `shebang` makes the launcher an executable.
 */
export async function buildCodeCached({ src, launcher, out, options = {}, shebang = false }) {
  const bundle = out.replace(/\.mjs$/, '.cjs');
  // import.meta is empty in CommonJS: the code that reads it (cliWorkers.ts) takes __filename there
  const logOverride = { 'empty-import-meta': 'silent' };
  await build({ entryPoints: [src], outfile: bundle, bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning', logOverride, ...options });
  escapeNonAscii(bundle);
  const hash = createHash('sha256').update(readFileSync(bundle)).digest('hex');
  await build({
    entryPoints: [launcher],
    outfile: out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
    define: { QUADRAT_BUNDLE_HASH: JSON.stringify(hash) },
    banner: shebang ? { js: '#!/usr/bin/env node' } : undefined,
  });
  if (shebang) chmodSync(out, 0o755);
  return { launcher: out, bundle, hash };
}

