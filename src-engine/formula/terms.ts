/**
 * R's terms.formula for the fixed part of a model: expand + - : * / ^ into a list of terms (sets of
 * variables), track the intercept, collect offset() calls, and order terms by degree (main effects,
 * then two-way interactions, …) keeping their order of appearance within a degree. Variables are
 * numbered by first appearance, and a term's label lists its variables in that order ("b:a" in
 * `y ~ b:a + a`), exactly as R labels them.
 */
import { type Expr, unparen } from './ast';
import { deparse } from './deparse';
import { formulaError } from './lexer';

/** Variables of one formula (or random-term left-hand side), in order of first appearance. */
export class VariableList {
  readonly labels: string[] = [];
  readonly exprs: Expr[] = [];
  private readonly index = new Map<string, number>();

  indexOf(e: Expr): number {
    const label = deparse(e);
    let k = this.index.get(label);
    if (k === undefined) {
      k = this.labels.length;
      this.labels.push(label);
      this.exprs.push(e);
      this.index.set(label, k);
    }
    return k;
  }
}

/**
 * Most terms a formula may expand to. R expands `a*b*…*t` to 2²⁰ − 1 terms and then fails to build
 * a model matrix that size; a mixed model with this many coefficients cannot be estimated anyway.
 */
export const MAX_TERMS = 10_000;

function tooMany(count: number, at: number): Error {
  return formulaError(`this formula expands to at least ${count > 1e9 ? 'a billion' : count.toLocaleString('en')} terms; at most ${MAX_TERMS.toLocaleString('en')} are allowed. A product such as a*b*c*… crosses every factor with every other: write the interactions you need, e.g. (a + b + c)^2 for two-way ones`, at);
}

export interface TermSet {
  /** Terms as bit sets over the variable list, sorted by degree. */
  readonly bits: bigint[];
  readonly intercept: boolean;
  readonly offsets: Expr[];
}

const FORMULA_OPS = new Set(['+', '-', '*', '/', ':', '^']);

class Encoder {
  intercept = true;
  parity = true;
  readonly offsets: Expr[] = [];
  constructor(private readonly vars: VariableList) {}

  encode(e: Expr): bigint[] {
    switch (e.kind) {
      case 'paren':
        return this.encode(e.inner);
      case 'number':
        if (e.value === 1) this.intercept = this.parity;
        else if (e.value === 0) this.intercept = !this.parity;
        else throw formulaError(`a number (${deparse(e)}) cannot be a term; use 1 or 0 for the intercept, or I(${deparse(e)} * x)`, e.start);
        return [];
      case 'string':
        throw formulaError('text cannot be a term of a formula', e.start);
      case 'bool':
        throw formulaError(`${deparse(e)} cannot be a term of a formula`, e.start);
      case 'unary':
        if (e.op === '+') return this.encode(e.operand);
        return this.remove([], e.operand);
      case 'call':
        if (e.fn === 'offset') {
          if (e.args.length !== 1 || e.args[0].name !== undefined) throw formulaError('offset() takes exactly one argument', e.start);
          this.offsets.push(e);
          return [];
        }
        return [1n << BigInt(this.vars.indexOf(e))];
      case 'name':
        return [1n << BigInt(this.vars.indexOf(e))];
      case 'binary':
        break;
    }
    if (e.op === '|' || e.op === '||') throw formulaError(`random-effects terms must be in parentheses: (… ${e.op} …)`, e.opStart);
    if (!FORMULA_OPS.has(e.op)) return [1n << BigInt(this.vars.indexOf(e))]; // e.g. `a > 2`: a variable, as in R
    const left = e.left!;
    switch (e.op) {
      case '+': {
        // a + b + c + … is a left-leaning chain: encode its operands in order and trim once (linear,
        // where re-trimming at every level was quadratic in the number of terms)
        const operands: Expr[] = [];
        let node: Expr = e;
        while (node.kind === 'binary' && node.op === '+' && node.left) {
          operands.push(node.right);
          node = node.left;
        }
        operands.push(node);
        const out: bigint[] = [];
        for (let k = operands.length - 1; k >= 0; k--) for (const t of this.encode(operands[k])) out.push(t);
        if (out.length > 4 * MAX_TERMS) throw tooMany(out.length, e.opStart);
        return trim(out);
      }
      case ':':
        return trim(interact(this.encode(left), this.encode(e.right), e.opStart));
      case '*': {
        const l = this.encode(left);
        const r = this.encode(e.right);
        const all = trim([...l, ...r, ...interact(l, r, e.opStart)]);
        if (all.length > MAX_TERMS) throw tooMany(all.length, e.opStart);
        return all;
      }
      case '/': {
        const l = this.encode(left);
        const r = this.encode(e.right);
        const all = l.reduce((acc, t) => acc | t, 0n);
        return trim([...l, ...r.map((t) => all | t)]);
      }
      case '^': {
        const power = unparen(e.right);
        if (power.kind !== 'number' || !Number.isInteger(power.value) || power.value < 1) {
          throw formulaError('the power in (…)^k must be a whole number such as 2; for a squared variable write I(x^2)', e.right.start);
        }
        const base = this.encode(left);
        let result = base;
        for (let i = 1; i < power.value; i++) result = trim(interact(base, result, e.opStart));
        return result;
      }
      case '-':
        return this.remove(this.encode(left), e.right);
    }
    throw formulaError(`'${e.op}' cannot be used here`, e.opStart);
  }

  /** R's DeleteTerms: encode the right side with flipped parity (so `- 1` drops the intercept). */
  private remove(left: bigint[], right: Expr): bigint[] {
    this.parity = !this.parity;
    const r = this.encode(right);
    this.parity = !this.parity;
    return left.filter((t) => !r.includes(t));
  }
}

function interact(left: bigint[], right: bigint[], at: number): bigint[] {
  if (left.length * right.length > MAX_TERMS) throw tooMany(left.length * right.length + left.length + right.length, at);
  const out: bigint[] = [];
  for (const l of left) for (const r of right) out.push(l | r);
  return out;
}

/** R's TrimRepeats: drop duplicates (keeping the first) and empty terms. */
function trim(terms: bigint[]): bigint[] {
  const seen = new Set<bigint>();
  return terms.filter((t) => t !== 0n && !seen.has(t) && (seen.add(t), true));
}

export function bitCount(t: bigint): number {
  let k = 0;
  for (; t; t >>= 1n) if (t & 1n) k++;
  return k;
}

/** Variable indices of a term, in variable order. */
export function termVariables(t: bigint): number[] {
  const out: number[] = [];
  for (let i = 0; t; i++, t >>= 1n) if (t & 1n) out.push(i);
  return out;
}

/** Expand a right-hand side (bars already removed) into R's ordered term list. */
export function encodeTerms(rhs: Expr | undefined, vars: VariableList): TermSet {
  const enc = new Encoder(vars);
  const raw = rhs === undefined ? [] : enc.encode(rhs);
  const maxDegree = raw.reduce((m, t) => Math.max(m, bitCount(t)), 0);
  const bits: bigint[] = [];
  for (let d = 1; d <= maxDegree; d++) for (const t of raw) if (bitCount(t) === d) bits.push(t);
  return { bits, intercept: enc.intercept, offsets: enc.offsets };
}
