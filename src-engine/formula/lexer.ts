/**
 * Tokens of R's expression syntax, as far as formulas need them. Positions are 0-based offsets into the
 * formula text; errors report them 1-based as `column`.
 */
import { QuadratError } from '../errors/quadratError';

export type TokenType = 'name' | 'number' | 'string' | 'op' | 'eof';

/**
 * 'formula': an lme4 model formula. 'expression': a data expression (a computed column or a row
 * filter, src-engine/data/compute): R's logical operators & | ! and %in% are allowed, ~ and : are not,
 * and × ÷ − may be typed for * / -.
 */
export type SyntaxMode = 'formula' | 'expression';

export interface Token {
  readonly type: TokenType;
  /** Name (unquoted), operator text, or string contents. */
  readonly text: string;
  readonly value: number;
  readonly start: number;
  readonly end: number;
}

// Longest first, so ">=" wins over ">".
const OPERATORS = ['||', '>=', '<=', '==', '!=', '**', '~', '+', '-', '*', '/', '^', ':', '|', '(', ')', ',', '>', '<', '='];

const UNSUPPORTED: Record<string, string> = {
  '&': "'&' is not supported in formulas; combine conditions in separate terms",
  '!': "'!' is not supported in formulas",
  '$': "'$' is not supported: refer to a column by its name alone",
  '[': "'[' indexing is not supported in formulas",
  ']': "']' is not supported in formulas",
  '{': "'{' is not supported in formulas",
  '}': "'}' is not supported in formulas",
  '%': "operators like %in% are not supported; write a:b for an interaction",
  '.': "'.' (all other columns) is not supported; list the columns you want",
  ';': "';' is not allowed in a formula",
  '<-': "'<-' is not allowed in a formula",
};

export function formulaError(message: string, offset: number): QuadratError {
  return new QuadratError('formula', message, { column: offset + 1 });
}

// ASCII is decided by code (formulas are mostly ASCII; the Unicode regexes are slow per character).
const isAsciiLetter = (k: number) => (k >= 65 && k <= 90) || (k >= 97 && k <= 122);
const isNameStart = (c: string) => {
  const k = c.charCodeAt(0);
  return k < 128 ? isAsciiLetter(k) || k === 46 : /[\p{L}.]/u.test(c);
};
const isNameChar = (c: string) => {
  const k = c.charCodeAt(0);
  return k < 128 ? isAsciiLetter(k) || (k >= 48 && k <= 57) || k === 46 || k === 95 : /[\p{L}\p{N}._]/u.test(c);
};
const isSpace = (c: string) => {
  const k = c.charCodeAt(0);
  return k < 128 ? k === 32 || (k >= 9 && k <= 13) : /\s/.test(c);
};
const isDigit = (c: string) => c >= '0' && c <= '9';

// In expressions: R's logical operators, and the typographic signs a user may paste (× ÷ −).
const EXPRESSION_OPERATORS: Record<string, string> = { '&&': '&', '&': '&', '||': '|', '%in%': '%in%', '!': '!', '×': '*', '÷': '/', '−': '-' };
const EXPRESSION_REFUSED: Record<string, string> = {
  '~': "'~' belongs in a model formula; an expression computes values from columns",
  ':': "':' is not an operator here; to combine factors write interaction(a, b)",
  '%': "the only %…% operator here is %in%, e.g. site %in% c(\"A\", \"B\")",
};

export function tokenize(text: string, mode: SyntaxMode = 'formula'): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (type: TokenType, t: string, start: number, end: number, value = NaN) =>
    tokens.push({ type, text: t, value, start, end });
  while (i < text.length) {
    const c = text[i];
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === '.' && isDigit(text[i + 1] ?? ''))) {
      const m = /^(\d*\.?\d*)([eE][+-]?\d+)?/.exec(text.slice(i))!;
      const raw = m[0];
      i += raw.length;
      if (/^[eE]/.test(text[i] ?? '') || isNameChar(text[i] ?? '')) {
        throw formulaError(`'${text.slice(start, i + 1)}' is not a number`, start);
      }
      push('number', raw, start, i, Number(raw));
      continue;
    }
    if (c === '.' && !isNameChar(text[i + 1] ?? '')) throw formulaError(UNSUPPORTED['.'], i);
    if (isNameStart(c)) {
      while (i < text.length && isNameChar(text[i])) i++;
      push('name', text.slice(start, i), start, i);
      continue;
    }
    if (c === '`') {
      const close = text.indexOf('`', i + 1);
      if (close < 0) throw formulaError('this backtick (`) is never closed', i);
      if (close === i + 1) throw formulaError('empty name between backticks', i);
      push('name', text.slice(i + 1, close), start, close + 1);
      i = close + 1;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let s = '';
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\' && j + 1 < text.length) j++;
        s += text[j];
        j++;
      }
      if (j >= text.length) throw formulaError('this quote is never closed', i);
      push('string', s, start, j + 1);
      i = j + 1;
      continue;
    }
    if (text.startsWith('<-', i)) throw formulaError(UNSUPPORTED['<-'], i);
    if (mode === 'expression' && !text.startsWith('!=', i)) {
      const sym = Object.keys(EXPRESSION_OPERATORS).find((o) => text.startsWith(o, i));
      if (sym) {
        push('op', EXPRESSION_OPERATORS[sym], start, i + sym.length);
        i += sym.length;
        continue;
      }
      if (EXPRESSION_REFUSED[c]) throw formulaError(EXPRESSION_REFUSED[c], i);
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      push('op', op === '**' ? '^' : op, start, i + op.length);
      i += op.length;
      continue;
    }
    throw formulaError(UNSUPPORTED[c] ?? `unexpected character '${c}'`, i);
  }
  push('eof', '', text.length, text.length);
  return tokens;
}
