/**
 * Switching the session's open project: the old one's jobs are cancelled and its file closed (an
 * untitled project with nothing in it is removed; one with work in it stays in the recent list).
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type AppContext } from '../context';
import { Project } from '../../store/project';
import { APP_VERSION } from '../version';

export function setProject(ctx: AppContext, next: Project | null): void {
  const old = ctx.project;
  if (old && old !== next) {
    ctx.jobs.cancelOwnedBy(old);
    const empty = old.untitled && !old.readOnly && old.datasets.list().length === 0 && old.fits.count() === 0;
    old.close();
    if (empty) rmSync(old.path, { force: true });
    else if (old.untitled) ctx.userData.addRecent(old.path, 'Untitled');
  }
  ctx.project = next;
  if (next && !next.untitled) ctx.userData.addRecent(next.path, next.info().title);
  ctx.emit('project.changed', next ? next.info() : null);
}

export function createUntitled(ctx: AppContext): Project {
  const dir = ctx.userData.untitledDir();
  const stamp = new Date().toISOString().replace(/[:T]/g, '-').replace(/\..*$/, '');
  let path = join(dir, `Untitled ${stamp}.quadrat`);
  for (let k = 2; existsSync(path); k++) path = join(dir, `Untitled ${stamp} (${k}).quadrat`);
  return Project.create(path, `Quadrat ${APP_VERSION}`, true);
}

/** The open project, creating an untitled one if none is open (importing data needs somewhere to go). */
export function ensureProject(ctx: AppContext): Project {
  if (!ctx.project) setProject(ctx, createUntitled(ctx));
  return ctx.project!;
}
