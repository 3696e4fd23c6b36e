/**
 * The CLI batch's worker thread as started (dist/host/batchWorker.mjs): runs the worker's CommonJS
 * bundle (batchWorker.cjs) with V8's code cache, as the CLI's launcher does (src-main/cli/launch.ts).
 * A worker is terminated rather than left to exit, so its cache is written after its first job.
 */
import { fileURLToPath } from 'node:url';
import { runWithCodeCache } from '../cli/codeCache';
import { cliV8Flags } from '../cli/v8Flags';

/** The bundle's hash, written in by the build (src-main/tooling/codeCachedBuild.mjs). */
declare const QUADRAT_BUNDLE_HASH: string;

const bundle = fileURLToPath(import.meta.url).replace(/\.mjs$/, '.cjs');
// the process runs `quadrat batch`, whose flags its main thread set
const run = runWithCodeCache(bundle, QUADRAT_BUNDLE_HASH, 'worker', cliV8Flags('batch'));
(run.exports.afterFirstJob as { hook?: () => void }).hook = run.save;
