/** Errors on the wire: a user's QuadratError keeps its kind; an internal error is prefixed once, even after a worker hop. */
import { describe, expect, it } from 'vitest';
import { QuadratError } from '../../../src-engine/errors/quadratError';
import { fromWireError } from '../../../src-main/host/pool';
import { toWireError } from '../../../src-main/host/toWireError';

describe('toWireError', () => {
  it('keeps a QuadratError as the user’s error', () => {
    expect(toWireError(new QuadratError('data', 'bad row', { line: 3 }))).toEqual({ kind: 'data', message: 'bad row', where: { line: 3 } });
  });

  it('prefixes an internal error once, also when it comes back from a worker', () => {
    const inWorker = toWireError(new Error('solvePls: factorization failed'));
    expect(inWorker.message).toBe('Internal error: solvePls: factorization failed');
    const inMain = toWireError(fromWireError(inWorker));
    expect(inMain).toEqual({ kind: 'internal', message: 'Internal error: solvePls: factorization failed' });
  });
});
