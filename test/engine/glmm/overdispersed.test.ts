import { describe, expect, it } from 'vitest';
import { isOverdispersed } from '../../../src-engine/glmm/overdispersed';

describe('the overdispersion rule', () => {
  it('needs both a ratio above 1.2 and a significant χ² test', () => {
    expect(isOverdispersed({ ratio: 1.21, pValue: 0.049 })).toBe(true);
    expect(isOverdispersed({ ratio: 1.2, pValue: 1e-9 })).toBe(false); // a large sample makes a small excess significant
    expect(isOverdispersed({ ratio: 2.5, pValue: 0.05 })).toBe(false); // too few residual df to tell
    expect(isOverdispersed(null)).toBe(false); // Gaussian, or 0/1 data
    expect(isOverdispersed(undefined)).toBe(false);
  });
});
