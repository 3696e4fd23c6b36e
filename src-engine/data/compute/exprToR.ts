/**
 * A data expression as R code, for the R code export: the same text in R's syntax (× ÷ − typed by
 * the user become * / -), with Quadrat's centre() and scale() written as R's scale() calls
 * (recode() is dplyr's, with the same "old" = "new" arguments).
 */
import { type Expr } from '../../formula/ast';
import { deparse } from '../../formula/deparse';
import { parseDataExpr } from './exprSyntax';

export function dataExprToR(text: string): string {
  return deparse(toR(parseDataExpr(text).expr));
}

function toR(e: Expr): Expr {
  switch (e.kind) {
    case 'call': {
      const args = e.args.map((a) => ({ ...a, value: toR(a.value) }));
      const x = args[0]?.value;
      if (e.fn === 'centre' || e.fn === 'center') return call('as.numeric', [{ name: undefined, value: call('scale', [{ name: undefined, value: x }, { name: 'scale', value: { kind: 'bool', value: false, start: 0, end: 0 } }]) }]);
      if (e.fn === 'scale') return call('as.numeric', [{ name: undefined, value: call('scale', args) }]);
      return { ...e, args };
    }
    case 'binary':
      return { ...e, left: e.left && toR(e.left), right: toR(e.right) };
    case 'unary':
      return { ...e, operand: toR(e.operand) };
    case 'paren':
      return { ...e, inner: toR(e.inner) };
    default:
      return e;
  }
}

function call(fn: string, args: { name: string | undefined; value: Expr }[]): Expr {
  return { kind: 'call', fn, args, start: 0, end: 0 };
}
