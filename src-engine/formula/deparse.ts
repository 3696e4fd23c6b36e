/**
 * R's deparse() for formula expressions: the labels R gives variables and model-matrix columns
 * ("I(week > 2)", "poly(Days, 2)", "log(x + 1)", "I(age^2)"). R puts spaces around + - * and the
 * comparisons but not around ^ / and :, writes numbers with formatRNumber, and backticks names that are
 * not syntactic.
 */
import { type Expr } from './ast';
import { formatRNumber } from '../data/rNumber';

const SPACED = new Set(['~', '|', '||', '&', '%in%', '+', '-', '*', '>', '<', '>=', '<=', '==', '!=']);
const RESERVED = new Set(['if', 'else', 'repeat', 'while', 'function', 'for', 'next', 'break', 'TRUE', 'FALSE', 'NULL', 'Inf', 'NaN', 'NA', 'in']);

export function isSyntacticName(name: string): boolean {
  return /^((\p{L}|\.(?![0-9]))[\p{L}\p{N}._]*|\.)$/u.test(name) && !RESERVED.has(name);
}

export function deparseName(name: string): string {
  return isSyntacticName(name) ? name : `\`${name.replace(/`/g, '\\`')}\``;
}

export function deparse(e: Expr): string {
  switch (e.kind) {
    case 'name':
      return deparseName(e.name);
    case 'number':
      return formatRNumber(e.value);
    case 'string':
      return JSON.stringify(e.value);
    case 'bool':
      return e.value ? 'TRUE' : 'FALSE';
    case 'call':
      return `${deparseName(e.fn)}(${e.args.map((a) => (a.name === undefined ? '' : `${deparseName(a.name)} = `) + deparse(a.value)).join(', ')})`;
    case 'unary':
      return e.op + deparse(e.operand);
    case 'paren':
      return `(${deparse(e.inner)})`;
    case 'binary': {
      const left = e.left === undefined ? '' : deparse(e.left);
      const right = deparse(e.right);
      if (e.op === '~' && e.left === undefined) return `~${right}`;
      return SPACED.has(e.op) ? `${left} ${e.op} ${right}` : `${left}${e.op}${right}`;
    }
  }
}
