/**
 * Worker threads for the CLI's parallel commands (batch, bayes). They load the engine worker bundle
 * beside the CLI (dist/host/engineWorker.mjs, half the size of the CLI bundle, so a worker is ready
 * in about 0.4 s instead of 0.7 s); a CLI bundle on its own serves the jobs itself (main.ts).
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWorkerThreadHost } from '../host/workerThreadHost';

export function cliWorkerPath(): string {
  const self = fileURLToPath(import.meta.url);
  if (!self.endsWith('.mjs')) return self;
  // this module is in dist/cli/ (one bundle) or in dist/cli/chunks/ (the split CLI build)
  for (const dir of [dirname(self), dirname(dirname(self))]) {
    const engine = resolve(dir, '../host/engineWorker.mjs');
    if (existsSync(engine)) return engine;
  }
  return self;
}

/** `size` workers, started now so they load while the command reads its data. */
export function cliWorkerHost(size: number) {
  return createWorkerThreadHost({ workerPath: cliWorkerPath(), size, prestart: true });
}
