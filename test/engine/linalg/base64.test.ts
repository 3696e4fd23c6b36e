import { describe, expect, it } from 'vitest';
import { decodeBase64 } from '../../../src-engine/linalg/base64';

describe('decodeBase64', () => {
  it('matches Node Buffer for every padding length and all byte values', () => {
    const bytes = Uint8Array.from({ length: 259 }, (_, i) => (i * 37 + 11) & 0xff);
    for (let n = 0; n <= bytes.length; n += n < 10 ? 1 : 31) {
      const part = bytes.subarray(0, n);
      expect(decodeBase64(Buffer.from(part).toString('base64'))).toEqual(new Uint8Array(part));
    }
  });

  it('rejects characters outside the alphabet', () => {
    expect(() => decodeBase64('AB$=')).toThrow(/invalid base64/);
  });
});
