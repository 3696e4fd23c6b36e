/** The per-user folder for settings, recent files and untitled projects, outside Electron. */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.QUADRAT_USER_DATA) return env.QUADRAT_USER_DATA;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Quadrat');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Quadrat');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Quadrat');
}
