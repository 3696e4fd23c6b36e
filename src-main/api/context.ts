/**
 * What handlers work with: the open project (one per app session), user settings, the engine host,
 * running jobs and the event sink. Built by the transports' entry points; never imports Electron.
 */
import { QuadratError } from '../../src-engine/errors/quadratError';
import { type EngineHost } from '../host/engineHost';
import { type Project } from '../store/project';
import { type UserData } from '../store/userData';
import { type EventName, type EventPayload } from './contract';
import { type JobRegistry } from './jobs';
import { type z } from 'zod';
import { type pickPurposeSchema } from './shapes';

export type PickPurpose = z.infer<typeof pickPurposeSchema>;

/** Native file dialogs (Electron); null in the browser build. */
export interface Dialogs {
  pickPath(purpose: PickPurpose, defaultName?: string): Promise<string | null>;
}

export interface AppContext {
  readonly userData: UserData;
  readonly host: EngineHost;
  readonly jobs: JobRegistry;
  readonly transport: 'electron' | 'http' | 'direct';
  readonly dialogs: Dialogs | null;
  /** Folder of bundled example datasets (<name>.csv + examples.json), or null. */
  readonly examplesDir: string | null;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  project: Project | null;
}

export function requireProject(ctx: AppContext): Project {
  if (!ctx.project) throw new QuadratError('project', 'No project is open. Create or open a project first.');
  return ctx.project;
}
