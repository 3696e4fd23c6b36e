import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tableFromCsvText } from '../../../src-engine/data/importDelimited';
import { type Table } from '../../../src-engine/data/table';

const root = fileURLToPath(new URL('../../../', import.meta.url));
export const FIXTURE_DIR = `${root}test/reference/fixtures/design`;

const cache = new Map<string, Table>();

/** A test data set by file name: test/data/<name>, or the synthetic edge.csv written by design.R. */
export function loadData(name: string): Table {
  let t = cache.get(name);
  if (!t) {
    const path = name === 'edge.csv' ? `${FIXTURE_DIR}/edge.csv` : `${root}test/data/${name}`;
    t = tableFromCsvText(readFileSync(path, 'utf8'), { fileName: name });
    cache.set(name, t);
  }
  return t;
}

/** |actual − expected| ≤ tol · max(1, |expected|), element-wise, with the first mismatch reported. */
export function expectClose(actual: ArrayLike<number>, expected: readonly number[], tol: number, what: string): void {
  if (actual.length !== expected.length) throw new Error(`${what}: length ${actual.length}, expected ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    if (!(Math.abs(actual[i] - e) <= tol * Math.max(1, Math.abs(e)))) {
      throw new Error(`${what}[${i}]: ${actual[i]}, expected ${e}`);
    }
  }
}
