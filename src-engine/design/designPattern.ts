/**
 * The pattern part of a design — X with its rank check, the fixed-term descriptions, the random-
 * effects terms, the offset and the warnings they raise — is a function of the formula's right-hand
 * side and of the model-frame values it reads, on the rows used. A batch fits one formula to many
 * units whose rows carry the same covariates (the same samples; only the response differs): built
 * once, the pattern is reused for every unit whose rows and covariate values are identical to the
 * bit, so each unit rebuilds only its response. Anything else (another NA pattern, one value off)
 * builds afresh.
 */
import { type FixedTerms, type ReTerm } from './mixedDesign';
import { type Value } from './values';

export interface DesignPattern {
  readonly X: Float64Array;
  readonly p: number;
  readonly fixedNames: readonly string[];
  readonly droppedFixed: readonly string[];
  readonly fixedTerms: FixedTerms;
  readonly reterms: readonly ReTerm[];
  readonly offset: Float64Array | undefined;
  /** lme4's rank-deficiency warning, raised before the dropped-rows one is put first. */
  readonly rankWarnings: readonly string[];
  /** The scale, grouping and random-slope warnings, raised last. */
  readonly laterWarnings: readonly string[];
}

/** Float64 arrays equal to the bit (−0 is not 0; NaN equals NaN only with the same payload). */
function sameBits(a: Float64Array, b: Float64Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  const x = new Int32Array(a.buffer, a.byteOffset, 2 * a.length);
  const y = new Int32Array(b.buffer, b.byteOffset, 2 * b.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

function sameInts(a: Int32Array | Int8Array, b: Int32Array | Int8Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a === b || (a.length === b.length && a.every((s, i) => s === b[i]));
}

export function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  switch (a.type) {
    case 'numeric':
      return b.type === 'numeric' && sameBits(a.values, b.values);
    case 'logical':
      return b.type === 'logical' && sameInts(a.values, b.values);
    case 'factor':
      return b.type === 'factor' && sameInts(a.codes, b.codes) && sameStrings(a.levels, b.levels);
    case 'matrix':
      return b.type === 'matrix' && sameStrings(a.colnames, b.colnames) && a.columns.length === b.columns.length && a.columns.every((c, j) => sameBits(c, b.columns[j]));
  }
}

interface Kept {
  /** The formula from its response's end (~ and the right-hand side), and whether it is a GLMM's. */
  readonly key: string;
  /** The table rows used (rows with a missing model variable — the response's too — are not in it). */
  readonly rows: Int32Array;
  /** Every model-frame value the pattern read while it was built. */
  readonly reads: readonly (readonly [string, Value])[];
  readonly pattern: DesignPattern;
}

/** The last pattern built, for the next design with the same key, rows and covariate values. */
export class DesignPatterns {
  private last: Kept | undefined;
  /** Patterns reused (for tests and benchmarks). */
  hits = 0;

  match(key: string, rows: Int32Array, value: (label: string) => Value | undefined): DesignPattern | undefined {
    const k = this.last;
    if (!k || k.key !== key || !sameInts(k.rows, rows)) return undefined;
    for (const [label, v] of k.reads) {
      const now = value(label);
      if (!now || !sameValue(v, now)) return undefined;
    }
    this.hits++;
    return k.pattern;
  }

  keep(key: string, rows: Int32Array, reads: readonly (readonly [string, Value])[], pattern: DesignPattern): void {
    this.last = { key, rows, reads, pattern };
  }
}
