/**
 * `(x || g)` in count models (src-engine/tmb/doubleBar.ts): read as one diag term, as glmmTMB 1.1.5
 * does (fitted against it in glmmTMB.test.ts, sal_diag_mined), and the cases it refuses.
 */
import { describe, expect, it } from 'vitest';
import { readDoubleBars } from '../../../src-engine/tmb/doubleBar';

describe('uncorrelated random terms in count models', () => {
  it('reads || as | and records its group', () => {
    const r = readDoubleBars('count ~ mined + (1 | site) + (mined || spp)');
    expect(r.formula).toBe('count ~ mined + (1 | site) + (mined | spp)');
    expect([...r.diagGroups]).toEqual(['spp']);
    expect(readDoubleBars('y ~ x + (poly(x, 2) || a:b)').diagGroups).toEqual(new Set(['a:b']));
    expect(readDoubleBars('y ~ x + (1 | g)').diagGroups.size).toBe(0);
  });
  it('refuses a nested group and a group with both kinds of term', () => {
    expect(() => readDoubleBars('y ~ (x || a/b)')).toThrow(/nested group/);
    expect(() => readDoubleBars('y ~ (1 | g) + (0 + x || g)')).toThrow(/both a correlated/);
  });
});
