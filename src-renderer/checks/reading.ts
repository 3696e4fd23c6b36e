/** The check's result for one candidate in a sentence an ecologist can act on. Pure: unit-tested. */
import { fmtNum, fmtP } from '../../src-engine/shared';
import type { CandidateResult } from './boxData';

export const ALPHA = 0.05;

export interface Reading {
  supported: boolean;
  text: string;
}

/** "p < .001" or "p = .412". */
function pPhrase(p: number): string {
  const s = fmtP(p);
  return s.startsWith('<') ? `p ${s}` : `p = ${s}`;
}

export function readingOf(c: Pick<CandidateResult, 'factor' | 'icc' | 'pValue' | 'singular'>): Reading {
  const numbers = `ICC ${fmtNum(c.icc, 2)}, LRT ${pPhrase(c.pValue)}`;
  if (c.singular) {
    return {
      supported: false,
      text: `The variance between levels of ${c.factor} is estimated as 0 (singular fit): ${numbers} — no evidence that a random intercept for ${c.factor} is needed.`,
    };
  }
  if (c.pValue < ALPHA) {
    return { supported: true, text: `Residuals differ between levels of ${c.factor}: ${numbers} — a random intercept for ${c.factor} is supported.` };
  }
  return {
    supported: false,
    text: `No clear difference in residuals between levels of ${c.factor}: ${numbers} — no evidence that a random intercept for ${c.factor} is needed.`,
  };
}
