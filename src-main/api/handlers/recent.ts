/** recent.*: the recent-projects list. */
import { type DomainHandlers } from '../dispatch';

export const recentHandlers = {
  'recent.list': (_p, ctx) => ctx.userData.recent(),
  'recent.remove': (p, ctx) => {
    ctx.userData.removeRecent(p.path);
    return { ok: true as const };
  },
  'recent.clear': (_p, ctx) => {
    ctx.userData.clearRecent();
    return { ok: true as const };
  },
} satisfies DomainHandlers<'recent'>;
