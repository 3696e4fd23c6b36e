import { describe, expect, it } from 'vitest';
import { ptukey } from '../../../src-engine/inference/ptukey';
import { PTUKEY_R, QS } from './ptukeyValues';

describe('ptukey against R', () => {
  it.each(PTUKEY_R)('nmeans $nmeans, df $df', ({ nmeans, df, upper }) => {
    QS.forEach((q, i) => {
      const got = ptukey(q, nmeans, df, true);
      expect(Math.abs(got - upper[i]), `q = ${q}: ${got} vs ${upper[i]}`).toBeLessThanOrEqual(Math.max(1e-6 * upper[i], 1e-12));
    });
  });
});
