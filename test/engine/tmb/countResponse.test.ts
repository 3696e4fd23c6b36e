/** The chooser's count check: Salamanders' count is counts; its scaled cover and a cbind() response are not, with the rows named. */
import { describe, expect, it } from 'vitest';
import { notCountsReason } from '../../../src-engine/tmb/countResponse';
import { loadCaseTable } from '../lmm/loadCase';

const sal = loadCaseTable({ data: 'Salamanders.csv', factors: ['site', 'spp', 'mined'], subset: null } as never);
const cbpp = loadCaseTable({ data: 'cbpp.csv', factors: ['herd', 'period'], subset: null } as never);

describe('notCountsReason', () => {
  it('accepts non-negative whole numbers', () => {
    expect(notCountsReason(sal, 'count ~ spp * mined + (1 | site)')).toBeNull();
    expect(notCountsReason(sal, 'count ~ mined + (mined || site)')).toBeNull();
  });
  it('names the first row of a response that is not counts', () => {
    expect(notCountsReason(sal, 'cover ~ mined + (1 | site)')).toBe('Counts cannot be negative, but cover is negative in rows 1, 4, 7, 11, 12, … (336 in all).');
    // whole and non-negative except for fractions: DOY / 7 has fractions
    expect(notCountsReason({ ...sal, columns: sal.columns.map((c) => (c.name === 'count' && c.type === 'numeric' ? { ...c, values: c.values.map((v, i) => (i === 2 ? v + 0.5 : v)) } : c)) }, 'count ~ mined + (1 | site)'))
      .toMatch(/^count is not counts: it is \d+\.5 in row 3, and the count models need whole numbers of 0 or more\.$/);
  });
  it('refuses successes out of trials', () => {
    expect(notCountsReason(cbpp, 'cbind(incidence, size - incidence) ~ period + (1 | herd)')).toMatch(/^cbind\(successes, failures\) is a binomial response/);
  });
});
