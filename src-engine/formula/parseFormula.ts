/**
 * The public, plain-data description of a formula (what the UI's model builder reads and writes), and
 * its inverse formulaToString(), which writes normalised lme4 syntax.
 */
import { analyzeFormula, termLabel, type FormulaAnalysis, type TermModel } from './analyze';
import { deparse } from './deparse';
import { termVariables } from './terms';

export interface FormulaTerm {
  /** R's term label: "Days", "recipe:temp", "I(Days^2)". */
  readonly label: string;
  /** The variables of the term in R's variable order: ["recipe", "temp"]. */
  readonly factors: readonly string[];
}

export interface RandomTermSpec {
  /** True unless the term is written (0 + … | g). */
  readonly intercept: boolean;
  /** Effects other than the intercept that vary by group. */
  readonly terms: readonly FormulaTerm[];
  /** The grouping expression as written (normalised): "Subject", "batch/cask", "Worker:Machine". */
  readonly group: string;
  /** The columns in the grouping expression, in written order. */
  readonly groupFactors: readonly string[];
  /** False for `||` (uncorrelated effects). */
  readonly correlated: boolean;
}

export interface ResponseSpec {
  /** "Reaction", "log(Reaction)", "cbind(s, f)". */
  readonly label: string;
  readonly kind: 'variable' | 'cbind';
  /** For cbind(successes, failures): the two labels. */
  readonly parts: readonly string[];
}

export interface ParsedFormula {
  readonly response: ResponseSpec;
  readonly intercept: boolean;
  readonly fixedTerms: readonly FormulaTerm[];
  /** offset(...) terms, as written: "offset(log(n))". */
  readonly offsets: readonly string[];
  readonly randomTerms: readonly RandomTermSpec[];
  /** Things that parse but are probably not what was meant (e.g. `x^2` meaning just x). */
  readonly warnings: readonly string[];
}

function describeTerms(model: TermModel): FormulaTerm[] {
  return model.terms.bits.map((bits) => ({
    label: termLabel(model.vars, bits),
    factors: termVariables(bits).map((k) => model.vars.labels[k]),
  }));
}

export function describeFormula(a: FormulaAnalysis): ParsedFormula {
  return {
    response: {
      label: a.response.label,
      kind: a.response.parts ? 'cbind' : 'variable',
      parts: a.response.parts ? a.response.parts.map(deparse) : [],
    },
    intercept: a.fixed.terms.intercept,
    fixedTerms: describeTerms(a.fixed),
    offsets: a.fixed.terms.offsets.map(deparse),
    randomTerms: a.random.map((r) => ({
      intercept: r.lhs.terms.intercept,
      terms: describeTerms(r.lhs),
      group: r.group.text,
      groupFactors: r.group.columns,
      correlated: r.correlated,
    })),
    warnings: a.warnings,
  };
}

/** Parse lme4 formula syntax; throws QuadratError('formula', …, { column }) on a syntax error. */
export function parseFormula(text: string): ParsedFormula {
  return describeFormula(analyzeFormula(text));
}

/** What formulaToString writes: a ParsedFormula, or the model builder's terms as written. */
export interface FormulaText {
  readonly response: { readonly label: string };
  readonly intercept: boolean;
  readonly fixedTerms: readonly { readonly label: string }[];
  readonly offsets: readonly string[];
  readonly randomTerms: readonly RandomTermText[];
}

export interface RandomTermText {
  readonly intercept: boolean;
  readonly terms: readonly { readonly label: string }[];
  readonly group: string;
  readonly correlated: boolean;
}

/** One random term in lme4 syntax: `(1 + x | g)` is written `(x | g)`, `(0 + x || g)` as is. */
export function randomTermToString(r: RandomTermText): string {
  const lhs = r.terms.map((t) => t.label);
  const parts = r.intercept ? (lhs.length ? lhs : ['1']) : ['0', ...lhs];
  return `(${parts.join(' + ')} ${r.correlated ? '|' : '||'} ${r.group})`;
}

/**
 * Normalised lme4 syntax: `y ~ a + b + a:b + offset(o) + (1 + x | g) + (1 | h)`. With impliedIntercept
 * (the model builder's style) an intercept-only fixed part is left unwritten beside random terms:
 * `y ~ (1 | g)`, which means the same model.
 */
export function formulaToString(f: FormulaText, options: { impliedIntercept?: boolean } = {}): string {
  const rhs: string[] = [];
  const fixed = f.fixedTerms.map((t) => t.label);
  if (!f.intercept) rhs.push('0');
  else if (fixed.length === 0 && !(options.impliedIntercept && f.randomTerms.length)) rhs.push('1');
  rhs.push(...fixed, ...f.offsets, ...f.randomTerms.map(randomTermToString));
  return `${f.response.label} ~ ${rhs.join(' + ')}`;
}
