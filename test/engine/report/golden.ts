/** Golden-file check: compare with test/engine/report/golden/<name>; UPDATE_GOLDEN=1 rewrites it (then review by eye). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

const DIR = join(process.cwd(), 'test', 'engine', 'report', 'golden');

export function expectGolden(name: string, actual: string | Uint8Array): void {
  const path = join(DIR, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    if (process.env.CI) throw new Error(`golden file ${name} is missing`);
    writeFileSync(path, actual);
  }
  expect(actual, `golden ${name} (UPDATE_GOLDEN=1 to rewrite, then review)`).toEqual(typeof actual === 'string' ? readFileSync(path, 'utf8') : new Uint8Array(readFileSync(path)));
}
