/** The zero-inflation and dispersion boxes: typed text and picked terms write the same formula. */
import { describe, expect, it } from 'vitest';
import { addTerm, composeOneSided, parseOneSided, removeTerm } from '../../../src-renderer/model/oneSidedFormula';

describe('one-sided formulas (glmmTMB ziformula / dispformula)', () => {
  it('reads typed text into terms and writes it back', () => {
    for (const text of ['~ spp', '~ 1', '~ spp + mined', '~ 0 + spp', '~ spp:mined'])
      expect(composeOneSided(parseOneSided(text) as never)).toBe(text);
    expect(parseOneSided('~spp+mined')).toEqual({ intercept: true, terms: ['spp', 'mined'] });
    expect(parseOneSided('  ')).toBeNull();
  });

  it('adds picked columns as terms, once, and removes them', () => {
    expect(addTerm('', 'spp')).toBe('~ spp');
    expect(addTerm('~ spp', 'mined')).toBe('~ spp + mined');
    expect(addTerm('~ spp', 'spp')).toBe('~ spp');
    expect(addTerm('~ 1', 'my col')).toBe('~ `my col`');
    expect(removeTerm('~ spp + mined', 'spp')).toBe('~ mined');
    expect(removeTerm('~ spp', 'spp')).toBe('~ 1');
  });

  it('takes random terms where they are allowed (the zero-inflation formula), kept as written', () => {
    const zi = { random: true };
    expect(parseOneSided('~ 1 + (1 | site)', zi)).toEqual({ intercept: true, terms: ['(1 | site)'] });
    expect(composeOneSided(parseOneSided('~ spp + (1 | site)', zi) as never)).toBe('~ spp + (1 | site)');
    expect(addTerm('~ (1 | site)', 'spp', zi)).toBe('~ (1 | site) + spp');
    expect(removeTerm('~ spp + (1 | site)', '(1 | site)', zi)).toBe('~ spp');
  });

  it('says what is wrong instead of guessing', () => {
    expect(parseOneSided('spp')).toEqual({ error: expect.stringMatching(/starts with ~/) });
    expect(parseOneSided('~ (1 | site)')).toEqual({ error: expect.stringMatching(/random effects/) });
    expect(parseOneSided('~ (spp')).toHaveProperty('error');
  });
});
