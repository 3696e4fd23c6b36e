/**
 * A Pratt parser for R's expression grammar restricted to what formulas use. Operator precedence is
 * R's (?Syntax): `~` < `|` `||` < comparisons < `+ -` < `* /` < `:` < unary `+ -` < `^` (right-assoc).
 */
import { type BinaryOp, type CallArg, type Expr } from './ast';
import { formulaError, tokenize, type SyntaxMode, type Token } from './lexer';

const BINARY_POWER: Partial<Record<string, number>> = {
  '~': 1,
  '|': 2,
  '||': 2,
  '&': 3,
  '>': 4,
  '<': 4,
  '>=': 4,
  '<=': 4,
  '==': 4,
  '!=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%in%': 7,
  ':': 8,
  '^': 10,
};
const UNARY_POWER = 9;
/** R's `!` binds looser than comparisons and tighter than `&`: !x == 1 is !(x == 1). */
const NOT_POWER = 3;

const OPEN_HINT: Record<string, string> = {
  ')': "an unmatched ')'",
  ',': "a ',' outside a function call",
  '=': "'=' outside a function call (use == to compare)",
};

export function describeToken(t: Token, noun = 'formula'): string {
  if (t.type === 'eof') return `the end of the ${noun}`;
  if (t.type === 'name') return `'${t.text}'`;
  if (t.type === 'number') return `the number ${t.text}`;
  if (t.type === 'string') return `the text "${t.text}"`;
  return `'${t.text}'`;
}

/**
 * Bounds on a formula's shape. Every later step walks the expression tree recursively, so its depth
 * is bounded here, with a message, instead of by the call stack: parentheses and calls may nest 200
 * deep, and a chain such as a + b + c + … may have 2,000 operators (a model with more terms than
 * that cannot be estimated anyway).
 */
export const MAX_NESTING = 200;
export const MAX_CHAIN = 2000;

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(
    private readonly tokens: Token[],
    /** What the user wrote, for messages: 'formula' or 'expression'. */
    readonly noun = 'formula',
  ) {}

  peek(): Token {
    return this.tokens[this.pos];
  }
  next(): Token {
    return this.tokens[this.pos++];
  }
  atOp(op: string): boolean {
    const t = this.peek();
    return t.type === 'op' && t.text === op;
  }

  /** Parse operators binding tighter than `minPower`. `owner` is the operator that needs this operand. */
  expr(minPower: number, owner?: Token): Expr {
    if (++this.depth > MAX_NESTING) throw formulaError(`the ${this.noun} nests parentheses, calls or operators more than ${MAX_NESTING} levels deep; simplify it`, this.peek().start);
    try {
      return this.exprAt(minPower, owner);
    } finally {
      this.depth--;
    }
  }

  private exprAt(minPower: number, owner?: Token): Expr {
    let left = this.prefix(owner);
    for (;;) {
      const t = this.peek();
      if (t.type !== 'op') {
        if (t.type === 'eof') return left;
        throw formulaError(`unexpected ${describeToken(t, this.noun)}: is an operator such as '+' missing before it?`, t.start);
      }
      const power = BINARY_POWER[t.text];
      if (power === undefined || power <= minPower) return left;
      this.next();
      if (t.text === '~') throw formulaError("a formula has only one '~'", t.start);
      // '^' is right-associative: its right operand may contain another '^'.
      const right = this.expr(t.text === '^' ? power - 1 : power, t);
      left = { kind: 'binary', op: t.text as BinaryOp, opStart: t.start, left, right, start: left.start, end: right.end };
    }
  }

  prefix(owner?: Token): Expr {
    const t = this.next();
    switch (t.type) {
      case 'number':
        return { kind: 'number', value: t.value, start: t.start, end: t.end };
      case 'string':
        return { kind: 'string', value: t.text, start: t.start, end: t.end };
      case 'name':
        if (this.atOp('(') && this.peek().start === t.end) return this.call(t);
        if (t.text === 'TRUE' || t.text === 'FALSE') return { kind: 'bool', value: t.text === 'TRUE', start: t.start, end: t.end };
        return { kind: 'name', name: t.text, start: t.start, end: t.end };
      case 'eof':
        if (owner && (owner.text === '|' || owner.text === '||')) throw formulaError(`expected a grouping factor after '${owner.text}'`, owner.start);
        if (owner && owner.text === '(') throw formulaError("this '(' is never closed", owner.start);
        if (owner) throw formulaError(`expected something after '${owner.text}'`, owner.start);
        throw formulaError(`the ${this.noun} is empty`, t.start);
      case 'op':
        break;
    }
    if (t.text === '(') {
      if (this.atOp(')')) throw formulaError("empty parentheses '()'", t.start);
      const inner = this.expr(0, t);
      const close = this.peek();
      if (close.type === 'eof') throw formulaError("this '(' is never closed", t.start);
      if (!this.atOp(')')) throw formulaError(`expected ')' but found ${describeToken(close)}`, close.start);
      this.next();
      return { kind: 'paren', inner, start: t.start, end: close.end };
    }
    if (t.text === '-' || t.text === '+' || t.text === '!') {
      const operand = this.expr(t.text === '!' ? NOT_POWER : UNARY_POWER, t);
      return { kind: 'unary', op: t.text, operand, start: t.start, end: operand.end };
    }
    if (owner) {
      if (owner.text === '|' || owner.text === '||') throw formulaError(`expected a grouping factor after '${owner.text}'`, t.start);
      if (t.text === ')' && owner.text !== '(') throw formulaError(`'${owner.text}' needs something after it`, t.start);
      throw formulaError(`unexpected '${t.text}' after '${owner.text}'`, t.start);
    }
    throw formulaError(`unexpected ${OPEN_HINT[t.text] ?? `'${t.text}'`}`, t.start);
  }

  call(name: Token): Expr {
    const open = this.next();
    const args: CallArg[] = [];
    if (this.atOp(')')) {
      const close = this.next();
      return { kind: 'call', fn: name.text, args, start: name.start, end: close.end };
    }
    for (;;) {
      let argName: string | undefined;
      const t = this.peek();
      const after = this.tokens[this.pos + 1];
      // recode(site, "B3" = "B"): R allows a quoted argument name
      if ((t.type === 'name' || t.type === 'string') && after.type === 'op' && after.text === '=') {
        argName = t.text;
        this.pos += 2;
      }
      if (this.atOp(',') || this.atOp(')')) throw formulaError(`missing argument in ${name.text}()`, this.peek().start);
      const value = this.expr(0, open);
      args.push({ name: argName, value });
      const sep = this.peek();
      if (sep.type === 'eof') throw formulaError(`this '(' of ${name.text}( is never closed`, open.start);
      if (this.atOp(',')) {
        this.next();
        continue;
      }
      if (this.atOp(')')) {
        this.next();
        return { kind: 'call', fn: name.text, args, start: name.start, end: sep.end };
      }
      throw formulaError(`expected ',' or ')' in ${name.text}() but found ${describeToken(sep, this.noun)}`, sep.start);
    }
  }
}

/**
 * Parse the whole formula text into one expression; the top node is a `~` unless the text has none.
 * In 'expression' mode (a computed column or a row filter) there is no `~`, and & | ! %in% are R's.
 */
export function parseExpression(text: string, mode: SyntaxMode = 'formula'): Expr {
  const tokens = tokenize(text, mode);
  let ops = 0;
  for (const t of tokens) {
    if (t.type === 'op' && t.text !== '(' && t.text !== ')' && t.text !== ',' && ++ops > MAX_CHAIN) {
      throw formulaError(`the formula has more than ${MAX_CHAIN.toLocaleString('en')} operators (a model with that many terms cannot be estimated); shorten it`, t.start);
    }
  }
  const p = new Parser(tokens, mode === 'formula' ? 'formula' : 'expression');
  let result: Expr;
  if (p.atOp('~')) {
    const tilde = p.next();
    const right = p.expr(1, tilde);
    result = { kind: 'binary', op: '~', opStart: tilde.start, left: undefined, right, start: tilde.start, end: right.end };
  } else {
    const left = p.expr(1);
    if (p.atOp('~')) {
      const tilde = p.next();
      const right = p.expr(1, tilde);
      result = { kind: 'binary', op: '~', opStart: tilde.start, left, right, start: left.start, end: right.end };
    } else result = left;
  }
  const rest = p.peek();
  if (rest.type !== 'eof') {
    if (rest.type === 'op' && rest.text === '~') throw formulaError("a formula has only one '~'", rest.start);
    if (rest.type === 'op' && rest.text === ')') throw formulaError("unmatched ')'", rest.start);
    if (rest.type === 'op' && rest.text === '=') throw formulaError(`unexpected ${OPEN_HINT['=']}`, rest.start);
    throw formulaError(`unexpected ${describeToken(rest, p.noun)}`, rest.start);
  }
  return result;
}
