/** settings.*: app preferences in the user data folder. */
import { type DomainHandlers } from '../dispatch';

export const settingsHandlers = {
  'settings.get': (_p, ctx) => ctx.userData.settings(),
  'settings.update': (p, ctx) => ctx.userData.updateSettings(p.patch),
} satisfies DomainHandlers<'settings'>;
