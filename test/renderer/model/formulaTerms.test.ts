import { describe, expect, it } from 'vitest';
import {
  builderToFormula,
  FormulaSyntaxError,
  parseFormulaTerms,
  quoteName,
  randomTermToString,
  type FormulaIssue,
} from '../../../src-renderer/model/formulaTerms';

function issueOf(text: string): FormulaIssue {
  try {
    parseFormulaTerms(text);
  } catch (e) {
    if (e instanceof FormulaSyntaxError) return e.issue;
    throw e;
  }
  throw new Error(`expected "${text}" to be rejected`);
}

describe('parseFormulaTerms / builderToFormula round trip', () => {
  const cases: [string, string][] = [
    ['Reaction ~ Days + (Days | Subject)', 'Reaction ~ Days + (Days | Subject)'],
    ['Reaction~Days+(1|Subject)+(0+Days|Subject)', 'Reaction ~ Days + (1 | Subject) + (0 + Days | Subject)'],
    ['Reaction ~ Days + (Days || Subject)', 'Reaction ~ Days + (Days || Subject)'],
    ['y ~ a*b + I(x^2) + (1 | site/bag)', 'y ~ a*b + I(x^2) + (1 | site/bag)'],
    ['log(y) ~ poly(x, 2) - 1 + (1 | g)', 'log(y) ~ 0 + poly(x, 2) + (1 | g)'],
    ['y ~ 1 + (1 | a:b)', 'y ~ (1 | a:b)'],
    ['y ~ 1', 'y ~ 1'],
    ['y ~ (a + b)^2 + (1 + x | g)', 'y ~ (a + b)^2 + (x | g)'],
    ['`my y` ~ `x 1` + (1 | `the site`)', '`my y` ~ `x 1` + (1 | `the site`)'],
  ];
  for (const [input, expected] of cases) {
    it(input, () => {
      const out = builderToFormula(parseFormulaTerms(input).model);
      expect(out).toBe(expected);
      // A second trip is stable.
      expect(builderToFormula(parseFormulaTerms(out).model)).toBe(expected);
    });
  }

  it('reads the parts of a nested, uncorrelated random term', () => {
    const { model } = parseFormulaTerms('y ~ x + (0 + x + z || site/plot/bag)');
    expect(model.random).toEqual([
      { group: 'bag', nestedIn: ['site', 'plot'], intercept: false, slopes: ['x', 'z'], correlated: false },
    ]);
  });

  it('lists the variables with their positions, not function names', () => {
    const { variables } = parseFormulaTerms('log(y) ~ I(x^2) + (1 | g)');
    expect(variables.map((v) => v.name)).toEqual(['y', 'x', 'g']);
    expect(variables[1]).toMatchObject({ start: 11, end: 12 });
  });
});

describe('formula errors point at the character', () => {
  it('an unclosed bracket', () => {
    expect(issueOf('y ~ x + (1 | g')).toMatchObject({ start: 8 });
  });
  it('a stray closing bracket', () => {
    expect(issueOf('y ~ x) + z')).toMatchObject({ start: 5 });
  });
  it('a missing term after +', () => {
    expect(issueOf('y ~ x + ')).toMatchObject({ start: 8 });
  });
  it('a doubled +', () => {
    expect(issueOf('y ~ x + + z').start).toBe(8);
  });
  it('no tilde', () => {
    expect(issueOf('y x').message).toMatch(/~/);
  });
  it('no grouping factor', () => {
    expect(issueOf('y ~ (1 | )').message).toMatch(/grouping factor/);
  });
  it('an unbracketed bar', () => {
    expect(issueOf('y ~ x + 1 | g')).toMatchObject({ start: 8, end: 13 });
  });
});

describe("read and written with the engine's grammar", () => {
  it('takes names from the syntax tree: not function names, argument names, strings or numbers', () => {
    const { variables } = parseFormulaTerms('y ~ poly(x, degree = 2) + I(z > "a") + (1 | g)');
    expect(variables.map((v) => v.name)).toEqual(['y', 'x', 'z', 'g']);
  });

  it('refuses a second sign before a term, as a missing term', () => {
    expect(issueOf('y ~ x + -1')).toMatchObject({ start: 8, message: 'a term is missing before "-"' });
  });

  it("has the parser's limits, with its message", () => {
    const deep = `y ~ ${'('.repeat(250)}x${')'.repeat(250)}`;
    expect(issueOf(deep).message).toMatch(/more than 200 levels deep/);
  });

  it('refuses a grouping expression the engine cannot build', () => {
    expect(issueOf('y ~ x + (1 | log(g))').message).toMatch(/grouping factor must be a column name/);
  });

  it('quotes names as R deparses them', () => {
    expect(quoteName('my col')).toBe('`my col`');
    expect(quoteName('if')).toBe('`if`');
    expect(quoteName('Days')).toBe('Days');
  });

  it('writes a single uncorrelated effect with one bar, and an empty term as an intercept', () => {
    expect(randomTermToString({ group: 'g', nestedIn: [], intercept: false, slopes: ['x'], correlated: false })).toBe('(0 + x | g)');
    expect(randomTermToString({ group: 'b', nestedIn: ['a'], intercept: false, slopes: [], correlated: true })).toBe('(1 | a/b)');
    expect(builderToFormula({ response: '', intercept: true, fixed: ['x'], random: [] })).toBe('~ x');
  });
});
