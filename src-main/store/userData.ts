/**
 * App-level state kept outside projects, in the user data folder: settings.json and recent.json.
 * Written atomically (temp file + rename) so a crash never leaves half a file; an unreadable file is
 * replaced by defaults rather than stopping the app.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { type RecentFile, type Settings, settingsSchema } from '../api/shapes';

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  digits: 4,
  defaultReml: true,
  defaultDdf: 'satterthwaite',
  workers: 2,
  fitTimeLimitSec: 3600,
  levelOrder: 'locale',
};

export const MAX_RECENT = 12;

const recentEntry = z.object({ path: z.string(), title: z.string(), openedAt: z.string() });

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function writeJson(path: string, value: unknown): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(value, null, 2) + '\n');
  renameSync(tmp, path);
}

export class UserData {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  settings(): Settings {
    const stored = settingsSchema.partial().safeParse(readJson(join(this.dir, 'settings.json')));
    return { ...DEFAULT_SETTINGS, ...(stored.success ? stored.data : {}) };
  }

  updateSettings(patch: Partial<Settings>): Settings {
    const next = settingsSchema.parse({ ...this.settings(), ...patch });
    writeJson(join(this.dir, 'settings.json'), next);
    return next;
  }

  recent(): RecentFile[] {
    const stored = z.array(recentEntry).safeParse(readJson(join(this.dir, 'recent.json')));
    return (stored.success ? stored.data : []).map((r) => ({ ...r, exists: existsSync(r.path) }));
  }

  addRecent(path: string, title: string): void {
    const rest = this.recent().filter((r) => r.path !== path);
    const next = [{ path, title, openedAt: new Date().toISOString() }, ...rest].slice(0, MAX_RECENT);
    writeJson(join(this.dir, 'recent.json'), next.map(({ path, title, openedAt }) => ({ path, title, openedAt })));
  }

  removeRecent(path: string): void {
    const next = this.recent().filter((r) => r.path !== path);
    writeJson(join(this.dir, 'recent.json'), next.map(({ path, title, openedAt }) => ({ path, title, openedAt })));
  }

  clearRecent(): void {
    writeJson(join(this.dir, 'recent.json'), []);
  }

  /** Where untitled projects live until Save As. */
  untitledDir(): string {
    const d = join(this.dir, 'untitled');
    mkdirSync(d, { recursive: true });
    return d;
  }
}
