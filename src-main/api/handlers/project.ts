/** project.*: new, open, Save As, close, notes and UI state of the open project. */
import { resolve } from 'node:path';
import { rmSync } from 'node:fs';
import { type DomainHandlers } from '../dispatch';
import { requireProject } from '../context';
import { Project, withProjectExtension } from '../../store/project';
import { APP_VERSION } from '../version';
import { projectTarget } from '../../store/projectsDir';
import { importInto } from './datasetImport';
import { examplePath } from './examples';
import { createUntitled, setProject } from './session';

const ok = { ok: true as const };

export const projectHandlers = {
  'project.new': (p, ctx) => {
    const project = p.path === null ? createUntitled(ctx) : Project.create(withProjectExtension(resolve(p.path)), `Quadrat ${APP_VERSION}`);
    setProject(ctx, project);
    return project.info();
  },
  'project.open': (p, ctx) => {
    const path = resolve(p.path);
    if (ctx.project?.path === path) return ctx.project.info();
    const project = Project.open(path, path.startsWith(ctx.userData.untitledDir()));
    setProject(ctx, project);
    return project.info();
  },
  'project.openExample': async (p, ctx) => {
    const { path, example } = examplePath(ctx, p.name);
    const project = createUntitled(ctx);
    try {
      await importInto(ctx, project, { kind: 'path', path, columnTypes: example.columnTypes }, example.name, undefined, ctx.userData.settings().levelOrder);
    } catch (e) {
      project.close();
      rmSync(project.path, { force: true });
      throw e;
    }
    setProject(ctx, project);
    return project.info();
  },
  'project.saveAs': (p, ctx) => {
    const current = requireProject(ctx);
    const target = projectTarget(p.path);
    if (target === current.path) return current.info();
    current.saveCopy(target);
    const wasUntitled = current.untitled;
    const oldPath = current.path;
    setProject(ctx, Project.open(target));
    if (wasUntitled) {
      rmSync(oldPath, { force: true }); // its content now lives at target
      ctx.userData.removeRecent(oldPath);
    }
    return ctx.project!.info();
  },
  'project.close': (_p, ctx) => {
    if (ctx.project) setProject(ctx, null);
    return ok;
  },
  'project.current': (_p, ctx) => (ctx.project ? ctx.project.info() : null),
  'project.setNotes': (p, ctx) => {
    const project = requireProject(ctx);
    project.setMeta('notes', p.notes);
    return project.info();
  },
  'project.getUiState': (_p, ctx) => {
    const raw = requireProject(ctx).meta('ui_state');
    return { state: raw === null ? null : JSON.parse(raw) };
  },
  'project.setUiState': (p, ctx) => {
    requireProject(ctx).setMeta('ui_state', JSON.stringify(p.state));
    return ok;
  },
} satisfies DomainHandlers<'project'>;
