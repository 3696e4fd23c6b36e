import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, createHarness, removeWorkerBundle } from '../helpers/apiHarness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
  await removeWorkerBundle();
});

const CSV = 'growth,site,wet\n1.5,A,TRUE\n2,B,FALSE\nNA,B,TRUE\n4.25,A,\n';

describe('projects', () => {
  it('starts with no project; importing data creates an untitled one', async () => {
    expect(await h.call('project.current')).toBeNull();
    const { dataset, warnings } = await h.call('dataset.import', { source: { kind: 'text', fileName: 'plots.csv', text: CSV } });
    expect(warnings).toEqual([]);
    expect(dataset).toMatchObject({ name: 'plots', nrow: 4, sourceFile: 'plots.csv', canUndo: false });
    expect(dataset.columns).toEqual([
      { name: 'growth', type: 'numeric', levels: [], missing: 1 },
      { name: 'site', type: 'factor', levels: ['A', 'B'], missing: 0 },
      { name: 'wet', type: 'logical', levels: [], missing: 1 },
    ]);
    const project = await h.call('project.current');
    expect(project).toMatchObject({ untitled: true, title: 'Untitled', readOnly: false });
    expect(h.events.some((e) => e.event === 'project.changed')).toBe(true);
  });

  it('Save As names the project, removes the untitled file and lists it in recent files', async () => {
    const untitled = (await h.call('project.current'))!.path;
    const target = join(h.dir, 'field season');
    const info = await h.call('project.saveAs', { path: target });
    expect(info).toMatchObject({ path: `${target}.quadrat`, title: 'field season', untitled: false });
    expect(existsSync(untitled)).toBe(false);
    expect((await h.call('recent.list')).map((r) => r.path)).toEqual([`${target}.quadrat`]);
    expect(await h.call('dataset.list')).toHaveLength(1);
  });

  it('Save As with a bare name saves in the projects folder app.info names (the browser has no file dialog)', async () => {
    const before = process.env.QUADRAT_PROJECTS_DIR;
    process.env.QUADRAT_PROJECTS_DIR = join(h.dir, 'my projects');
    try {
      expect((await h.call('app.info')).projectsDir).toBe(join(h.dir, 'my projects'));
      const info = await h.call('project.saveAs', { path: 'oysters 2026' });
      expect(info).toMatchObject({ path: join(h.dir, 'my projects', 'oysters 2026.quadrat'), title: 'oysters 2026' });
      expect(existsSync(info.path)).toBe(true);
    } finally {
      if (before === undefined) delete process.env.QUADRAT_PROJECTS_DIR;
      else process.env.QUADRAT_PROJECTS_DIR = before;
    }
  });

  it('keeps notes and UI state in the file across close and open', async () => {
    const path = (await h.call('project.current'))!.path;
    await h.call('project.setNotes', { notes: 'Oyster bags at 3 sites' });
    await h.call('project.setUiState', { state: { tab: 'data', widths: [120, 80] } });
    await h.call('project.close');
    expect(await h.call('project.current')).toBeNull();
    const info = await h.call('project.open', { path });
    expect(info.notes).toBe('Oyster bags at 3 sites');
    expect(await h.call('project.getUiState')).toEqual({ state: { tab: 'data', widths: [120, 80] } });
  });

  it('refuses to open a file that is not a project, with a clear message, keeping the current one open', async () => {
    const before = await h.call('project.current');
    const bad = join(h.dir, 'data.csv');
    writeFileSync(bad, CSV);
    const out = await h.raw('project.open', { path: bad });
    expect(out).toMatchObject({ ok: false, status: 422, error: { kind: 'project', message: '"data.csv" is not a Quadrat project.' } });
    expect(await h.call('project.current')).toEqual(before);
  });

  it('opens a bundled example as a new untitled project', async () => {
    const examples = await h.call('examples.list');
    expect(examples.map((e) => e.name)).toContain('sleepstudy');
    const info = await h.call('project.openExample', { name: 'sleepstudy' });
    expect(info.untitled).toBe(true);
    const [ds] = await h.call('dataset.list');
    expect(ds).toMatchObject({ name: 'sleepstudy', nrow: 180 });
    expect((await h.raw('project.openExample', { name: '../../etc/passwd' })).ok).toBe(false);
  });
});

describe('datasets', () => {
  let id: number;
  beforeAll(async () => {
    await h.call('project.new', { path: join(h.dir, 'edits.quadrat') });
    id = (await h.call('dataset.import', { source: { kind: 'text', fileName: 'plots.csv', text: CSV } })).dataset.id;
  });

  it('pages rows as wire cells (missing = null)', async () => {
    expect(await h.call('dataset.rows', { datasetId: id, offset: 1, limit: 2 })).toEqual({
      nrow: 4,
      offset: 1,
      rows: [
        [2, 'B', false],
        [null, 'B', true],
      ],
    });
  });

  it('edits cells as one undo step, and undoes and redoes it', async () => {
    const r = await h.call('dataset.setCells', {
      datasetId: id,
      cells: [
        { row: 2, column: 'growth', value: '3.5' },
        { row: 4, column: 'site', value: 'C' },
      ],
    });
    expect(r.dataset).toMatchObject({ nrow: 5, canUndo: true, undoLabel: 'Edit 2 cells', revision: 1 });
    expect(r.dataset.columns[1].levels).toEqual(['A', 'B', 'C']);
    const undone = await h.call('dataset.undo', { datasetId: id });
    expect(undone.dataset).toMatchObject({ nrow: 4, canRedo: true, redoLabel: 'Edit 2 cells' });
    expect((await h.call('dataset.rows', { datasetId: id, offset: 2, limit: 1 })).rows).toEqual([[null, 'B', true]]);
    await h.call('dataset.redo', { datasetId: id });
    expect((await h.call('dataset.rows', { datasetId: id, offset: 2, limit: 1 })).rows).toEqual([[3.5, 'B', true]]);
  });

  it('refuses a bad cell value with the cell named', async () => {
    const out = await h.raw('dataset.setCells', { datasetId: id, cells: [{ row: 0, column: 'growth', value: 'tall' }] });
    expect(out).toMatchObject({ ok: false, status: 422, error: { kind: 'input', message: '"tall" is not a number (column "growth", row 1).' } });
  });

  it('changes column types, levels and reference level', async () => {
    await h.call('dataset.addColumn', { datasetId: id, name: 'plot', type: 'text' });
    await h.call('dataset.setCells', { datasetId: id, cells: [0, 1, 2, 3, 4].map((row) => ({ row, column: 'plot', value: `p${row % 2}` })) });
    const asFactor = await h.call('dataset.setColumnType', { datasetId: id, column: 'plot', type: 'factor' });
    expect(asFactor.dataset.columns.at(-1)).toMatchObject({ name: 'plot', type: 'factor', levels: ['p0', 'p1'] });
    const relevelled = await h.call('dataset.setReferenceLevel', { datasetId: id, column: 'site', level: 'B' });
    expect(relevelled.dataset.columns[1].levels).toEqual(['B', 'A', 'C']);
    const reordered = await h.call('dataset.setLevels', { datasetId: id, column: 'site', levels: ['C', 'A', 'B'] });
    expect(reordered.dataset.columns[1].levels).toEqual(['C', 'A', 'B']);
    const renamed = await h.call('dataset.renameColumn', { datasetId: id, column: 'plot', to: 'bag' });
    expect(renamed.dataset.columns.map((c) => c.name)).toEqual(['growth', 'site', 'wet', 'bag']);
    const dropped = await h.call('dataset.deleteColumn', { datasetId: id, column: 'bag' });
    expect(dropped.dataset.columns).toHaveLength(3);
  });

  it('summarizes a column as R\'s summary() does', async () => {
    const s = await h.call('dataset.summary', { datasetId: id, column: 'growth' });
    // growth is 1.5, 2, 3.5, 4.25 plus one missing row: R's summary(c(1.5, 2, 3.5, 4.25))
    expect(s).toMatchObject({ n: 5, missing: 1, numeric: { min: 1.5, q1: 1.875, median: 2.75, mean: 2.8125, q3: 3.6875, max: 4.25 } });
    expect(s.numeric!.sd).toBeCloseTo(1.28086884574, 10); // R: sd(c(1.5, 2, 3.5, 4.25))
    const f = await h.call('dataset.summary', { datasetId: id, column: 'site' });
    expect(f.counts).toEqual([
      { value: 'C', count: 1 },
      { value: 'A', count: 2 },
      { value: 'B', count: 2 },
    ]);
  });

  it('exports CSV as R\'s write.csv writes it, inline or to a file', async () => {
    const inline = await h.call('export.datasetCsv', { datasetId: id, destination: { kind: 'inline' } });
    expect(inline.fileName).toBe('plots.csv');
    expect(inline.content).toBe('"growth","site","wet"\n1.5,"A",TRUE\n2,"B",FALSE\n3.5,"B",TRUE\n4.25,"A",NA\nNA,"C",NA\n');
    const path = join(h.dir, 'out.csv');
    const written = await h.call('export.datasetCsv', { datasetId: id, destination: { kind: 'path', path } });
    expect(written).toMatchObject({ path, content: null });
    expect(readFileSync(path, 'utf8')).toBe(inline.content);
    expect((await h.raw('export.datasetCsv', { datasetId: id, destination: { kind: 'dialog' } })).ok).toBe(false);
  });

  it('renames and deletes datasets', async () => {
    expect((await h.call('dataset.rename', { datasetId: id, name: 'bags' })).name).toBe('bags');
    await h.call('dataset.delete', { datasetId: id });
    expect(await h.call('dataset.list')).toEqual([]);
    expect(await h.raw('dataset.get', { datasetId: id })).toMatchObject({ ok: false, status: 422 });
  });
});

describe('settings and app', () => {
  it('reads and updates settings in the user data folder', async () => {
    expect(await h.call('settings.get')).toMatchObject({ workers: 2, defaultReml: true });
    expect(await h.call('settings.update', { patch: { digits: 6 } })).toMatchObject({ digits: 6 });
    expect(JSON.parse(readFileSync(join(h.dir, 'userdata/settings.json'), 'utf8')).digits).toBe(6);
    expect((await h.raw('settings.update', { patch: { digits: 99 } })).ok).toBe(false);
  });

  it('says what it is and that this transport has no file dialogs', async () => {
    expect(await h.call('app.info')).toMatchObject({ transport: 'direct', fileDialogs: false });
    expect(await h.raw('app.pickPath', { purpose: 'open-project' })).toMatchObject({ ok: false, status: 422 });
  });
});
