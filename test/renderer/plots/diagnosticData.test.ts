import { describe, expect, it } from 'vitest';
import { caterpillar, ppoints, qqLine, qqNormal, sqrtAbsStandardized } from '../../../src-renderer/plots/diagnosticData';

// Reference values printed by R 4.2.2 (qqnorm, qqline's formula, ppoints, qnorm) for this vector.
const x = [0.3, -1.2, 2.5, 0.7, -0.1, 1.9, -2.2, 0.05, 0.9, -0.4, 1.1, 0.2];
const rTheoretical = [
  -1.731664396122245, -1.150349380376008, -0.812217801499913, -0.548522282698098, -0.318639363964375,
  -0.104633455614075, 0.104633455614075, 0.318639363964375, 0.548522282698098, 0.812217801499913,
  1.150349380376008, 1.731664396122246,
];

describe('diagnostic plot data matches R', () => {
  it('ppoints(5)', () => {
    const p = ppoints(5);
    [0.119047619047619, 0.30952380952381, 0.5, 0.69047619047619, 0.880952380952381].forEach((v, i) => expect(p[i]).toBeCloseTo(v, 14));
  });
  it('qqnorm: sorted sample against normal quantiles', () => {
    const q = qqNormal(x);
    q.theoretical.forEach((v, i) => expect(v).toBeCloseTo(rTheoretical[i], 12));
    expect(q.sample).toEqual([...x].sort((a, b) => a - b));
    expect(q.index.map((i) => x[i])).toEqual(q.sample);
  });
  it('qqline through the quartiles', () => {
    const l = qqLine(x);
    expect(l.slope).toBeCloseTo(0.833963747909401, 12);
    expect(l.intercept).toBeCloseTo(0.3875, 12);
  });
  it('drops non-finite values from the QQ plot', () => {
    expect(qqNormal([1, NaN, 2]).sample).toEqual([1, 2]);
  });
  it('scale-location values', () => {
    expect(sqrtAbsStandardized([-4, 1], 4)).toEqual([1, 0.5]);
  });
  it('caterpillar: sorted BLUPs with 95% intervals (qnorm(0.975) = 1.95996398454005)', () => {
    const c = caterpillar([{ group: 'g', terms: ['(Intercept)'], levels: ['a', 'b'], values: [[2], [-1]], condSd: [[1], [0.5]] }]);
    expect(c[0].levels).toEqual(['b', 'a']);
    expect(c[0].lower[1]).toBeCloseTo(2 - 1.95996398454005, 12);
    expect(c[0].upper[0]).toBeCloseTo(-1 + 0.5 * 1.95996398454005, 12);
  });
});
