/**
 * Where a project saved under a bare name goes: the user's Documents/Quadrat folder (or ~/Quadrat
 * where there is no Documents folder), or QUADRAT_PROJECTS_DIR. The browser build has no file dialog,
 * so "Save as" asks for a name and saves it here; a full path still goes where it says.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { withProjectExtension } from './project';

export function projectsDir(): string {
  const fromEnv = process.env.QUADRAT_PROJECTS_DIR;
  if (fromEnv) return resolve(fromEnv);
  const documents = join(homedir(), 'Documents');
  return join(existsSync(documents) ? documents : homedir(), 'Quadrat');
}

/** A Save-as target: a bare name ("oysters 2026") in projectsDir(), a path as given (~ expanded). */
export function projectTarget(nameOrPath: string): string {
  const text = nameOrPath.trim();
  const expanded = text === '~' || text.startsWith('~/') ? join(homedir(), text.slice(1)) : text;
  const bare = !isAbsolute(expanded) && !/[\\/]/.test(expanded);
  if (!bare) return withProjectExtension(resolve(expanded));
  const dir = projectsDir();
  mkdirSync(dir, { recursive: true });
  return withProjectExtension(join(dir, expanded));
}
