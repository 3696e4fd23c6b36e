import { describe, expect, it } from 'vitest';
import { fmtDf, fmtNum, fmtP, stars } from '../../../src-renderer/results/format';

describe('fmtNum', () => {
  it.each([
    [251.40510484848477, 6, '251.405'],
    [10.467285959595, 5, '10.467'],
    [6.824597, 4, '6.825'],
    [1.5457, 4, '1.546'],
    [-0.0137, 3, '−0.0137'],
    [9.9996, 4, '10.00'],
    [123456.7, 4, '123457'],
    [0, 4, '0'],
    [1.234e-7, 3, '1.23e-7'],
    [null, 4, '—'],
  ])('%s with %s digits → %s', (x, d, s) => expect(fmtNum(x, d)).toBe(s));
});

describe('fmtP', () => {
  it.each([
    [1e-12, '< .001'],
    [0.000999, '< .001'],
    [0.001, '.001'],
    [0.0234, '.023'],
    [0.5, '.500'],
    [1, '1.000'],
    [null, '—'],
  ])('%s → %s', (p, s) => expect(fmtP(p)).toBe(s));
});

describe('fmtDf and stars', () => {
  it('formats df to one decimal', () => {
    expect(fmtDf(17.00000001)).toBe('17.0');
    expect(fmtDf(null)).toBe('—');
  });
  it('gives R significance codes', () => {
    expect([0.0001, 0.005, 0.03, 0.07, 0.5].map(stars)).toEqual(['***', '**', '*', '.', '']);
  });
});
