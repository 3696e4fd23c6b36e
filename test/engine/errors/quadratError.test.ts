import { describe, expect, it } from 'vitest';
import { QuadratError, isQuadratError } from '../../../src-engine/errors/quadratError';

describe('QuadratError', () => {
  it('describes where the error happened', () => {
    const e = new QuadratError('data', 'Row has 3 fields, the header has 4', { file: 'a.csv', line: 7 });
    expect(e.describe()).toBe('Row has 3 fields, the header has 4 (a.csv, line 7)');
    expect(isQuadratError(e)).toBe(true);
    expect(isQuadratError(new Error('x'))).toBe(false);
  });
});
