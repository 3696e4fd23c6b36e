import { describe, expect, it } from 'vitest';
import { decodeAtob, decodeBase64, decodePlain } from '../../../src-engine/linalg/base64';

describe.each([
  ['decodeBase64 (through Node\'s Buffer)', decodeBase64],
  ['decodeAtob (through atob, as in a browser)', decodeAtob],
  ['decodePlain (without atob)', decodePlain],
])('%s', (_, decode) => {
  it('matches Node Buffer for every padding length and all byte values', () => {
    const bytes = Uint8Array.from({ length: 259 }, (_, i) => (i * 37 + 11) & 0xff);
    for (let n = 0; n <= bytes.length; n += n < 10 ? 1 : 31) {
      const part = bytes.subarray(0, n);
      expect(decode(Buffer.from(part).toString('base64'))).toEqual(new Uint8Array(part));
    }
  });

  it('rejects characters outside the alphabet', () => {
    for (const text of ['AB$=', 'QUJD$REV', '$QUJDREV', 'QUJDREV$', 'QUJD$REVG', 'QU=D']) expect(() => decode(text), text).toThrow(/invalid base64/);
  });
});
