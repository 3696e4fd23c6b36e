/** Notices never stack up: repeats become one counted notice, and only the newest few stay (issue 17). */
import { describe, expect, it } from 'vitest';
import { MAX_NOTICES, pushNotice } from '../../../src-renderer/app/noticeQueue';
import type { Notice } from '../../../src-renderer/app/state';

describe('pushNotice', () => {
  it('adds a new message at the end with a count of 1', () => {
    const out = pushNotice([], { id: 1, kind: 'error', text: 'Fit: no column y' });
    expect(out).toEqual([{ id: 1, kind: 'error', text: 'Fit: no column y', count: 1 }]);
  });

  it('folds a repeat into one notice with a count, moved to the newest place under the new id', () => {
    let list: Notice[] = [];
    list = pushNotice(list, { id: 1, kind: 'error', text: 'A' });
    list = pushNotice(list, { id: 2, kind: 'info', text: 'B' });
    list = pushNotice(list, { id: 3, kind: 'error', text: 'A' });
    expect(list.map((n) => [n.id, n.text, n.count])).toEqual([
      [2, 'B', 1],
      [3, 'A', 2],
    ]);
  });

  it('the same words of another kind are another notice', () => {
    const list = pushNotice(pushNotice([], { id: 1, kind: 'error', text: 'A' }), { id: 2, kind: 'warning', text: 'A' });
    expect(list).toHaveLength(2);
  });

  it(`keeps only the newest ${MAX_NOTICES}`, () => {
    let list: Notice[] = [];
    for (let i = 1; i <= 7; i++) list = pushNotice(list, { id: i, kind: 'warning', text: `w${i}` });
    expect(list.map((n) => n.id)).toEqual([5, 6, 7]);
  });
});
