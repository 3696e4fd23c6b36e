/**
 * A term-level reading of an lme4 formula for the model builder: response, fixed terms (kept as
 * written, so `I(x^2)` or `poly(x, 2)` survive the round trip) and random terms split into intercept,
 * slopes, correlation and grouping path. Positions are kept so errors can be underlined at the
 * character. The full grammar (and the model frame) is the engine's job; this is only what the
 * builder needs to show a typed formula as clicks. Pure: no DOM, so it is unit-tested in Node.
 */

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

interface Piece {
  text: string;
  start: number;
  end: number;
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

/** Checks brackets and backticks; returns nothing, throws at the first offending character. */
function checkBrackets(s: string): void {
  const stack: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '`') {
      const close = s.indexOf('`', i + 1);
      if (close < 0) fail('this backtick is never closed', i);
      i = close;
    } else if (c === '(') stack.push(i);
    else if (c === ')') {
      if (stack.length === 0) fail('this ")" has no matching "("', i);
      stack.pop();
    }
  }
  if (stack.length) fail('this "(" is never closed', stack[stack.length - 1]);
}

/** Splits on top-level `+` / `-` (outside brackets and backticks), keeping offsets. */
function splitSum(s: string, offset: number): Piece[] {
  const out: Piece[] = [];
  let depth = 0;
  let sign: '+' | '-' = '+';
  let from = 0;
  const push = (to: number, at: number) => {
    const raw = s.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (!text) fail(at < s.length ? `a term is missing before "${s[at]}"` : 'a term is missing at the end', offset + at);
    out.push({ text, start: offset + from + lead, end: offset + from + lead + text.length, sign });
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '`') i = s.indexOf('`', i + 1);
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && (c === '+' || c === '-')) {
      // A leading "-1" / "- 1" has an empty first piece: that is fine, it is not a missing term.
      if (!(i === 0 || (out.length === 0 && !s.slice(0, i).trim()))) push(i, i);
      sign = c;
      from = i + 1;
    }
  }
  push(s.length, s.length);
  return out;
}

const IDENT = /`[^`]*`|[A-Za-z.][A-Za-z0-9._]*/g;

/** Variable names in an expression: identifiers not followed by "(" (those are functions). */
function variablesIn(text: string, offset: number): ParsedFormula['variables'] {
  const out: ParsedFormula['variables'] = [];
  for (const m of text.matchAll(IDENT)) {
    const at = m.index ?? 0;
    const after = text.slice(at + m[0].length).trimStart();
    if (after.startsWith('(')) continue;
    if (/^[.]?\d/.test(m[0]) || m[0] === 'TRUE' || m[0] === 'FALSE') continue;
    const name = m[0].startsWith('`') ? m[0].slice(1, -1) : m[0];
    out.push({ name, start: offset + at, end: offset + at + m[0].length });
  }
  return out;
}

function unquote(name: string): string {
  const t = name.trim();
  return t.startsWith('`') && t.endsWith('`') ? t.slice(1, -1) : t;
}

/** The index of the top-level `|` or `||` inside a bracketed random term, or -1. */
function findBar(s: string): { at: number; double: boolean } | null {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '`') i = s.indexOf('`', i + 1);
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return { at: i, double: s[i + 1] === '|' };
  }
  return null;
}

/** `(…)` wrapping the whole piece, not e.g. `(a + b)^2`. */
function wholeParenthesised(text: string): boolean {
  if (!text.startsWith('(') || !text.endsWith(')')) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '`') i = text.indexOf('`', i + 1);
    else if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i === text.length - 1;
  }
  return false;
}

function parseRandom(piece: Piece, vars: ParsedFormula['variables']): RandomTerm | null {
  if (!wholeParenthesised(piece.text)) return null;
  const inner = piece.text.slice(1, -1);
  const bar = findBar(inner);
  if (!bar) return null;
  const innerStart = piece.start + 1;
  const lhsText = inner.slice(0, bar.at);
  const rhsOffset = bar.at + (bar.double ? 2 : 1);
  const rhsText = inner.slice(rhsOffset).trim();
  if (!rhsText) fail('a grouping factor is missing after "|"', innerStart + bar.at, innerStart + rhsOffset);
  if (!lhsText.trim()) fail('the random-effect terms before "|" are missing (use 1 for an intercept)', innerStart + bar.at);
  const lhs = splitSum(lhsText, innerStart);
  let intercept = true;
  const slopes: string[] = [];
  for (const t of lhs) {
    if (t.text === '1') intercept = t.sign === '+';
    else if (t.text === '0') intercept = false;
    else if (t.sign === '-') fail('only "- 1" can be subtracted in a random term', t.start, t.end);
    else {
      slopes.push(t.text);
      vars.push(...variablesIn(t.text, t.start));
    }
  }
  const rhsStart = innerStart + rhsOffset + (inner.slice(rhsOffset).length - inner.slice(rhsOffset).trimStart().length);
  vars.push(...variablesIn(rhsText, rhsStart));
  const path = rhsText.split('/').map((p) => p.split(':').map(unquote).join(':'));
  if (path.some((p) => !p)) fail('a grouping factor is missing around "/"', rhsStart, rhsStart + rhsText.length);
  if (!intercept && slopes.length === 0) fail('this random term has neither an intercept nor a slope', piece.start, piece.end);
  return {
    group: path[path.length - 1],
    nestedIn: path.slice(0, -1),
    intercept,
    slopes,
    correlated: !bar.double,
  };
}

/** Reads `response ~ terms`; throws FormulaSyntaxError pointing at the character. */
export function parseFormulaTerms(text: string): ParsedFormula {
  if (!text.trim()) fail('the formula is empty', 0);
  checkBrackets(text);
  const tilde = text.indexOf('~');
  if (tilde < 0) fail('a formula needs "~" between the response and the terms, e.g. y ~ x + (1 | g)', 0, text.length);
  if (text.indexOf('~', tilde + 1) >= 0) fail('only one "~" is allowed', text.indexOf('~', tilde + 1));
  const response = text.slice(0, tilde).trim();
  if (!response) fail('the response (left of "~") is missing', tilde);
  const variables = variablesIn(text.slice(0, tilde), 0);
  const rhs = text.slice(tilde + 1);
  if (!rhs.trim()) fail('the terms (right of "~") are missing', tilde);
  const model: BuilderModel = { response, intercept: true, fixed: [], random: [] };
  for (const piece of splitSum(rhs, tilde + 1)) {
    if (piece.text === '1' || piece.text === '0') {
      model.intercept = piece.text === '1' && piece.sign === '+';
      continue;
    }
    const re = parseRandom(piece, variables);
    if (re) {
      if (piece.sign === '-') fail('a random term cannot be subtracted', piece.start, piece.end);
      model.random.push(re);
      continue;
    }
    if (/[|]/.test(piece.text)) fail('a random term must be in brackets, e.g. (1 | group)', piece.start, piece.end);
    if (piece.sign === '-') fail('only "- 1" (no intercept) can be subtracted here', piece.start, piece.end);
    const normal = piece.text.replace(/\s+/g, ' ');
    model.fixed.push(normal);
    variables.push(...variablesIn(piece.text, piece.start));
  }
  return { model, variables };
}

const SYNTACTIC = /^[A-Za-z.][A-Za-z0-9._]*$/;

/** A column name as R would need it written in a formula. */
export function quoteName(name: string): string {
  return SYNTACTIC.test(name) && !/^\.\d/.test(name) ? name : `\`${name.replace(/`/g, '')}\``;
}

export function randomTermToString(t: RandomTerm): string {
  const path = [...t.nestedIn, t.group].map((p) => p.split(':').map(quoteName).join(':')).join('/');
  let lhs: string;
  if (t.slopes.length === 0) lhs = '1';
  else lhs = (t.intercept ? '' : '0 + ') + t.slopes.join(' + ');
  const bar = !t.correlated && t.slopes.length + (t.intercept ? 1 : 0) > 1 ? '||' : '|';
  return `(${lhs} ${bar} ${path})`;
}

/** The lme4 formula for a builder model. An empty response gives "~ …" (the fit refuses it). */
export function builderToFormula(m: BuilderModel): string {
  const terms: string[] = [];
  if (!m.intercept) terms.push('0');
  terms.push(...m.fixed);
  for (const r of m.random) terms.push(randomTermToString(r));
  if (terms.length === 0 || (m.intercept && m.fixed.length === 0 && m.random.length === 0)) terms.unshift('1');
  return `${m.response} ~ ${terms.join(' + ')}`.trim();
}

export const emptyModel = (): BuilderModel => ({ response: '', intercept: true, fixed: [], random: [] });
