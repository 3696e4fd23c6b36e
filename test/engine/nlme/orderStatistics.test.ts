/**
 * orderStatistics (nlme/corStruct/orderStatistics.ts) against a full sort: random values, many ties (the
 * distances of a grid), sorted and reversed input, one value, and ranks repeated or out of order.
 */
import { describe, expect, it } from 'vitest';
import { orderStatistics } from '../../../src-engine/nlme/corStruct/orderStatistics';

function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function check(values: Float64Array, ranks: number[]): void {
  const sorted = Float64Array.from(values).sort();
  expect(orderStatistics(values.slice(), ranks)).toEqual(ranks.map((r) => sorted[r]));
}

describe('orderStatistics', () => {
  it.each([1, 2, 3, 10, 101, 5000])('%i random values: every decile and the ends', (n) => {
    const rnd = rng(n);
    const v = new Float64Array(n).map(() => rnd() * 100);
    check(v, [...Array.from({ length: 10 }, (_, k) => Math.floor((k / 10) * n)), n - 1]);
  });

  it('ties: the distances on a 14 × 16 grid (Wheat2-like), nine quantiles', () => {
    const d: number[] = [];
    for (let a = 0; a < 224; a++) for (let b = a + 1; b < 224; b++) d.push(Math.hypot((a % 14) - (b % 14), Math.floor(a / 14) - Math.floor(b / 14)));
    const v = Float64Array.from(d);
    check(v, [...Array.from({ length: 8 }, (_, k) => Math.floor((k / 8) * v.length)), v.length - 1]);
  });

  it('sorted, reversed and constant input; ranks repeated and out of order', () => {
    const up = Float64Array.from({ length: 1000 }, (_, i) => i);
    check(up, [999, 0, 500, 500, 1]);
    check(up.slice().reverse(), [3, 997, 250]);
    check(new Float64Array(300).fill(2.5), [0, 150, 299]);
  });

  it('refuses a rank outside the array', () => {
    expect(() => orderStatistics(new Float64Array(3), [3])).toThrow(RangeError);
  });
});
