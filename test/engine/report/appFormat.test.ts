import { describe, expect, it } from 'vitest';
import { columnDecimals, fmtDf, fmtFixed, fmtNum, fmtP, stars } from '../../../src-engine/report/format';

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

describe('columnDecimals + fmtFixed: a column as R formats it (summary(lmer) through printCoefmat)', () => {
  // each row: R's format(x, digits = 4) of the column
  it.each([
    [[251.405104848, 10.467285959, 6.824597, 1.5457], ['251.405', '10.467', '6.825', '1.546']],
    [[36.838, 6.771], ['36.838', '6.771']],
    [[2.5, 1.25, 100], ['2.50', '1.25', '100.00']],
    [[0.001234, 12.5], ['0.001234', '12.500000']],
    [[-1.398534, -0.99233, 0.23247, 0.3054], ['−1.3985', '−0.9923', '0.2325', '0.3054']],
  ])('%j → %j', (xs, want) => {
    const d = columnDecimals(xs, 4);
    expect(xs.map((x) => fmtFixed(x, d, 4))).toEqual(want);
  });

  it('a column of tiny values keeps each its own form; missing values are skipped', () => {
    expect(columnDecimals([1e-12, 3], 4)).toBeNull();
    expect(fmtFixed(1.234e-12, null, 4)).toBe('1.234e-12');
    expect(columnDecimals([null, undefined, Number.NaN, 0, 1.5], 4)).toBe(1);
  });
});
