/**
 * The browser build's address per user: the port and token of the last launch, kept in the user-data
 * folder (readable by the user alone), so that a server restarted after a stop or a crash answers the
 * tab that is still open instead of leaving it talking to nothing. `--new-token` starts a fresh one.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export interface WebSession {
  port: number;
  token: string;
}

const FILE = 'web-session.json';

const webSessionSchema = z.object({ port: z.number().int().min(1).max(65535), token: z.string().regex(/^[\w-]{32,128}$/) });

/** The last launch's port and token; null when there is none or the file is damaged (a fresh one is made). */
export function readWebSession(userDataDir: string): WebSession | null {
  try {
    const parsed = webSessionSchema.safeParse(JSON.parse(readFileSync(join(userDataDir, FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeWebSession(userDataDir: string, session: WebSession): void {
  mkdirSync(userDataDir, { recursive: true });
  const path = join(userDataDir, FILE);
  writeFileSync(path, JSON.stringify(session), { mode: 0o600 });
  chmodSync(path, 0o600); // an older file keeps its mode on overwrite
}
