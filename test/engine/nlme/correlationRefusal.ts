/** Orthodont, and the message of the QuadratError a gls of distance ~ age with `correlation` is refused with. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { importDelimited } from '../../../src-engine/data/importDelimited';
import { QuadratError } from '../../../src-engine/errors/quadratError';
import { fitNlme } from '../../../src-engine/nlme/fitNlme';

export const orthodont = importDelimited(new Uint8Array(readFileSync('test/data/Orthodont.csv')), { fileName: 'Orthodont.csv', columnTypes: { Subject: 'factor', Sex: 'factor' } }).table;

export function correlationRefusal(correlation: string): string {
  try {
    fitNlme(orthodont, { fixed: 'distance ~ age', correlation });
  } catch (e) {
    expect(e).toBeInstanceOf(QuadratError);
    return (e as Error).message;
  }
  throw new Error(`fitted: ${correlation}`);
}
