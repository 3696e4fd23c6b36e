/**
 * The views of an expression's values that operators need: numbers for arithmetic, TRUE/FALSE for
 * & | ! (element-wise arithmetic is design/rArithmetic's), and the positioned error for a wrong type.
 */
import { type Expr } from '../../formula/ast';
import { deparse } from '../../formula/deparse';
import { err } from '../../design/evaluate';
import { type Num } from '../../design/rArithmetic';
import { type DValue, describeKind } from './exprValues';

export type { Num };

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
