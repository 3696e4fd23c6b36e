/**
 * The API as one object the transports share: a context (open project, jobs, settings), `call` for
 * one method, and `subscribe` for events. Built once per app launch.
 */
import { type EngineHost } from '../host/engineHost';
import { UserData } from '../store/userData';
import { type EventName, type EventPayload } from './contract';
import { type AppContext, type Dialogs } from './context';
import { type DispatchOptions, type Outcome, dispatch } from './dispatch';
import { handlers } from './handlers/index';
import { closeFigureExports } from '../export/apiExports';
import { setProject } from './handlers/session';
import { JobRegistry } from './jobs';

export interface ApiAppOptions extends DispatchOptions {
  userDataDir: string;
  host: EngineHost;
  transport: AppContext['transport'];
  dialogs?: Dialogs | null;
  examplesDir?: string | null;
}

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface ApiApp {
  readonly ctx: AppContext;
  call(method: string, params: unknown): Promise<Outcome>;
  subscribe(listener: EventListener): () => void;
  /** Closes the open project and stops the engine. */
  close(): Promise<void>;
}

export function createApiApp(options: ApiAppOptions): ApiApp {
  const listeners = new Set<EventListener>();
  const emit: EventListener = (event, payload) => {
    for (const l of listeners) {
      try {
        l(event, payload);
      } catch {
        // a broken listener (e.g. a closed connection) must not stop the others
      }
    }
  };
  const ctx: AppContext = {
    userData: new UserData(options.userDataDir),
    host: options.host,
    jobs: new JobRegistry(emit),
    transport: options.transport,
    dialogs: options.dialogs ?? null,
    examplesDir: options.examplesDir ?? null,
    emit,
    project: null,
  };
  return {
    ctx,
    call: (method, params) => dispatch(handlers, ctx, method, params, options),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (ctx.project) setProject(ctx, null);
      await Promise.all([ctx.host.close(), closeFigureExports()]);
    },
  };
}
