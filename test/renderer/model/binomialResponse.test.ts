import { describe, expect, it } from 'vitest';
import { binomialResponseText, readBinomialResponse, trialsFromKey, trialsKey } from '../../../src-renderer/model/binomialResponse';

describe('binomial response forms', () => {
  it('writes each form as glmer reads it', () => {
    expect(binomialResponseText({ successes: 'germinated', trials: { kind: 'single' } })).toBe('germinated');
    expect(binomialResponseText({ successes: 'incidence', trials: { kind: 'total', column: 'size' } })).toBe('cbind(incidence, size - incidence)');
    expect(binomialResponseText({ successes: 'methylated', trials: { kind: 'failures', column: 'unmethylated' } })).toBe('cbind(methylated, unmethylated)');
    expect(binomialResponseText({ successes: 'seeds up', trials: { kind: 'total', column: 'seeds sown' } })).toBe('cbind(`seeds up`, `seeds sown` - `seeds up`)');
  });

  it('reads typed responses back, and refuses what is not one of the forms', () => {
    expect(readBinomialResponse('cbind(incidence, size - incidence)')).toEqual({ successes: 'incidence', trials: { kind: 'total', column: 'size' } });
    expect(readBinomialResponse(' cbind( m ,u ) ')).toEqual({ successes: 'm', trials: { kind: 'failures', column: 'u' } });
    expect(readBinomialResponse('cbind(`seeds up`, `seeds sown` - `seeds up`)')).toEqual({ successes: 'seeds up', trials: { kind: 'total', column: 'seeds sown' } });
    expect(readBinomialResponse('alive')).toEqual({ successes: 'alive', trials: { kind: 'single' } });
    expect(readBinomialResponse('cbind(a, n - b)')).toBeNull();
    expect(readBinomialResponse('log(y)')).toBeNull();
    expect(readBinomialResponse('')).toBeNull();
  });

  it('round-trips every form through text and the select key', () => {
    for (const r of [
      { successes: 's', trials: { kind: 'single' as const } },
      { successes: 's', trials: { kind: 'total' as const, column: 'n:1' } },
      { successes: 's', trials: { kind: 'failures' as const, column: 'f' } },
    ]) {
      expect(trialsFromKey(trialsKey(r.trials))).toEqual(r.trials);
      expect(readBinomialResponse(binomialResponseText(r))).toEqual(r);
    }
  });
});
