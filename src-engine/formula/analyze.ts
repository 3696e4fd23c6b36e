/**
 * The full analysis of a formula text: response, fixed terms (R's terms.formula), offsets and random
 * terms, each with their expressions and source positions. parseFormula() turns it into the plain
 * description the UI reads; buildDesign() evaluates it against a table.
 */
import { type Expr, unparen } from './ast';
import { deparse } from './deparse';
import { checkCalls } from './functions';
import { formulaError } from './lexer';
import { parseExpression } from './parser';
import { parseGroup, splitBars, type GroupSpec } from './randomTerms';
import { encodeTerms, termVariables, VariableList, type TermSet } from './terms';

/** A model formula `~ lhs` of its own (the fixed part, or one random term's left-hand side). */
export interface TermModel {
  readonly vars: VariableList;
  readonly terms: TermSet;
}

export interface RandomAnalysis {
  readonly lhs: TermModel;
  readonly lhsExpr: Expr;
  readonly group: GroupSpec;
  readonly correlated: boolean;
  readonly start: number;
  readonly end: number;
}

export interface ResponseAnalysis {
  readonly expr: Expr;
  readonly label: string;
  /** cbind(successes, failures): the two parts. */
  readonly parts: readonly Expr[] | undefined;
}

export interface FormulaAnalysis {
  readonly text: string;
  readonly response: ResponseAnalysis;
  /** Fixed part; vars.labels[0] is the response, as in R's terms object. */
  readonly fixed: TermModel;
  readonly random: readonly RandomAnalysis[];
  readonly warnings: readonly string[];
}

export function termLabel(vars: VariableList, bits: bigint): string {
  return termVariables(bits)
    .map((k) => vars.labels[k])
    .join(':');
}

function checkTermExprs(model: TermModel, skipFirst: boolean): void {
  model.vars.exprs.forEach((e, k) => {
    if (!(skipFirst && k === 0)) checkCalls(e, 'term');
  });
  for (const e of model.terms.offsets) checkCalls(e, 'term');
}

/** Warn about `x^2` on a single variable: in a formula that is just x. */
function powerWarnings(e: Expr | undefined, out: string[]): void {
  if (!e) return;
  if (e.kind === 'paren') return powerWarnings(e.inner, out);
  if (e.kind === 'unary') return powerWarnings(e.operand, out);
  if (e.kind !== 'binary') return;
  if (e.op === '^' && e.left && unparen(e.left).kind === 'name') {
    const v = deparse(unparen(e.left));
    out.push(`In a formula ${deparse(e)} means just ${v} (powers expand interactions). For the square of ${v} write I(${v}^2) or poly(${v}, 2).`);
  }
  powerWarnings(e.left, out);
  powerWarnings(e.right, out);
}

function analyzeLhs(e: Expr): TermModel {
  const vars = new VariableList();
  const terms = encodeTerms(e, vars);
  if (terms.offsets.length) throw formulaError('offset() cannot be used inside a random-effects term', terms.offsets[0].start);
  return { vars, terms };
}

export function analyzeFormula(text: string): FormulaAnalysis {
  if (text.trim() === '') throw formulaError('the formula is empty', 0);
  const top = parseExpression(text);
  if (top.kind !== 'binary' || top.op !== '~') {
    throw formulaError("a formula needs '~' between the response and the predictors, e.g. Reaction ~ Days + (Days | Subject)", text.length - text.trimStart().length);
  }
  if (!top.left) throw formulaError("the formula needs a response on the left of '~', e.g. Reaction ~ Days", top.opStart);
  const warnings: string[] = [];

  const responseExpr = top.left;
  const bar = splitBars(responseExpr).bars[0];
  if (bar) throw formulaError('a random-effects term cannot be on the left of ~', bar.paren.start);
  checkCalls(responseExpr, 'response');
  const ur = unparen(responseExpr);
  const parts = ur.kind === 'call' && ur.fn === 'cbind' ? ur.args.map((a) => a.value) : undefined;
  const response: ResponseAnalysis = { expr: responseExpr, label: deparse(responseExpr), parts };

  const { fixed: fixedExpr, bars } = splitBars(top.right);
  powerWarnings(fixedExpr, warnings);
  const vars = new VariableList();
  vars.indexOf(responseExpr);
  const terms = encodeTerms(fixedExpr, vars);
  for (const t of terms.bits) {
    if (t & 1n) throw formulaError(`the response ${response.label} also appears on the right of ~`, findVariable(top.right, response.label)?.start ?? top.opStart);
  }
  const fixed: TermModel = { vars, terms };
  checkTermExprs(fixed, true);

  const random = bars.map(({ paren, bar: b }): RandomAnalysis => {
    const lhs = analyzeLhs(b.left!);
    if (!lhs.terms.intercept && lhs.terms.bits.length === 0) {
      throw formulaError('this random-effects term has no effects: write (1 | group) for a random intercept', b.left!.start);
    }
    checkTermExprs(lhs, false);
    return { lhs, lhsExpr: b.left!, group: parseGroup(b.right), correlated: b.op === '|', start: paren.start, end: paren.end };
  });
  return { text, response, fixed, random, warnings };
}

function findVariable(e: Expr, label: string): Expr | undefined {
  if (deparse(e) === label) return e;
  if (e.kind === 'binary') return (e.left && findVariable(e.left, label)) ?? findVariable(e.right, label);
  if (e.kind === 'paren') return findVariable(e.inner, label);
  if (e.kind === 'unary') return findVariable(e.operand, label);
  return undefined;
}
