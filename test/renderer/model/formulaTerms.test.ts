import { describe, expect, it } from 'vitest';
import {
  builderToFormula,
  FormulaSyntaxError,
  parseFormulaTerms,
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
