/** app.*: versions and native dialogs. */
import { QuadratError } from '../../../src-engine/errors/quadratError';
import { type DomainHandlers } from '../dispatch';
import { projectsDir } from '../../store/projectsDir';
import { APP_VERSION, ENGINE_VERSION } from '../version';

export const appHandlers = {
  'app.info': (_p, ctx) => ({
    version: APP_VERSION,
    engineVersion: ENGINE_VERSION,
    transport: ctx.transport,
    fileDialogs: ctx.dialogs !== null,
    platform: process.platform,
    projectsDir: projectsDir(),
  }),
  'app.pickPath': async (p, ctx) => {
    if (!ctx.dialogs)
      throw new QuadratError('input', 'File dialogs exist only in the desktop app; in the browser, upload the file instead.');
    return { path: await ctx.dialogs.pickPath(p.purpose, p.defaultName) };
  },
} satisfies DomainHandlers<'app'>;
