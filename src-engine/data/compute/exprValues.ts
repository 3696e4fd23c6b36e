/**
 * The values a data expression computes, row by row: numbers, TRUE/FALSE, or categories, with R's
 * missing value (NaN, −1) in each; a constant stands for every row. Text columns are read as
 * categories (their labels are what an expression compares).
 */
import { formatRNumber } from '../rNumber';
import { type LevelOrder, makeFactor, sortLevels } from '../levels';
import { dropUnusedLevels } from '../../design/factorize';

export type DValue =
  | { readonly kind: 'num'; readonly values: Float64Array }
  | { readonly kind: 'lgl'; readonly values: Int8Array }
  | { readonly kind: 'fac'; readonly codes: Int32Array; readonly levels: readonly string[] }
  /** null is NA. */
  | { readonly kind: 'const'; readonly value: number | string | boolean | null };

export type FacValue = Extract<DValue, { kind: 'fac' }>;

/** What it is, for messages: "a number", "categories", … */
export function describeKind(v: DValue): string {
  if (v.kind === 'num') return 'a number';
  if (v.kind === 'lgl') return 'TRUE/FALSE';
  if (v.kind === 'fac') return 'a factor (categories)';
  return v.value === null ? 'NA' : typeof v.value === 'string' ? 'text' : typeof v.value === 'boolean' ? 'TRUE/FALSE' : 'a number';
}

/** The label a value shows in row i, as R's as.character: null when missing. */
export function labelAt(v: DValue, i: number): string | null {
  switch (v.kind) {
    case 'num':
      return Number.isNaN(v.values[i]) ? null : formatRNumber(v.values[i]);
    case 'lgl':
      return v.values[i] < 0 ? null : v.values[i] ? 'TRUE' : 'FALSE';
    case 'fac':
      return v.codes[i] < 0 ? null : v.levels[v.codes[i]];
    case 'const':
      return constLabel(v.value);
  }
}

export function constLabel(x: number | string | boolean | null): string | null {
  if (x === null) return null;
  if (typeof x === 'number') return formatRNumber(x);
  if (typeof x === 'boolean') return x ? 'TRUE' : 'FALSE';
  return x;
}

/** As R's factor(x): numbers sorted numerically, text in the level order, FALSE before TRUE; a factor keeps its levels. */
export function toFactor(v: Exclude<DValue, { kind: 'const' }>, order: LevelOrder): FacValue {
  if (v.kind === 'fac') return v;
  const n = v.values.length;
  const labels = Array.from({ length: n }, (_, i) => labelAt(v, i));
  if (v.kind === 'lgl') {
    const present = ['FALSE', 'TRUE'].filter((l) => labels.includes(l));
    const f = makeFactor('', labels, '.', present);
    return { kind: 'fac', codes: f.codes, levels: f.levels };
  }
  return factorOfLabels(labels, order);
}

/** Labels (null = missing) as categories, levels sorted as R's factor() sorts them. */
export function factorOfLabels(labels: readonly (string | null)[], order: LevelOrder): FacValue {
  const f = makeFactor('', labels, '.', sortLevels(labels.filter((l): l is string => l !== null), '.', order));
  return { kind: 'fac', codes: f.codes, levels: f.levels };
}

/** Only the levels some row uses, in their order (R's droplevels; the design's own rule). */
export function dropUnused(f: FacValue): FacValue {
  const d = dropUnusedLevels({ type: 'factor', codes: f.codes, levels: f.levels });
  return d.levels === f.levels ? f : { kind: 'fac', codes: d.codes, levels: d.levels };
}
