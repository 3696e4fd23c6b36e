// R's console printing rules (src-engine/report/rPrint.ts) against R itself (test/reference/rPrint.R).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { abbreviate, formatDecimals, stars } from '../../../src-engine/report/rPrint';

const ref = JSON.parse(readFileSync('test/reference/fixtures/values/rPrint.json', 'utf8')) as {
  names: string[];
  abbreviate: { minlength: number; out: string[] }[];
  decimals: { x: number[]; digits: number; text: string[]; decimals: number }[];
};

describe('R printing rules', () => {
  it.each(ref.abbreviate)('abbreviate(names, $minlength) as R', ({ minlength, out }) => {
    expect(ref.names.map((n) => abbreviate(n, minlength))).toEqual(out);
  });

  it('the decimals format(x, digits) gives a column, as R', () => {
    for (const c of ref.decimals) expect(formatDecimals(c.x, c.digits), `${c.x} at ${c.digits}: R ${c.text.join(' ')}`).toBe(c.decimals);
  });

  it('significance stars at R legend cut-points', () => {
    expect([0.0009, 0.001, 0.009, 0.01, 0.049, 0.05, 0.09, 0.1, 0.5].map(stars)).toEqual(['***', '**', '**', '*', '*', '.', '.', '', '']);
    expect([null, undefined, Number.NaN].map(stars)).toEqual(['', '', '']);
  });
});
