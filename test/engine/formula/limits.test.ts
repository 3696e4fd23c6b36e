/**
 * Formulas too large or too deep to be models are refused with a positioned message, quickly, and
 * parsing stays linear in the length of the formula (issue 16: a*b*…*t took 49 s, a 3,000-term sum
 * 88 s, deep nesting and 25,000 terms overflowed the stack).
 */
import { describe, expect, it } from 'vitest';
import { QuadratError } from '../../../src-engine/errors/quadratError';
import { analyzeFormula } from '../../../src-engine/formula/analyze';
import { MAX_CHAIN, MAX_NESTING } from '../../../src-engine/formula/parser';
import { MAX_TERMS } from '../../../src-engine/formula/terms';

const names = (k: number) => Array.from({ length: k }, (_, i) => `x${i}`);
function refusal(formula: string): QuadratError {
  try {
    analyzeFormula(formula);
  } catch (e) {
    expect(e).toBeInstanceOf(QuadratError);
    return e as QuadratError;
  }
  throw new Error('the formula was accepted');
}

describe('formula limits', () => {
  it('refuses a product that expands past the term limit, saying how many terms and what to write', () => {
    const e = refusal(`y ~ ${names(20).join(' * ')}`);
    expect(e.message).toMatch(/expands to at least [\d,]+ terms; at most 10,000/);
    expect(e.message).toMatch(/\(a \+ b \+ c\)\^2/);
    expect(e.where?.column).toBeGreaterThan(4);
    expect(MAX_TERMS).toBe(10_000);
  });

  it('still expands a 12-way product (4,095 terms) as R does', () => {
    expect(analyzeFormula(`y ~ ${names(12).join(' * ')}`).fixed.terms.bits).toHaveLength(4095);
  });

  it('takes a long sum in one linear pass', () => {
    // a 1,500-term sum used to take seconds (quadratic re-trimming); every term is kept in order
    const a = analyzeFormula(`y ~ ${names(1500).join(' + ')}`);
    expect(a.fixed.terms.bits).toHaveLength(1500);
    expect(a.fixed.vars.labels[1500]).toBe('x1499');
  });

  it('refuses more operators than a model could use, and nesting past the bound, instead of overflowing the stack', () => {
    expect(refusal(`y ~ ${names(25_000).join(' + ')}`).message).toMatch(new RegExp(`more than ${MAX_CHAIN.toLocaleString('en')} operators`));
    expect(refusal(`y ~ ${'('.repeat(20_000)}x${')'.repeat(20_000)}`).message).toMatch(new RegExp(`more than ${MAX_NESTING} levels deep`));
    expect(analyzeFormula(`y ~ ${'('.repeat(150)}x${')'.repeat(150)}`).fixed.terms.bits).toHaveLength(1);
  });
});
