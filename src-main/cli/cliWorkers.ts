/**
 * Worker threads for the CLI's parallel commands (batch, bayes). They load a worker bundle beside the
 * CLI — the engine worker (dist/host/engineWorker.mjs), or for batches the smaller batch worker
 * (dist/host/batchWorker.mjs, the launcher of batchWorker.cjs with V8's code cache: fit-units jobs
 * only) — so a worker is ready sooner than one loading the whole CLI; a CLI bundle on its own (no
 * bundles beside it) serves the jobs itself (main.ts).
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWorkerThreadHost } from '../host/workerThreadHost';

export type CliWorkerBundle = 'engineWorker' | 'batchWorker';

export function cliWorkerPath(bundle: CliWorkerBundle = 'engineWorker'): string {
  // the CLI's CommonJS bundle (dist/cli/quadrat.cjs) has no import.meta; its launcher gives it __filename
  const self = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
  if (!/\.[mc]js$/.test(self)) return self;
  // this module is in dist/cli/ (one bundle) or in dist/cli/chunks/ (a split build)
  for (const dir of [dirname(self), dirname(dirname(self))]) {
    for (const name of [bundle, 'engineWorker']) {
      const path = resolve(dir, `../host/${name}.mjs`);
      if (existsSync(path)) return path;
    }
  }
  return self;
}

/** `size` workers, started now so they load while the command reads its data. */
export function cliWorkerHost(size: number, bundle: CliWorkerBundle = 'engineWorker') {
  return createWorkerThreadHost({ workerPath: cliWorkerPath(bundle), size, prestart: true, foreground: true });
}
