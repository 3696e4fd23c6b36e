/** Golden-file check: compare with test/engine/report/golden/<name>; UPDATE_GOLDEN=1 rewrites it (then review by eye). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

const DIR = join(process.cwd(), 'test', 'engine', 'report', 'golden');

export function expectGolden(name: string, actual: string | Uint8Array): void {
  const path = join(DIR, name);
  // a missing golden file fails (it would otherwise be written and compared with itself)
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual);
  else if (!existsSync(path)) throw new Error(`golden file ${name} is missing: run with UPDATE_GOLDEN=1 to write it, review it, and commit it`);
  expect(actual, `golden ${name} (UPDATE_GOLDEN=1 to rewrite, then review)`).toEqual(typeof actual === 'string' ? readFileSync(path, 'utf8') : new Uint8Array(readFileSync(path)));
}
