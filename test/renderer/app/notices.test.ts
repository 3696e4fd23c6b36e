import { afterEach, describe, expect, it, vi } from 'vitest';
import { Notices } from '../../../src-renderer/app/notices';
import type { Notice } from '../../../src-renderer/app/state';
import { Store } from '../../../src-renderer/app/store';

describe('Notices', () => {
  afterEach(() => vi.useRealTimers());

  it('shows a notice and closes it by itself: errors after 20 s, others after 8 s', () => {
    vi.useFakeTimers();
    const store = new Store<{ notices: Notice[] }>({ notices: [] });
    const n = new Notices(store);
    n.notify('error', 'broken');
    n.notify('info', 'saved');
    expect(store.get().notices.map((x) => x.text)).toEqual(['broken', 'saved']);
    vi.advanceTimersByTime(8000);
    expect(store.get().notices.map((x) => x.text)).toEqual(['broken']);
    vi.advanceTimersByTime(12_000);
    expect(store.get().notices).toEqual([]);
  });

  it('closes the newest first, and says when there was none', () => {
    const store = new Store<{ notices: Notice[] }>({ notices: [] });
    const n = new Notices(store);
    n.notify('warning', 'one');
    n.notify('warning', 'two');
    expect(n.dismissNewest()).toBe(true);
    expect(store.get().notices.map((x) => x.text)).toEqual(['one']);
    n.dismissAll();
    expect(n.dismissNewest()).toBe(false);
  });

  it('attempt: a failed call becomes a notice in the words of what was tried, and null', async () => {
    const store = new Store<{ notices: Notice[] }>({ notices: [] });
    const n = new Notices(store);
    expect(await n.attempt('Saving', async () => 7)).toBe(7);
    expect(await n.attempt('Saving', async () => Promise.reject(new Error('disk full')))).toBeNull();
    expect(store.get().notices).toMatchObject([{ kind: 'error', text: 'Saving: disk full' }]);
    n.dismissAll();
  });
});
