/**
 * Comparisons in data expressions, as R: numbers by value (NA where either side is missing), factors
 * and text by their labels with == and != only, and %in% (never NA).
 */
import { QuadratError } from '../../errors/quadratError';
import { type BinaryExpr, type Expr } from '../../formula/ast';
import { deparse } from '../../formula/deparse';
import { type DValue, constLabel, describeKind, labelAt } from './exprValues';
import { err, numeric } from './exprViews';
import { compareRows } from '../../design/rArithmetic';

const isText = (v: DValue) => v.kind === 'fac' || (v.kind === 'const' && typeof v.value === 'string');

/** Numbers compare as numbers; a factor or text compares its labels with == and != (a number as R writes it). */
export function compare(e: BinaryExpr, a: DValue, b: DValue, n: number): DValue {
  const equal = e.op === '==';
  if (isText(a) || isText(b)) {
    if (e.op !== '==' && e.op !== '!=') throw new QuadratError('formula', `'${e.op}' does not order categories or text; use == or !=, or %in%`, { column: e.opStart + 1 });
    for (const [v, side] of [[a, e.left!], [b, e.right]] as const) {
      if (v.kind === 'num' || v.kind === 'lgl') throw err(`${deparse(side)} is ${describeKind(v)}; compare categories with a quoted label, e.g. site == "B3"`, side);
    }
    if (a.kind === 'const' && b.kind === 'const') return { kind: 'const', value: a.value === null || b.value === null ? null : (constLabel(a.value) === constLabel(b.value)) === equal };
    const out = new Int8Array(n);
    for (let i = 0; i < n; i++) {
      const x = labelAt(a, i);
      const y = labelAt(b, i);
      out[i] = x === null || y === null ? -1 : (x === y) === equal ? 1 : 0;
    }
    return { kind: 'lgl', values: out };
  }
  const r = compareRows(numeric(a, e.left!), numeric(b, e.right), e.op);
  return typeof r === 'number' ? { kind: 'const', value: r < 0 ? null : r === 1 } : { kind: 'lgl', values: r };
}

/** R's %in%: never NA (a missing value is in the set only if NA is listed). Numbers match numerically, labels as text. */
export function inSet(a: DValue, right: Expr, n: number): DValue {
  const items = (right.kind === 'call' && right.fn === 'c' ? right.args.map((x) => x.value) : [right]).map((x) => (x.kind === 'string' || x.kind === 'number' || x.kind === 'bool' ? x.value : null));
  const numbers = new Set(items.filter((x): x is number => typeof x === 'number'));
  const labels = new Set(items.map((x) => constLabel(x)));
  const member = (label: string | null, num: number) => (a.kind === 'num' && !Number.isNaN(num) ? numbers.has(num) || labels.has(label) : labels.has(label));
  if (a.kind === 'const') return { kind: 'const', value: member(constLabel(a.value), typeof a.value === 'number' ? a.value : NaN) };
  const out = new Int8Array(n);
  for (let i = 0; i < n; i++) out[i] = member(labelAt(a, i), a.kind === 'num' ? a.values[i] : NaN) ? 1 : 0;
  return { kind: 'lgl', values: out };
}
