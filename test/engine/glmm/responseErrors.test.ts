/**
 * Responses that cannot belong to the chosen family are refused before fitting, naming the rows (as
 * the grid numbers them) and what to write instead; what R only warns about stays a warning.
 */
import { describe, expect, it } from 'vitest';
import { tableFromCsvText } from '../../../src-engine/data/importDelimited';
import { QuadratError } from '../../../src-engine/errors/quadratError';
import { fitGlmm } from '../../../src-engine/glmm/fitGlmmReport';
import { makeFamily } from '../../../src-engine/glmm/family';

/** Eight rows in four groups: s successes of n trials, a 0/1 outcome, a count and a factor. */
function table(edit: (row: Record<string, string>, i: number) => void = () => {}) {
  const rows = Array.from({ length: 8 }, (_, i) => ({
    g: `g${i % 4}`,
    x: String(i),
    s: String(i % 3),
    n: '4',
    y: String(i % 2),
    count: String(i + 1),
    f: i % 2 ? 'yes' : 'no',
    p: String((i % 4) / 4),
  }));
  rows.forEach(edit);
  const head = Object.keys(rows[0]);
  return tableFromCsvText([head.join(','), ...rows.map((r) => head.map((h) => r[h as keyof typeof r]).join(','))].join('\n'));
}

function refusal(t: ReturnType<typeof table>, spec: Parameters<typeof fitGlmm>[1]): QuadratError {
  try {
    fitGlmm(t, spec);
  } catch (e) {
    if (e instanceof QuadratError) return e;
    throw e;
  }
  throw new Error('the fit was not refused');
}

describe('binomial responses', () => {
  it('refuses negative successes with the row', () => {
    const e = refusal(table((r, i) => i === 2 && (r.s = '-1')), { formula: 'cbind(s, n - s) ~ x + (1 | g)', family: 'binomial' });
    expect(e.message).toBe('Negative successes (s) in row 3: counts cannot be negative.');
    expect(e.kind).toBe('data');
  });

  it('says "more successes than trials" when n − s is negative', () => {
    const e = refusal(table((r, i) => i >= 5 && (r.s = '6')), { formula: 'cbind(s, n - s) ~ x + (1 | g)', family: 'binomial' });
    expect(e.message).toMatch(/^Negative failures \(n - s\) in rows 6, 7, 8 — more successes than trials there\./);
  });

  it('refuses a 0/1 response outside [0, 1] and says how to give counts', () => {
    const e = refusal(table((r, i) => i === 0 && (r.y = '2')), { formula: 'y ~ x + (1 | g)', family: 'binomial' });
    expect(e.message).toMatch(/y is outside \[0, 1\] in row 1\. For counts of successes out of trials write cbind\(successes, trials - successes\)/);
  });

  it('refuses proportions without weights, and fits them with weights = trials', () => {
    const e = refusal(table(), { formula: 'p ~ x + (1 | g)', family: 'binomial' });
    expect(e.message).toMatch(/p holds proportions \(e\.g\. rows 2, 3, 4, 6, 7, … \(6 in all\)\) but no weights say out of how many trials/);
    expect(() => fitGlmm(table(), { formula: 'p ~ x + (1 | g)', family: 'binomial', weights: 'n' })).not.toThrow();
  });

  it('refuses cbind() with other than two columns, pointing at it', () => {
    const e = refusal(table(), { formula: 'cbind(s, n, y) ~ x + (1 | g)', family: 'binomial' });
    expect(e.message).toMatch(/^cbind\(\) takes two arguments: cbind\(successes, failures\)/);
    expect(e.kind).toBe('formula');
    expect(e.where?.column).toBe(1);
  });

  it('refuses a factor inside cbind()', () => {
    const e = refusal(table(), { formula: 'cbind(s, f) ~ x + (1 | g)', family: 'binomial' });
    expect(e.message).toBe('f in cbind() must be a numeric count column.');
  });

  it('reads a two-level factor as failure = first level, and warns for more levels', () => {
    expect(() => fitGlmm(table(), { formula: 'f ~ x + (1 | g)', family: 'binomial' })).not.toThrow();
    const r = fitGlmm(table((row, i) => (row.f = ['a', 'b', 'c'][i % 3])), { formula: 'f ~ x + (1 | g)', family: 'binomial' });
    expect(r.warnings.join(' ')).toMatch(/The response f has 3 levels: as in R, "a" is a failure and every other level a success\./);
  });

  it('warns, as R does, about non-integer counts in cbind()', () => {
    const r = fitGlmm(table((row, i) => i === 1 && (row.s = '1.5')), { formula: 'cbind(s, n - s) ~ x + (1 | g)', family: 'binomial' });
    expect(r.warnings.join(' ')).toMatch(/non-integer counts in a binomial glm!/);
  });
});

describe('Poisson responses', () => {
  it('refuses negative counts with the rows', () => {
    const e = refusal(table((r, i) => i % 4 === 3 && (r.count = '-2')), { formula: 'count ~ x + (1 | g)', family: 'poisson' });
    expect(e.message).toBe('Counts cannot be negative, but count is negative in rows 4, 8.');
  });

  it('warns about non-integer counts (R: "non-integer x") but fits', () => {
    const r = fitGlmm(table((row, i) => i === 0 && (row.count = '0.5')), { formula: 'count ~ x + (1 | g)', family: 'poisson' });
    expect(r.warnings.join(' ')).toMatch(/count is not a whole number in row 1/);
  });

  it('refuses a factor response and a cbind() response', () => {
    expect(refusal(table(), { formula: 'f ~ x + (1 | g)', family: 'poisson' }).message).toMatch(/The response f is a factor; the poisson family needs numbers \(counts\)\. For a yes\/no response choose the binomial family\./);
    expect(refusal(table(), { formula: 'cbind(s, n - s) ~ x + (1 | g)', family: 'poisson' }).message).toMatch(/cbind\(successes, failures\) is a binomial response; the poisson family needs one numeric column\./);
  });
});

describe('families and links', () => {
  it('names the families for an unknown one and the links for a wrong link', () => {
    expect(() => makeFamily('binomal')).toThrow(/Unknown family "binomal"\. Families: .*binomial.*poisson/);
    expect(() => makeFamily('poisson', 'logit')).toThrow(/The poisson family does not take the logit link; use one of log, identity, sqrt\./);
  });
});
