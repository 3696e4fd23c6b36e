/**
 * R's element-wise arithmetic on numbers and numeric columns: one definition for both evaluators of
 * the formula grammar, model variables (design/evaluate.ts: I(), log(), comparisons) and data
 * expressions (data/compute: computed columns and row filters). Each evaluator keeps its own answer to
 * a result that is not a number: the model frame drops the row with a note, a computed column makes
 * it NA with a note saying why.
 */

/** A column of numbers, or one number that stands for every row. */
export type Num = Float64Array | number;

export const ARITH: Readonly<Record<string, (x: number, y: number) => number>> = {
  '+': (x, y) => x + y,
  '-': (x, y) => x - y,
  '*': (x, y) => x * y,
  '/': (x, y) => x / y,
  '^': (x, y) => (x === 1 || y === 0 ? 1 : x ** y), // R: 1^NaN = 1, NaN^0 = 1
};

/** Comparisons of two numbers (neither NaN: a missing value makes the comparison NA). */
export const COMPARE: Readonly<Record<string, (x: number, y: number) => boolean>> = {
  '>': (x, y) => x > y,
  '<': (x, y) => x < y,
  '>=': (x, y) => x >= y,
  '<=': (x, y) => x <= y,
  '==': (x, y) => x === y,
  '!=': (x, y) => x !== y,
};

export const MATH: Readonly<Record<string, (x: number) => number>> = {
  log: Math.log,
  log10: Math.log10,
  log2: Math.log2,
  log1p: Math.log1p,
  exp: Math.exp,
  sqrt: Math.sqrt,
  abs: Math.abs,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
};

/** R's log(x, base). */
export const logBase = (x: number, base: number): number => Math.log(x) / Math.log(base);

export function map1(x: Num, f: (v: number) => number): Num {
  if (typeof x === 'number') return f(x);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = f(x[i]);
  return out;
}

/** f over two operands, a number standing for every row (R recycles a length-one vector). */
export function map2(a: Num, b: Num, f: (x: number, y: number) => number): Num {
  if (typeof a === 'number' && typeof b === 'number') return f(a, b);
  const n = typeof a === 'number' ? (b as Float64Array).length : a.length;
  const out = new Float64Array(n);
  // the recycling decided once, not per row: 10⁶-row columns are the common case (bench/compute.ts)
  if (typeof a === 'number') for (let i = 0; i < n; i++) out[i] = f(a, (b as Float64Array)[i]);
  else if (typeof b === 'number') for (let i = 0; i < n; i++) out[i] = f(a[i], b);
  else for (let i = 0; i < n; i++) out[i] = f(a[i], b[i]);
  return out;
}

/** A comparison row by row: 1 TRUE, 0 FALSE, −1 NA (either side missing); a number when both are numbers. */
export function compareRows(x: Num, y: Num, op: string): Int8Array | number {
  const f = COMPARE[op];
  const one = (u: number, v: number) => (Number.isNaN(u) || Number.isNaN(v) ? -1 : f(u, v) ? 1 : 0);
  if (typeof x === 'number' && typeof y === 'number') return one(x, y);
  const n = typeof x === 'number' ? (y as Float64Array).length : x.length;
  const out = new Int8Array(n);
  for (let i = 0; i < n; i++) out[i] = one(typeof x === 'number' ? x : x[i], typeof y === 'number' ? y : y[i]);
  return out;
}
