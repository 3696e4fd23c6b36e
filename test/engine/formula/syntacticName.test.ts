/** isSyntacticName: R's rule, its ASCII shortcut equal to the Unicode rule on every ASCII name. */
import { describe, expect, it } from 'vitest';
import { deparseName, isSyntacticName } from '../../../src-engine/formula/deparse';

const UNICODE_RULE = /^((\p{L}|\.(?![0-9]))[\p{L}\p{N}._]*|\.)$/u;
const RESERVED = ['if', 'else', 'repeat', 'while', 'function', 'for', 'next', 'break', 'TRUE', 'FALSE', 'NULL', 'Inf', 'NaN', 'NA', 'in'];

describe('isSyntacticName', () => {
  it('says what R says of these names', () => {
    for (const ok of ['x', 'Days', 'Informed.liking', '.x', '.', '..', 'x_1', 'x.2', 'température', '温度', 'Ärger2']) expect(isSyntacticName(ok), ok).toBe(true);
    for (const bad of ['', '_x', '2x', '.2x', 'x y', 'x-y', 'if', 'NA', 'TRUE', 'a`b', 'température moyenne', '温 度']) expect(isSyntacticName(bad), bad).toBe(false);
    expect(deparseName('x y')).toBe('`x y`');
    expect(deparseName('Informed.liking')).toBe('Informed.liking');
  });

  it('takes the ASCII shortcut only where the Unicode rule agrees: every string of up to three of these characters', () => {
    const alphabet = ['a', 'Z', '0', '9', '.', '_', ' ', '-', '`', '~'];
    const strings = [''];
    for (let len = 1; len <= 3; len++) {
      const prev = strings.filter((s) => s.length === len - 1);
      for (const p of prev) for (const c of alphabet) strings.push(p + c);
    }
    for (const s of strings) expect(isSyntacticName(s), JSON.stringify(s)).toBe(UNICODE_RULE.test(s) && !RESERVED.includes(s));
  });
});
