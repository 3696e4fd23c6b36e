/**
 * Factor levels in R's order. factor() sorts character levels with the locale's collation: in the
 * UTF-8 locales R runs in on Windows, macOS and Linux that is ICU's (`control` before `Warm`,
 * `Sitea` before `SiteB`), the default here ('locale'); R in the C locale sorts by code point
 * ('C', an option). factor() on a numeric vector sorts its values numerically, so when every level
 * is a number (IDs 308, 309, …, 372) the order is numeric either way.
 */
import { type DecimalMark } from './importOptions';
import { parseNumber } from './parseNumber';
import { type FactorColumn } from './table';

/** 'locale': ICU collation, as R's sort() in a UTF-8 locale; 'C': code points, as R in the C locale. */
export type LevelOrder = 'locale' | 'C';

// ICU's root collation (English has no tailoring): what R gives in en_US.UTF-8 or C.UTF-8 with ICU.
// Languages with their own tailoring (Swedish å after z) are not followed: results must not depend
// on the machine's locale.
const icu = new Intl.Collator('en');

/** Two labels in the given order; ICU ties (e.g. different normalisations) fall back to code points, so the order is total. */
export function compareLabels(a: string, b: string, order: LevelOrder = 'locale'): number {
  if (order === 'C') return compareCodePoints(a, b);
  return icu.compare(a, b) || compareCodePoints(a, b);
}

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

/** Sorted distinct labels: numerically when all are numbers, else in the level order asked for. */
export function sortLevels(labels: Iterable<string>, decimal: DecimalMark = '.', order: LevelOrder = 'locale'): string[] {
  const distinct = [...new Set(labels)];
  const numbers = distinct.map((l) => parseNumber(l, decimal));
  if (distinct.length > 0 && numbers.every((v) => v !== undefined)) {
    const idx = distinct.map((_, i) => i);
    idx.sort((i, j) => compareNumbers(numbers[i]!, numbers[j]!) || compareCodePoints(distinct[i], distinct[j]));
    return idx.map((i) => distinct[i]);
  }
  return distinct.sort((a, b) => compareLabels(a, b, order));
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
  order: LevelOrder = 'locale',
): FactorColumn {
  const lv = levels ?? sortLevels(values.filter((v): v is string => v !== null), decimal, order);
  const index = new Map(lv.map((l, k) => [l, k]));
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    codes[i] = v === null ? -1 : (index.get(v) ?? -1);
  }
  return { name, type: 'factor', codes, levels: lv };
}
