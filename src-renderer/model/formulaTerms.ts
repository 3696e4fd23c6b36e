/**
 * A term-level reading of an lme4 formula for the model builder: response, fixed terms (kept as
 * written, so `I(x^2)`, `a*b` or `poly(x, 2)` survive the round trip) and random terms split into
 * intercept, slopes, correlation and grouping path. It is read with the engine's grammar (its lexer,
 * parser and grouping rules, through src-engine/shared) and written with the engine's formula writer,
 * so the builder shows exactly what the fit will parse. On top of the grammar it refuses what it
 * cannot show as clicks (a subtracted term other than 1, a doubled sign). Spans are kept so errors
 * can be underlined at the character. Pure: no DOM, so it is unit-tested in Node.
 */
import {
  deparseName,
  forEachNode,
  formulaToString,
  isQuadratError,
  parseExpression,
  parseGroup,
  randomTermToString as writeRandomTerm,
  tokenize,
  unparen,
  type BinaryExpr,
  type Expr,
  type RandomTermText,
} from '../../src-engine/shared';

export interface FormulaIssue {
  message: string;
  /** Character offsets into the formula text, end exclusive (end > start). */
  start: number;
  end: number;
}

export interface RandomTerm {
  /** The innermost grouping factor (`bag` in `(1 | site/bag)`), or an interaction `a:b`. */
  group: string;
  /** Outer factors the group is nested in, outermost first (`['site']` for `site/bag`). */
  nestedIn: string[];
  intercept: boolean;
  slopes: string[];
  /** false for `||` (independent intercept and slopes). */
  correlated: boolean;
}

export interface BuilderModel {
  response: string;
  intercept: boolean;
  fixed: string[];
  random: RandomTerm[];
}

export interface ParsedFormula {
  model: BuilderModel;
  /** Every variable name used, with where it appears (for unknown-column checks). */
  variables: { name: string; start: number; end: number }[];
}

/** One operand of a sum `a + b - c`, with the sign written before it. */
interface Summand {
  expr: Expr;
  sign: '+' | '-';
}

export class FormulaSyntaxError extends Error {
  constructor(readonly issue: FormulaIssue) {
    super(issue.message);
  }
}

function fail(message: string, start: number, end = start + 1): never {
  throw new FormulaSyntaxError({ message, start, end: Math.max(end, start + 1) });
}

/** Runs one of the engine's grammar steps; its positioned error becomes the builder's. */
function grammar<T>(step: () => T): T {
  try {
    return step();
  } catch (e) {
    if (!isQuadratError(e)) throw e;
    const column = e.where?.column;
    fail(e.message, typeof column === 'number' ? column - 1 : 0);
  }
}

const isSum = (e: Expr): e is BinaryExpr & { op: '+' | '-'; left: Expr } => e.kind === 'binary' && (e.op === '+' || e.op === '-') && e.left !== undefined;
const isBar = (e: Expr): e is BinaryExpr => e.kind === 'binary' && (e.op === '|' || e.op === '||');

/**
 * The operands of a sum, in written order. A sign written before the first operand is its sign
 * (`-1 + x`); one before any later operand means a term is missing (`x + + z`).
 */
function summands(e: Expr): Summand[] {
  const out: Summand[] = [];
  const walk = (x: Expr, sign: '+' | '-') => {
    if (isSum(x)) {
      walk(x.left, sign);
      walk(x.right, x.op);
    } else out.push({ expr: x, sign });
  };
  walk(e, '+');
  out.forEach((s, k) => {
    if (s.expr.kind !== 'unary' || s.expr.op === '!') return;
    if (k > 0) fail(`a term is missing before "${s.expr.op}"`, s.expr.start);
    out[0] = { expr: s.expr.operand, sign: s.expr.op };
  });
  return out;
}

/** Every column name used, in written order; function names and R's constants are not names. */
function variablesIn(e: Expr, out: ParsedFormula['variables']): void {
  forEachNode(e, (x) => {
    if (x.kind === 'name') out.push({ name: x.name, start: x.start, end: x.end });
  });
}

const written = (text: string, e: Expr) => text.slice(e.start, e.end);

function parseRandom(text: string, paren: Expr, bar: BinaryExpr, vars: ParsedFormula['variables']): RandomTerm {
  let intercept = true;
  const slopes: string[] = [];
  for (const t of summands(bar.left!)) {
    const source = written(text, t.expr);
    if (source === '1') intercept = t.sign === '+';
    else if (source === '0') intercept = false;
    else if (t.sign === '-') fail('only "- 1" can be subtracted in a random term', t.expr.start, t.expr.end);
    else {
      slopes.push(source);
      variablesIn(t.expr, vars);
    }
  }
  const group = grammar(() => parseGroup(bar.right));
  variablesIn(bar.right, vars);
  if (!intercept && slopes.length === 0) fail('this random term has neither an intercept nor a slope', paren.start, paren.end);
  // a/b/c is a path of single columns; anything else is one group, possibly an interaction a:b
  const u = unparen(bar.right);
  const path = u.kind === 'binary' && u.op === '/' ? [...group.columns] : [group.columns.join(':')];
  return { group: path[path.length - 1], nestedIn: path.slice(0, -1), intercept, slopes, correlated: bar.op === '|' };
}

/** `(lhs | g)`: the bar inside the brackets, or null for any other term. */
function bracketedBar(e: Expr): BinaryExpr | null {
  if (e.kind !== 'paren') return null;
  const inner = unparen(e.inner);
  return isBar(inner) ? inner : null;
}

function hasBar(e: Expr): boolean {
  let found = false;
  forEachNode(e, (x) => {
    found ||= isBar(x);
  });
  return found;
}

/** Reads `response ~ terms`; throws FormulaSyntaxError pointing at the character. */
export function parseFormulaTerms(text: string): ParsedFormula {
  if (!text.trim()) fail('the formula is empty', 0);
  const tokens = grammar(() => tokenize(text));
  if (!tokens.some((t) => t.type === 'op' && t.text === '~')) {
    fail('a formula needs "~" between the response and the terms, e.g. y ~ x + (1 | g)', 0, text.length);
  }
  const last = tokens[tokens.length - 2];
  if (last.type === 'op' && (last.text === '+' || last.text === '-')) fail('a term is missing at the end', text.length);
  const top = grammar(() => parseExpression(text));
  if (top.kind !== 'binary' || top.op !== '~') fail('a formula needs "~" between the response and the terms, e.g. y ~ x + (1 | g)', 0, text.length);
  if (!top.left) fail('the response (left of "~") is missing', top.opStart);
  const variables: ParsedFormula['variables'] = [];
  variablesIn(top.left, variables);
  if (isBar(top.right)) {
    // y ~ x + 1 | g: underline the term that needs brackets, "1 | g"
    const lhs = summands(top.right.left!);
    fail('a random term must be in brackets, e.g. (1 | group)', lhs[lhs.length - 1].expr.start, top.right.end);
  }
  const model: BuilderModel = { response: written(text, top.left), intercept: true, fixed: [], random: [] };
  for (const { expr, sign } of summands(top.right)) {
    const source = written(text, expr);
    if (source === '1' || source === '0') {
      model.intercept = source === '1' && sign === '+';
      continue;
    }
    const bar = bracketedBar(expr);
    if (bar) {
      if (sign === '-') fail('a random term cannot be subtracted', expr.start, expr.end);
      model.random.push(parseRandom(text, expr, bar, variables));
      continue;
    }
    if (hasBar(expr)) fail('a random term must be in brackets, e.g. (1 | group)', expr.start, expr.end);
    if (sign === '-') fail('only "- 1" (no intercept) can be subtracted here', expr.start, expr.end);
    model.fixed.push(source.replace(/\s+/g, ' '));
    variablesIn(expr, variables);
  }
  return { model, variables };
}

/** A column name as R would need it written in a formula (backticks unless syntactic). */
export const quoteName = deparseName;

/** A builder random term as the engine's writer takes it. */
function randomTermText(t: RandomTerm): RandomTermText {
  const effects = t.slopes.length + (t.intercept ? 1 : 0);
  return {
    intercept: t.intercept || t.slopes.length === 0,
    terms: t.slopes.map((label) => ({ label })),
    group: [...t.nestedIn, t.group].map((p) => p.split(':').map(quoteName).join(':')).join('/'),
    // a single effect has nothing to be correlated with: (0 + x | g), never (0 + x || g)
    correlated: t.correlated || effects <= 1,
  };
}

/** The builder's random term in lme4 syntax: `(1 | g)`, `(0 + x + z || site/bag)`. */
export const randomTermToString = (t: RandomTerm): string => writeRandomTerm(randomTermText(t));

/** The lme4 formula for a builder model. An empty response gives "~ …" (the fit refuses it). */
export function builderToFormula(m: BuilderModel): string {
  const f = {
    response: { label: m.response },
    intercept: m.intercept,
    fixedTerms: m.fixed.map((label) => ({ label })),
    offsets: [],
    randomTerms: m.random.map(randomTermText),
  };
  return formulaToString(f, { impliedIntercept: true }).trim();
}

export const emptyModel = (): BuilderModel => ({ response: '', intercept: true, fixed: [], random: [] });
