import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { caterpillar, ppoints, qqLine, qqNormal, sqrtAbsStandardized } from '../../../src-renderer/plots/diagnosticData';

// R's qqnorm, qqline, ppoints and qnorm for one vector: test/reference/diagnostics.R
const R = JSON.parse(readFileSync('test/reference/fixtures/plots/diagnostics.json', 'utf8')) as {
  x: number[]; theoreticalSorted: number[]; qqlineSlope: number; qqlineIntercept: number; ppoints5: number[]; qnorm975: number;
};
const x = R.x;
const rTheoretical = R.theoreticalSorted;

describe('diagnostic plot data matches R', () => {
  it('ppoints(5)', () => {
    const p = ppoints(5);
    R.ppoints5.forEach((v, i) => expect(p[i]).toBeCloseTo(v, 14));
  });
  it('qqnorm: sorted sample against normal quantiles', () => {
    const q = qqNormal(x);
    q.theoretical.forEach((v, i) => expect(v).toBeCloseTo(rTheoretical[i], 12));
    expect(q.sample).toEqual([...x].sort((a, b) => a - b));
    expect(q.index.map((i) => x[i])).toEqual(q.sample);
  });
  it('qqline through the quartiles', () => {
    const l = qqLine(x);
    expect(l.slope).toBeCloseTo(R.qqlineSlope, 12);
    expect(l.intercept).toBeCloseTo(R.qqlineIntercept, 12);
  });
  it('drops non-finite values from the QQ plot', () => {
    expect(qqNormal([1, NaN, 2]).sample).toEqual([1, 2]);
  });
  it('scale-location values', () => {
    expect(sqrtAbsStandardized([-4, 1], 4)).toEqual([1, 0.5]);
  });
  it("caterpillar: sorted BLUPs with 95% intervals (R's qnorm(0.975))", () => {
    const c = caterpillar([{ group: 'g', terms: ['(Intercept)'], levels: ['a', 'b'], values: [[2], [-1]], condSd: [[1], [0.5]] }]);
    expect(c[0].levels).toEqual(['b', 'a']);
    expect(c[0].lower[1]).toBeCloseTo(2 - R.qnorm975, 12);
    expect(c[0].upper[0]).toBeCloseTo(-1 + 0.5 * R.qnorm975, 12);
  });
});
