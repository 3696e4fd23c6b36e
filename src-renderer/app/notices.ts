/**
 * The workbench's notices: messages in the user's words that close themselves (errors after 20 s,
 * others after 8 s), and `attempt`, which turns a failed API call into one.
 */
import { ApiError } from '../../src-main/api/client';
import { pushNotice } from './noticeQueue';
import type { Notice } from './state';
import type { Store } from './store';

export function messageOf(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

export class Notices {
  private seq = 0;

  constructor(private readonly store: Store<{ notices: Notice[] }>) {}

  notify(kind: Notice['kind'], text: string): void {
    const id = ++this.seq;
    this.store.set((s) => ({ notices: pushNotice(s.notices, { id, kind, text }) }));
    setTimeout(() => this.dismiss(id), kind === 'error' ? 20_000 : 8000);
  }

  dismiss(id: number): void {
    this.store.set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
  }

  /** Escape closes the newest notice; true when there was one. */
  dismissNewest(): boolean {
    const list = this.store.get().notices;
    if (list.length === 0) return false;
    this.dismiss(list[list.length - 1].id);
    return true;
  }

  dismissAll(): void {
    this.store.set({ notices: [] });
  }

  /** Runs an API call; on failure shows its message and returns null. */
  async attempt<T>(what: string, fn: () => Promise<T>): Promise<T | null> {
    try {
      return await fn();
    } catch (e) {
      this.notify('error', `${what}: ${messageOf(e)}`);
      return null;
    }
  }
}
