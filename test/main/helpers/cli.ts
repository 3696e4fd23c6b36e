/**
 * The CLI bundled for one test file, into a file of its own: test files run in parallel, and a shared
 * dist/cli/quadrat.mjs rebuilt by one file while another spawns it can be read half-written.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { buildWorker } from './buildWorker';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Registers the build (beforeAll) and the clean-up (afterAll); call `run` inside tests. */
export function useCli(): { run(args: string[]): CliRun; path(): string } {
  let path = '';
  beforeAll(async () => {
    path = await buildWorker('src-main/cli/main.ts', 'quadrat-cli', ['playwright-core']);
  });
  afterAll(() => rmSync(path, { force: true }));
  return {
    path: () => path,
    run(args) {
      // a batch's workers may be dist/host/batchWorker.mjs, which writes V8's code cache: not into the user's cache from tests
      const r = spawnSync(process.execPath, [path, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, QUADRAT_CODE_CACHE: '0' } });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    },
  };
}
