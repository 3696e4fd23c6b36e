/**
 * A real API app for tests: a temp user-data folder, real SQLite project files and a worker-thread
 * engine host running the bundled engine worker. `call` throws on failure so tests read naturally.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type ApiApp, createApiApp } from '../../../src-main/api/apiApp';
import { type MethodName, type ParamsIn, type Result } from '../../../src-main/api/contract';
import { type Outcome } from '../../../src-main/api/dispatch';
import { createWorkerThreadHost } from '../../../src-main/host/workerThreadHost';
import { buildWorker } from './buildWorker';
import { tempDir } from './tmp';

export interface Harness {
  app: ApiApp;
  dir: string;
  events: { event: string; payload: unknown }[];
  call<M extends MethodName>(method: M, params?: ParamsIn<M>): Promise<Result<M>>;
  raw(method: string, params: unknown): Promise<Outcome>;
  close(): Promise<void>;
}

let workerPath: Promise<string> | null = null;
/** One engine-worker bundle per test file. */
export function engineWorkerPath(): Promise<string> {
  workerPath ??= buildWorker('src-main/host/engineWorker.ts', 'engineWorker');
  return workerPath;
}

export async function createHarness(options: { workers?: number } = {}): Promise<Harness> {
  const { dir, cleanup } = tempDir('quadrat-api-');
  const path = await engineWorkerPath();
  const app = createApiApp({
    userDataDir: resolve(dir, 'userdata'),
    host: createWorkerThreadHost({ workerPath: path, size: options.workers ?? 2 }),
    transport: 'direct',
    examplesDir: resolve(__dirname, '../../../assets/examples'),
    validateResults: true,
    log: () => undefined,
  });
  const events: Harness['events'] = [];
  app.subscribe((event, payload) => events.push({ event, payload }));
  return {
    app,
    dir,
    events,
    async call(method, params) {
      const out = await app.call(method, params ?? {});
      if (!out.ok) throw Object.assign(new Error(out.error.message), { status: out.status, kind: out.error.kind, where: out.error.where });
      return out.result as never;
    },
    raw: (method, params) => app.call(method, params),
    async close() {
      await app.close();
      cleanup();
    },
  };
}

export async function removeWorkerBundle(): Promise<void> {
  if (workerPath) rmSync(await workerPath, { force: true });
  workerPath = null;
}

/**
 * Imports test/data/<file> into the open project through dataset.import (its text, as a pasted or
 * picked CSV) and makes each of `factors` a factor unless the importer already did; the dataset's id.
 */
export async function importTestData(h: Harness, file: string, factors: readonly string[] = []): Promise<number> {
  const text = readFileSync(join(__dirname, '../../data', file), 'utf8');
  const { dataset } = await h.call('dataset.import', { source: { kind: 'text', fileName: file, text } });
  for (const column of factors)
    if (dataset.columns.find((c) => c.name === column)!.type !== 'factor') await h.call('dataset.setColumnType', { datasetId: dataset.id, column, type: 'factor' });
  return dataset.id;
}
