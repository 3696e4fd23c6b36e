/**
 * The views of an expression's values that operators need: numbers for arithmetic, TRUE/FALSE for
 * & | !, element-wise maps over columns and constants, and the positioned error for a wrong type.
 */
import { type Expr } from '../../formula/ast';
import { deparse } from '../../formula/deparse';
import { err } from '../../design/evaluate';
import { type DValue, describeKind } from './exprValues';

export type Num = Float64Array | number;

export { err };

/** Numbers for arithmetic: TRUE/FALSE count as 1/0 (as in R); categories and text are refused. */
export function numeric(v: DValue, e: Expr): Num {
  switch (v.kind) {
    case 'num':
      return v.values;
    case 'lgl':
      return Float64Array.from(v.values, (x) => (x < 0 ? NaN : x));
    case 'fac':
      throw err(`${deparse(e)} is a factor (categories); arithmetic on it is not meaningful`, e);
    case 'const':
      if (typeof v.value === 'string') throw err(`"${v.value}" is text; arithmetic needs numbers`, e);
      return v.value === null ? NaN : Number(v.value);
  }
}

/** TRUE/FALSE for & | !: 1, 0 or −1 (NA) per row, or a constant. */
export function logical(v: DValue, e: Expr): Int8Array | number {
  if (v.kind === 'lgl') return v.values;
  if (v.kind === 'const' && (typeof v.value === 'boolean' || v.value === null)) return v.value === null ? -1 : v.value ? 1 : 0;
  throw err(`${deparse(e)} is ${describeKind(v)}, not TRUE/FALSE; write a condition such as ${deparse(e)} > 0`, e);
}

/** f row by row over a column, or once for a constant. */
export function map1(x: Num, f: (u: number) => number): Num {
  if (typeof x === 'number') return f(x);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = f(x[i]);
  return out;
}

/** f row by row over two operands, either of which may be a constant (R recycles it). */
export function map2(x: Num, y: Num, f: (u: number, v: number) => number): Num {
  if (typeof x === 'number' && typeof y === 'number') return f(x, y);
  const n = typeof x === 'number' ? (y as Float64Array).length : x.length;
  const out = new Float64Array(n);
  if (typeof x === 'number') for (let i = 0; i < n; i++) out[i] = f(x, (y as Float64Array)[i]);
  else if (typeof y === 'number') for (let i = 0; i < n; i++) out[i] = f(x[i], y);
  else for (let i = 0; i < n; i++) out[i] = f(x[i], y[i]);
  return out;
}

export function logicalOf(args: (Int8Array | number)[], f: (xs: number[]) => number): DValue {
  const n = args.find((a): a is Int8Array => typeof a !== 'number')?.length;
  if (n === undefined) {
    const r = f(args as number[]);
    return { kind: 'const', value: r < 0 ? null : r === 1 };
  }
  const out = new Int8Array(n);
  const xs = new Array<number>(args.length);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < args.length; k++) xs[k] = typeof args[k] === 'number' ? (args[k] as number) : (args[k] as Int8Array)[i];
    out[i] = f(xs);
  }
  return { kind: 'lgl', values: out };
}

export const wrap = (x: Num): DValue => (typeof x === 'number' ? { kind: 'const', value: Number.isNaN(x) ? null : x } : { kind: 'num', values: x });
