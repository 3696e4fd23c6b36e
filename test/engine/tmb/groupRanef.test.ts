/** glmmTMB's ranef in lmer's report shape: one group per grouping factor and component, a column per term. */
import { describe, expect, it } from 'vitest';
import { groupRanef } from '../../../src-engine/tmb/report/groupRanef';

const slope = [
  { group: 'spp', term: '(Intercept)', levels: ['a', 'b'], condval: [0.1, -0.1], condsd: [0.3, 0.4] },
  { group: 'spp', term: 'minedno', levels: ['a', 'b'], condval: [1, -1], condsd: [0.5, 0.6] },
  { group: 'site', component: 'zi' as const, levels: ['s1'], condval: [2], condsd: [0.7] },
];

describe('groupRanef', () => {
  it('puts a term’s columns side by side and names a zero-inflation term', () => {
    expect(groupRanef(slope)).toEqual([
      { group: 'spp', terms: ['(Intercept)', 'minedno'], levels: ['a', 'b'], values: [[0.1, 1], [-0.1, -1]], condSd: [[0.3, 0.5], [0.4, 0.6]] },
      { group: 'site (zero-inflation)', terms: ['(Intercept)'], levels: ['s1'], values: [[2]], condSd: [[0.7]] },
    ]);
  });

  it('keeps the modes without conditional SDs (no intervals: condSd empty)', () => {
    const g = groupRanef(slope.map(({ condsd: _sd, ...r }) => r));
    expect(g.map((x) => x.values)).toEqual([[[0.1, 1], [-0.1, -1]], [[2]]]);
    expect(g.every((x) => x.condSd.length === 0)).toBe(true);
  });
});
