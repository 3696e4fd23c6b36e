/**
 * The syntax tree of an R formula. Every node keeps its source span (0-based, end exclusive) so errors
 * can point at the offending character.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type BinaryOp =
  | '~'
  | '|'
  | '||'
  | '+'
  | '-'
  | '*'
  | '/'
  | ':'
  | '^'
  | '>'
  | '<'
  | '>='
  | '<='
  | '=='
  | '!='
  /** Only in data expressions (SyntaxMode 'expression'). */
  | '&'
  | '%in%';

export interface NameExpr extends Span {
  readonly kind: 'name';
  readonly name: string;
}
export interface NumberExpr extends Span {
  readonly kind: 'number';
  readonly value: number;
}
export interface StringExpr extends Span {
  readonly kind: 'string';
  readonly value: string;
}
export interface BoolExpr extends Span {
  readonly kind: 'bool';
  readonly value: boolean;
}
export interface CallArg {
  readonly name: string | undefined;
  readonly value: Expr;
}
export interface CallExpr extends Span {
  readonly kind: 'call';
  readonly fn: string;
  readonly args: readonly CallArg[];
}
export interface BinaryExpr extends Span {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  /** Position of the operator itself. */
  readonly opStart: number;
  /** undefined only for a one-sided formula `~ x`. */
  readonly left: Expr | undefined;
  readonly right: Expr;
}
export interface UnaryExpr extends Span {
  readonly kind: 'unary';
  /** '!' only in data expressions. */
  readonly op: '-' | '+' | '!';
  readonly operand: Expr;
}
export interface ParenExpr extends Span {
  readonly kind: 'paren';
  readonly inner: Expr;
}

export type Expr = NameExpr | NumberExpr | StringExpr | BoolExpr | CallExpr | BinaryExpr | UnaryExpr | ParenExpr;

/** Strip redundant parentheses: ((a)) → a. */
export function unparen(e: Expr): Expr {
  while (e.kind === 'paren') e = e.inner;
  return e;
}

/** Calls visit on e and on every expression inside it, outermost first. */
export function forEachNode(e: Expr, visit: (e: Expr) => void): void {
  visit(e);
  switch (e.kind) {
    case 'call':
      for (const a of e.args) forEachNode(a.value, visit);
      return;
    case 'binary':
      if (e.left) forEachNode(e.left, visit);
      forEachNode(e.right, visit);
      return;
    case 'unary':
      return forEachNode(e.operand, visit);
    case 'paren':
      return forEachNode(e.inner, visit);
    default:
      return;
  }
}
