/**
 * Factor levels in R's order. R sorts character levels in the C locale, i.e. by code point (which is
 * UTF-8 byte order); factor() on a numeric vector sorts its values numerically. We sort numerically
 * when every level is a number, so IDs like 308, 309, …, 372 (or 1, 2, …, 10) come out in numeric
 * order, and by code point otherwise.
 */
import { type DecimalMark } from './importOptions';
import { parseNumber } from './parseNumber';
import { type FactorColumn } from './table';

/** Code-point order (R's sort in the C locale). JS `<` compares UTF-16 units, which differs above U+FFFF. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/** Sorted distinct labels: numerically when all are numbers, else by code point. */
export function sortLevels(labels: Iterable<string>, decimal: DecimalMark = '.'): string[] {
  const distinct = [...new Set(labels)];
  const numbers = distinct.map((l) => parseNumber(l, decimal));
  if (distinct.length > 0 && numbers.every((v) => v !== undefined)) {
    const order = distinct.map((_, i) => i);
    order.sort((i, j) => compareNumbers(numbers[i]!, numbers[j]!) || compareCodePoints(distinct[i], distinct[j]));
    return order.map((i) => distinct[i]);
  }
  return distinct.sort(compareCodePoints);
}

/** NaN sorts last, as R puts it after every number. */
function compareNumbers(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A factor from labels (null = missing), levels in R's order unless given. */
export function makeFactor(
  name: string,
  values: readonly (string | null)[],
  decimal: DecimalMark = '.',
  levels?: readonly string[],
): FactorColumn {
  const lv = levels ?? sortLevels(values.filter((v): v is string => v !== null), decimal);
  const index = new Map(lv.map((l, k) => [l, k]));
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    codes[i] = v === null ? -1 : (index.get(v) ?? -1);
  }
  return { name, type: 'factor', codes, levels: lv };
}
