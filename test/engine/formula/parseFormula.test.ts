/** parseFormula's plain description and formulaToString's normalised lme4 syntax (the UI round trip). */
import { describe, expect, it } from 'vitest';
import { formulaToString, parseFormula } from '../../../src-engine/formula';

describe('parseFormula', () => {
  it('describes response, fixed terms and random terms', () => {
    const p = parseFormula('log(Reaction) ~ Days * recipe + I(Days^2) + (1 + Days | Subject) + (1 | batch/cask) + (x || g)');
    expect(p.response).toEqual({ label: 'log(Reaction)', kind: 'variable', parts: [] });
    expect(p.intercept).toBe(true);
    expect(p.fixedTerms).toEqual([
      { label: 'Days', factors: ['Days'] },
      { label: 'recipe', factors: ['recipe'] },
      { label: 'I(Days^2)', factors: ['I(Days^2)'] },
      { label: 'Days:recipe', factors: ['Days', 'recipe'] },
    ]);
    expect(p.randomTerms).toEqual([
      { intercept: true, terms: [{ label: 'Days', factors: ['Days'] }], group: 'Subject', groupFactors: ['Subject'], correlated: true },
      { intercept: true, terms: [], group: 'batch/cask', groupFactors: ['batch', 'cask'], correlated: true },
      { intercept: true, terms: [{ label: 'x', factors: ['x'] }], group: 'g', groupFactors: ['g'], correlated: false },
    ]);
    expect(p.warnings).toEqual([]);
  });

  it('reads cbind responses for binomial models', () => {
    const p = parseFormula('cbind(incidence, size - incidence) ~ period + (1 | herd)');
    expect(p.response).toEqual({ label: 'cbind(incidence, size - incidence)', kind: 'cbind', parts: ['incidence', 'size - incidence'] });
  });

  it('is plain data (survives JSON)', () => {
    const p = parseFormula('y ~ a*b + offset(log(n)) + (0 + a | g:h)');
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });
});

describe('formulaToString', () => {
  const CASES: [string, string][] = [
    ['Reaction ~ Days + (Days | Subject)', 'Reaction ~ Days + (Days | Subject)'],
    ['Reaction~Days+(1+Days|Subject)', 'Reaction ~ Days + (Days | Subject)'],
    ['Reaction ~ Days + (Days || Subject)', 'Reaction ~ Days + (Days || Subject)'],
    ['y ~ a*b', 'y ~ a + b + a:b'],
    ['y ~ (a+b+c)^2 - a:c', 'y ~ a + b + c + a:b + b:c'],
    ['y ~ -1 + x', 'y ~ 0 + x'],
    ['y ~ 1 + (1|g)', 'y ~ 1 + (1 | g)'],
    ['y ~ 0', 'y ~ 0'],
    ['y ~ x + (0 + x | g) + (1 | a:b) + (1 | site/plot/sub)', 'y ~ x + (0 + x | g) + (1 | a:b) + (1 | site/plot/sub)'],
    ['y ~ x + offset(log(n)) + I(x>2)', 'y ~ x + I(x > 2) + offset(log(n))'],
    ['cbind(s,f) ~ poly(x,2) + (1|g)', 'cbind(s, f) ~ poly(x, 2) + (1 | g)'],
    ['y ~ `my var` + (1 | `the group`)', 'y ~ `my var` + (1 | `the group`)'],
  ];
  it.each(CASES)('%s → %s', (text, normal) => {
    const p = parseFormula(text);
    expect(formulaToString(p)).toBe(normal);
    expect(parseFormula(formulaToString(p))).toEqual(p);
  });

  it("leaves an intercept-only fixed part unwritten beside random terms in the builder's style", () => {
    expect(formulaToString(parseFormula('y ~ 1 + (1 | g)'), { impliedIntercept: true })).toBe('y ~ (1 | g)');
    expect(formulaToString(parseFormula('y ~ 1'), { impliedIntercept: true })).toBe('y ~ 1');
    expect(formulaToString(parseFormula('y ~ 0 + (1 | g)'), { impliedIntercept: true })).toBe('y ~ 0 + (1 | g)');
  });
});
