import { describe, expect, it } from 'vitest';
import { anovaTable } from '../../../src-engine/inference/anova';
import { LmmInference } from '../../../src-engine/inference/lmmInference';
import { ANOVA_KEYS, lmmCaseNames, loadLmmFixture } from '../reference/fixtures';
import { compareAnova, fitAtR } from './fitCase';

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
