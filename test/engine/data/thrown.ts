import { QuadratError } from '../../../src-engine/errors/quadratError';

/** The QuadratError that f throws, to check its kind and message; any other error, or none, fails. */
export function thrown(f: () => unknown): QuadratError {
  try {
    f();
  } catch (e) {
    if (e instanceof QuadratError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

/** The QuadratError that f's promise rejects with; any other error, or none, fails. */
export async function rejection(f: () => Promise<unknown>): Promise<QuadratError> {
  try {
    await f();
  } catch (e) {
    if (e instanceof QuadratError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}
