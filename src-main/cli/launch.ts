/**
 * `quadrat` as installed (dist/cli/quadrat.mjs): a launcher that runs the CLI's CommonJS bundle
 * (dist/cli/quadrat.cjs) with V8's code cache (codeCache.ts). It is kept tiny because it is the one
 * part compiled every time. The cache of each command (`fit`, `batch`, …) is written when a run of it
 * ends well, so it holds what that command compiles; help and failed runs write none.
 */
import { CLI_V8_FLAGS, commandOf } from './v8Tiering'; // first: V8's flags must be set before compiling, as the cache records them
import { fileURLToPath } from 'node:url';
import { runWithCodeCache } from './codeCache';

/** The bundle's hash, written in by the build (src-main/tooling/codeCachedBuild.mjs). */
declare const QUADRAT_BUNDLE_HASH: string;

const bundle = fileURLToPath(import.meta.url).replace(/\.mjs$/, '.cjs');
const args = process.argv.slice(2);
const command = commandOf(args);
const run = runWithCodeCache(bundle, QUADRAT_BUNDLE_HASH, command, CLI_V8_FLAGS);
process.on('exit', (code) => {
  if (code === 0 && !args.includes('--help') && !args.includes('-h')) run.save();
});
