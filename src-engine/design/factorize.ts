/**
 * Turning columns into factors the way R's factor() does: numeric values sorted numerically and
 * labelled as as.character() writes them; text sorted by code point (R's sort in the C locale, the
 * order the data import uses); logicals as FALSE < TRUE.
 */
import { compareLabels } from '../data/levels';
import { formatRNumber } from '../data/rNumber';
import { type FactorValue } from './values';


export function factorFromNumbers(values: Float64Array): FactorValue {
  // Typed-array sort + binary search: much faster than a Set/Map on InstEval-sized columns.
  const sorted = values.filter((v) => !Number.isNaN(v)).sort();
  let m = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[m - 1]) sorted[m++] = sorted[i];
  const distinct = sorted.subarray(0, m);
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) {
      codes[i] = -1;
      continue;
    }
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (distinct[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    codes[i] = lo;
  }
  return { type: 'factor', codes, levels: Array.from(distinct, formatRNumber) };
}

export function factorFromText(values: readonly (string | null)[]): FactorValue {
  const distinct = [...new Set(values.filter((v): v is string => v !== null))].sort((a, b) => compareLabels(a, b));
  const index = new Map(distinct.map((v, k) => [v, k]));
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) codes[i] = values[i] === null ? -1 : index.get(values[i]!)!;
  return { type: 'factor', codes, levels: distinct };
}

export function factorFromLogical(values: Int8Array): FactorValue {
  const seen = [false, false];
  for (const v of values) if (v >= 0) seen[v] = true;
  const levels = (['FALSE', 'TRUE'] as const).filter((_, k) => seen[k]);
  const offset = seen[0] ? 0 : 1;
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) codes[i] = values[i] < 0 ? -1 : values[i] - offset;
  return { type: 'factor', codes, levels };
}

/** factor(f) on a factor: unused levels dropped, order kept. */
export function dropUnusedLevels(f: FactorValue): FactorValue {
  const used = new Uint8Array(f.levels.length);
  for (const c of f.codes) if (c >= 0) used[c] = 1;
  if (used.every((u) => u === 1)) return f;
  const map = new Int32Array(f.levels.length).fill(-1);
  const levels: string[] = [];
  f.levels.forEach((l, k) => {
    if (used[k]) {
      map[k] = levels.length;
      levels.push(l);
    }
  });
  return { type: 'factor', codes: f.codes.map((c) => (c < 0 ? -1 : map[c])), levels };
}
