import { describe, expect, it } from 'vitest';
import { anovaTable, type AnovaTableRow } from '../../../src-engine/inference/anova';
import { LmmInference } from '../../../src-engine/inference/contest';
import { ANOVA_KEYS, lmmCaseNames, loadLmmFixture, type TableRow } from '../reference/fixtures';
import { close, fitAtR } from './fitCase';

// Tolerances of the issue: df 1e-3 relative, F 1e-4, p 1e-4 relative or 1e-10 absolute.
export function compareAnova(got: AnovaTableRow[], want: TableRow[]): string[] {
  const bad: string[] = [];
  if (got.length !== want.length) return [`${got.length} rows vs ${want.length}: ${got.map((r) => r.term).join(',')}`];
  want.forEach((w, i) => {
    const g = got[i];
    if (g.term !== w.term) bad.push(`row ${i}: ${g.term} vs ${w.term}`);
    const num = (k: string) => w[k] as number | null;
    if (!close(g.numDf, num('numDf'), 1e-8)) bad.push(`${w.term} numDf ${g.numDf} vs ${num('numDf')}`);
    if (!close(g.denDf, num('denDf'), 1e-3)) bad.push(`${w.term} denDf ${g.denDf} vs ${num('denDf')}`);
    if (!close(g.fValue, num('fValue'), 1e-4)) bad.push(`${w.term} F ${g.fValue} vs ${num('fValue')}`);
    if (!close(g.sumSq, num('sumSq'), 1e-4)) bad.push(`${w.term} SS ${g.sumSq} vs ${num('sumSq')}`);
    if (!close(g.meanSq, num('meanSq'), 1e-4)) bad.push(`${w.term} MS ${g.meanSq} vs ${num('meanSq')}`);
    if (!close(g.pValue, num('pValue'), 1e-4, 1e-10)) bad.push(`${w.term} p ${g.pValue} vs ${num('pValue')}`);
  });
  return bad;
}

const withAnova = lmmCaseNames().filter((c) => loadLmmFixture(c).expected.anova);
const TYPE = { type1: 1, type2: 2, type3: 3 } as const;

describe('ANOVA tables against lmerTest', () => {
  for (const name of withAnova) {
    const fx = loadLmmFixture(name);
    const inf = new LmmInference(fitAtR(fx, fx.expected.theta));
    for (const key of ANOVA_KEYS) {
      const want = fx.expected.anova![key];
      const [t, method] = key.split('_') as ['type1' | 'type2' | 'type3', 'satterthwaite' | 'kr'];
      const ddf = method === 'kr' ? 'kenward-roger' : 'satterthwaite';
      if (want === null) {
        it(`${name} ${key}: refused as lmerTest does`, () => {
          expect(fx.expected.anovaErrors?.[key]).toMatch(/only available for REML/);
          expect(() => anovaTable(inf, TYPE[t], ddf)).toThrow(/only available for REML/);
        });
      } else {
        it(`${name} ${key}`, () => {
          expect(compareAnova(anovaTable(inf, TYPE[t], ddf).rows, want)).toEqual([]);
        });
      }
    }
  }
});
