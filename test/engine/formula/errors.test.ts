/** Bad formulas give a QuadratError('formula') whose column points at the offending character. */
import { describe, expect, it } from 'vitest';
import { isQuadratError, type QuadratError } from '../../../src-engine/errors/quadratError';
import { parseFormula } from '../../../src-engine/formula';

function errorOf(text: string): QuadratError {
  try {
    parseFormula(text);
  } catch (e) {
    if (isQuadratError(e)) return e;
    throw e;
  }
  throw new Error(`no error for ${text}`);
}

// [formula, 1-based column, message pattern]
const BAD: [string, number, RegExp][] = [
  ['Reaction ~ Days + (Days | )', 27, /grouping factor after '\|'/],
  ['Reaction ~ Days + (1 || )', 25, /grouping factor after '\|\|'/],
  ['Reaction ~ (Days | Subject', 12, /'\(' is never closed/],
  ['~ Days', 1, /needs a response/],
  ['Reaction ~ Days +', 17, /after '\+'/],
  ['Reaction ~ Days + (Days |', 25, /grouping factor after '\|'/],
  ['Reaction Days', 10, /operator such as '\+' missing/],
  ['Reaction', 1, /needs '~'/],
  ['', 1, /empty/],
  ['Reaction ~ ', 10, /after '~'/],
  ['Reaction ~ Days + 1 | Subject', 21, /must be in parentheses/],
  ['Reaction ~ Days ~ Subject', 17, /only one '~'/],
  ['Reaction ~ Days)', 16, /unmatched '\)'/],
  ['Reaction ~ foo(Days)', 12, /unknown function foo\(\)/],
  ['Reaction ~ log(Days', 15, /'\(' of log\( is never closed/],
  ['Reaction ~ (Days + Subject)^x', 29, /power .* whole number/],
  ['Reaction ~ poly(Days, 0)', 23, /degree of poly\(\)/],
  ['Reaction ~ poly(Days, 2.5)', 23, /degree of poly\(\)/],
  ['Reaction ~ Days:(1 | Subject)', 20, /can only be added to a formula with \+/],
  ['Reaction ~ I(Days > )', 21, /'>' needs something after it/],
  ['Reaction ~ (1 | Subject + Days)', 25, /grouping factor must be a column name/],
  ['Reaction ~ (1 | Subject/log(x))', 25, /nested groups must be written with column names/],
  ['Reaction ~ `Days', 12, /backtick/],
  ['Reaction ~ Reaction + Days', 12, /response Reaction also appears/],
  ['Reaction ~ (0 | Subject)', 13, /no effects/],
  ['Reaction ~ Days $ Subject', 17, /'\$' is not supported/],
  ['Reaction ~ .', 12, /'\.' \(all other columns\)/],
  ['Reaction ~ Days + 2', 19, /a number \(2\) cannot be a term/],
  ['Reaction ~ Days + (1 | Subject) - (1 | Subject)', 33, /cannot be removed/],
  ['(1 | Subject) ~ Days', 1, /cannot be on the left/],
  ['Reaction ~ cbind(Days, x)', 12, /cbind\(\) can only be the response/],
  ['Reaction ~ I(Days, 2)', 12, /I\(\) takes one argument/],
  ['Reaction ~ offset(Days) + (offset(x) | Subject)', 28, /offset\(\) cannot be used inside a random-effects term/],
  ['Reaction ~ Days + (Days | Subject) + & x', 38, /'&' is not supported/],
  ['Reaction ~ log(Days,)', 21, /missing argument/],
  ['Reaction ~ 2x', 12, /'2x' is not a number/],
  ['Reaction ~ Days + "a"', 19, /text cannot be a term/],
];

describe('formula errors point at the offending character', () => {
  it.each(BAD)('%s → column %i', (text, column, pattern) => {
    const e = errorOf(text);
    expect(e.kind).toBe('formula');
    expect(e.message).toMatch(pattern);
    expect(e.where?.column).toBe(column);
  });

  it('accepts poly(x) with R’s default degree 1', () => {
    expect(parseFormula('Reaction ~ poly(Days)').fixedTerms.map((t) => t.label)).toEqual(['poly(Days)']);
  });

  it('warns that x^2 in a formula is just x', () => {
    const p = parseFormula('Reaction ~ Days^2');
    expect(p.fixedTerms.map((t) => t.label)).toEqual(['Days']);
    expect(p.warnings[0]).toMatch(/I\(Days\^2\)/);
  });
});
