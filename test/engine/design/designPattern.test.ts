/**
 * A design's pattern part reused (design/designPattern.ts): the design is the one built afresh, and it
 * is reused only when the right-hand side, the rows used and every covariate value read agree to the bit.
 */
import { describe, expect, it } from 'vitest';
import { tableFromCsvText } from '../../../src-engine/data/importDelimited';
import { buildDesign } from '../../../src-engine/design/buildDesign';
import { DesignPatterns, sameValue } from '../../../src-engine/design/designPattern';
import { loadData } from './helpers';

const csv = (rows: string[]) => tableFromCsvText(['y,y2,x,x2,g', ...rows].join('\n') + '\n', { fileName: 't.csv' });
const base = ['1.5,3,0,0,a', '2.25,1,1,2,a', 'NA,2,2,4,b', '3.5,5,3,6,b', '0.5,2,4,8,c', '2,7,5,10,c', '4,1,6,12,a'];

describe('design patterns', () => {
  it('gives the design built afresh, warnings in the same order, and reuses it for the same rows and covariates', () => {
    const patterns = new DesignPatterns();
    const t = csv(base);
    // x2 = 2x: rank deficient; y missing in one row: dropped — the warnings of both parts, interleaved
    const fresh = buildDesign(t, 'y ~ x + x2 + (1 | g)');
    const first = buildDesign(t, 'y ~ x + x2 + (1 | g)', { patterns });
    const again = buildDesign(t, 'y ~ x + x2 + (1 | g)', { patterns });
    expect(patterns.hits).toBe(1);
    expect(first).toEqual(fresh);
    expect(again).toEqual(fresh);
    expect(fresh.warnings[0]).toMatch(/^1 row with missing values was dropped \(y: 1\)/);
    expect(fresh.warnings[1]).toMatch(/rank deficient so dropping 1 column/);
    // another response on the same rows (wide data): reused, with its own y
    const other = buildDesign(csv(base.map((r, i) => (i === 2 ? r.replace(/^NA,2/, 'NA,NA') : r))), 'y2 ~ x + x2 + (1 | g)', { patterns });
    expect(patterns.hits).toBe(2);
    expect(other).toEqual(buildDesign(csv(base.map((r, i) => (i === 2 ? r.replace(/^NA,2/, 'NA,NA') : r))), 'y2 ~ x + x2 + (1 | g)'));
  });

  it('builds afresh when the rows used, a covariate or the right-hand side differ', () => {
    const patterns = new DesignPatterns();
    buildDesign(csv(base), 'y ~ x + (1 | g)', { patterns });
    // the same covariates, y missing in another row
    const moved = buildDesign(csv(base.map((r, i) => (i === 2 ? r.replace(/^NA/, '1') : i === 3 ? r.replace(/^3.5/, 'NA') : r))), 'y ~ x + (1 | g)', { patterns });
    expect(moved.rows).toEqual(Int32Array.from([0, 1, 2, 4, 5, 6]));
    // one group label changed
    const regrouped = buildDesign(csv(base.map((r, i) => (i === 6 ? r.replace(/a$/, 'b') : r))), 'y ~ x + (1 | g)', { patterns });
    expect(regrouped.reterms[0].refs[5]).toBe(1);
    // another fixed part
    buildDesign(csv(base), 'y ~ x2 + (1 | g)', { patterns });
    expect(patterns.hits).toBe(0);
    // −0 is not 0: X keeps the sign bit of its own data
    const zero = buildDesign(csv(base), 'y ~ x + (1 | g)', { patterns });
    const negZero = buildDesign(csv(base.map((r, i) => (i === 0 ? r.replace(',0,0,', ',-0,0,') : r))), 'y ~ x + (1 | g)', { patterns });
    expect(patterns.hits).toBe(0);
    expect(Object.is(zero.X[zero.n], 0) && Object.is(negZero.X[negZero.n], -0)).toBe(true);
  });

  it('compares values by type and bits', () => {
    const num = (xs: number[]) => ({ type: 'numeric' as const, values: Float64Array.from(xs) });
    expect(sameValue(num([1, NaN]), num([1, NaN]))).toBe(true);
    expect(sameValue(num([0]), num([-0]))).toBe(false);
    expect(sameValue(num([1, 2]), num([1]))).toBe(false);
    const fac = (codes: number[], levels: string[]) => ({ type: 'factor' as const, codes: Int32Array.from(codes), levels });
    expect(sameValue(fac([0, 1], ['a', 'b']), fac([0, 1], ['a', 'b']))).toBe(true);
    expect(sameValue(fac([0, 1], ['a', 'b']), fac([0, 1], ['a', 'c']))).toBe(false);
    expect(sameValue(fac([0], ['a']), { type: 'logical', values: Int8Array.from([0]) })).toBe(false);
  });

  it('reuses the sleepstudy pattern for a transformed response', () => {
    const patterns = new DesignPatterns();
    const sleep = loadData('sleepstudy.csv');
    buildDesign(sleep, 'Reaction ~ Days + (Days | Subject)', { patterns });
    const logged = buildDesign(sleep, 'log(Reaction) ~ Days + (Days | Subject)', { patterns });
    expect(patterns.hits).toBe(1);
    expect(logged).toEqual(buildDesign(sleep, 'log(Reaction) ~ Days + (Days | Subject)'));
  });
});
