/**
 * The notices on screen as a short queue: a repeated message is one notice with a count (moved to the
 * newest place, under a new id so a watcher can tell it came again), and only the newest few stay, so
 * a burst of failures never stacks up over the results.
 */
import type { Notice } from './state';

export const MAX_NOTICES = 3;

export function pushNotice(list: readonly Notice[], next: Omit<Notice, 'count'>, max = MAX_NOTICES): Notice[] {
  const same = list.find((n) => n.kind === next.kind && n.text === next.text);
  const rest = same ? list.filter((n) => n !== same) : list;
  const added: Notice = { ...next, count: (same?.count ?? 1) + (same ? 1 : 0) };
  return [...rest, added].slice(-max);
}
