/**
 * The arithmetic of a brms hypothesis side: numbers, parameter names (brms's: letters, digits, _, .,
 * and : [ ] , inside names such as r_tank[T1,Intercept]), + − * / ^ and parentheses, evaluated
 * draw by draw.
 */
import { QuadratError } from '../../errors/quadratError';

export type Expr =
  | { kind: 'num'; value: number }
  | { kind: 'var'; name: string }
  | { kind: 'neg'; arg: Expr }
  | { kind: 'bin'; op: '+' | '-' | '*' | '/' | '^'; left: Expr; right: Expr };

const NAME = /^[A-Za-z._][A-Za-z0-9._:]*(\[[^\]]*\])?/;
const NUMBER = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/;

export function parseExpr(text: string): Expr {
  let s = text.replace(/\s+/g, '');
  const fail = (): never => {
    throw new QuadratError('input', `Cannot read the hypothesis "${text}": write parameters, numbers, + - * / ^ and parentheses, e.g. "treatmentexposed > 0".`);
  };
  const primary = (): Expr => {
    if (s.startsWith('(')) {
      s = s.slice(1);
      const e = sum();
      if (!s.startsWith(')')) fail();
      s = s.slice(1);
      return e;
    }
    if (s.startsWith('-')) {
      s = s.slice(1);
      return { kind: 'neg', arg: power() };
    }
    if (s.startsWith('+')) {
      s = s.slice(1);
      return power();
    }
    const num = NUMBER.exec(s);
    if (num) {
      s = s.slice(num[0].length);
      return { kind: 'num', value: Number(num[0]) };
    }
    const name = NAME.exec(s);
    if (!name) fail();
    s = s.slice(name![0].length);
    return { kind: 'var', name: name![0] };
  };
  const power = (): Expr => {
    const base = primary();
    if (s.startsWith('^')) {
      s = s.slice(1);
      return { kind: 'bin', op: '^', left: base, right: power() };
    }
    return base;
  };
  const product = (): Expr => {
    let e = power();
    while (s.startsWith('*') || s.startsWith('/')) {
      const op = s[0] as '*' | '/';
      s = s.slice(1);
      e = { kind: 'bin', op, left: e, right: power() };
    }
    return e;
  };
  const sum = (): Expr => {
    let e = product();
    while (s.startsWith('+') || s.startsWith('-')) {
      const op = s[0] as '+' | '-';
      s = s.slice(1);
      e = { kind: 'bin', op, left: e, right: product() };
    }
    return e;
  };
  const e = sum();
  if (s.length) fail();
  return e;
}

export function exprVariables(e: Expr, out: string[] = []): string[] {
  if (e.kind === 'var' && !out.includes(e.name)) out.push(e.name);
  if (e.kind === 'neg') exprVariables(e.arg, out);
  if (e.kind === 'bin') {
    exprVariables(e.left, out);
    exprVariables(e.right, out);
  }
  return out;
}

export function evalExpr(e: Expr, value: (name: string) => number): number {
  switch (e.kind) {
    case 'num':
      return e.value;
    case 'var':
      return value(e.name);
    case 'neg':
      return -evalExpr(e.arg, value);
    case 'bin': {
      const a = evalExpr(e.left, value);
      const b = evalExpr(e.right, value);
      return e.op === '+' ? a + b : e.op === '-' ? a - b : e.op === '*' ? a * b : e.op === '/' ? a / b : Math.pow(a, b);
    }
  }
}
