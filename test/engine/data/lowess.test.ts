/** The scatter plot's smoother against R's lowess() (test/reference/lowess.R). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lowess } from '../../../src-engine/data/lowess';

const fx = JSON.parse(readFileSync('test/reference/fixtures/values/lowess.json', 'utf8')) as {
  cases: Record<string, { xIn: number[]; yIn: number[]; args: { f?: number; iter?: number }; x: number[]; y: number[] }>;
};

describe('lowess', () => {
  it.each(Object.keys(fx.cases))('%s: as R', (name) => {
    const c = fx.cases[name];
    const got = lowess(c.xIn, c.yIn, Array.isArray(c.args) ? {} : c.args);
    expect(got.x).toEqual(c.x);
    got.y.forEach((v, i) => expect(v).toBeCloseTo(c.y[i], 10));
  });
  it('drops rows with a missing value and survives one point', () => {
    expect(lowess([1, NaN, 3], [2, 5, NaN])).toEqual({ x: [1], y: [2] });
  });
});
