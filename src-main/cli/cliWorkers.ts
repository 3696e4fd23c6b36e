/**
 * Worker threads for the CLI's parallel commands (batch, bayes). They load a worker bundle beside the
 * CLI — the engine worker (dist/host/engineWorker.mjs), or for batches the smaller batch worker
 * (dist/host/batchWorker.mjs: fit-units jobs only) — so a worker is ready sooner than one loading the
 * whole CLI; a CLI bundle on its own (no bundles beside it) serves the jobs itself (main.ts).
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWorkerThreadHost } from '../host/workerThreadHost';

export type CliWorkerBundle = 'engineWorker' | 'batchWorker';

export function cliWorkerPath(bundle: CliWorkerBundle = 'engineWorker'): string {
  const self = fileURLToPath(import.meta.url);
  if (!self.endsWith('.mjs')) return self;
  // this module is in dist/cli/ (one bundle) or in dist/cli/chunks/ (the split CLI build)
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
