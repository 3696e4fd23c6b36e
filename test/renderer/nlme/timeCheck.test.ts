/** The builder's check that a correlation structure's time covariate is unique within its groups. */
import { describe, expect, it } from 'vitest';
import type { ColumnInfo } from '../../../src-main/api/contract';
import { repeatedTime } from '../../../src-renderer/nlme/timeCheck';

const columns: ColumnInfo[] = [
  { name: 'Mare', type: 'factor', levels: ['1', '2'], missing: 0 },
  { name: 'Time', type: 'numeric', levels: [], missing: 0 },
];

describe('repeated times within groups', () => {
  it('passes unique times per group, even when groups share times', () => {
    expect(repeatedTime([['1', 1], ['1', 2], ['2', 1], ['2', 2]], columns, 'Time', 'Mare')).toBeNull();
  });
  it('names the group, the time and both rows of the first repeat', () => {
    expect(repeatedTime([['1', 1], ['2', 1], ['1', 2], ['1', 1]], columns, 'Time', 'Mare')).toEqual({ group: '1', time: '1', rows: [1, 4] });
  });
  it('without groups the whole series must have unique times', () => {
    expect(repeatedTime([['1', 1], ['2', 1]], columns, 'Time', null)).toEqual({ group: null, time: '1', rows: [1, 2] });
  });
  it('two coordinates repeat only as a pair (the same point twice: a zero distance)', () => {
    const xy: ColumnInfo[] = [...columns, { name: 'y', type: 'numeric', levels: [], missing: 0 }];
    expect(repeatedTime([['1', 1, 1], ['1', 1, 2], ['1', 2, 1]], xy, ['Time', 'y'], 'Mare')).toBeNull();
    expect(repeatedTime([['1', 1, 1], ['1', 1, 2], ['1', 1, 1]], xy, ['Time', 'y'], 'Mare')).toEqual({ group: '1', time: '1, 1', rows: [1, 3] });
  });
});
