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

/** R's rule for a syntactic name (letters and digits in any script). */
const SYNTACTIC = /^((\p{L}|\.(?![0-9]))[\p{L}\p{N}._]*|\.)$/u;
/** The same rule for ASCII text, where \p{L} is [A-Za-z] and \p{N} is [0-9]: V8 compiles the Unicode classes slowly (≈ 0.3 ms at first use). */
const SYNTACTIC_ASCII = /^(([A-Za-z]|\.(?![0-9]))[A-Za-z0-9._]*|\.)$/;

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

export function isSyntacticName(name: string): boolean {
  const syntactic = isAscii(name) ? SYNTACTIC_ASCII.test(name) : SYNTACTIC.test(name);
  return syntactic && !RESERVED.has(name);
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
