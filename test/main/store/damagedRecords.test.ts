/**
 * A project whose pages are sound but one of whose stored records is damaged (issue 16): the damaged
 * fit is listed as damaged and refused when opened, the others stay usable, nothing is written over.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Project } from '../../../src-main/store/project';
import { smallTable } from '../helpers/tables';
import { tempDir } from '../helpers/tmp';
import { fakeSpec, reportFor } from './fixtures/fitContent';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

function projectWithFits(path: string): number[] {
  const p = Project.create(path, 'test');
  const ds = p.datasets.add('d', smallTable(), null);
  const ids = [1, 2, 3].map((k) =>
    p.fits.add({ datasetId: ds.id, datasetName: 'd', name: `Model ${k}`, spec: fakeSpec(k), report: reportFor(k), engineVersion: 'test', dataHash: ds.dataHash }),
  );
  p.close();
  return ids;
}

describe('damaged records in a sound file', () => {
  it('lists a fit with a damaged report as damaged and keeps the others usable', () => {
    const path = join(dir, 'report.quadrat');
    const [a, b, c] = projectWithFits(path);
    const db = new Database(path);
    db.prepare('UPDATE fits SET report = substr(report, 1, 200) WHERE id = ?').run(b);
    const before = (db.prepare('SELECT report FROM fits WHERE id = ?').get(b) as { report: string }).report;
    db.close();

    const p = Project.open(path);
    const list = p.fits.list();
    expect(list.map((f) => [f.id, f.damaged ?? null])).toEqual([
      [a, null],
      [b, 'its stored result cannot be read'],
      [c, null],
    ]);
    expect(p.fits.get(a).report.nobs).toBe(reportFor(1).nobs);
    expect(() => p.fits.get(b)).toThrow(/"Model 2" is damaged in the project file/);
    expect(p.fits.names()).toEqual(['Model 1', 'Model 2', 'Model 3']);
    p.close();
    const after = new Database(path, { readonly: true });
    expect((after.prepare('SELECT report FROM fits WHERE id = ?').get(b) as { report: string }).report).toBe(before);
    after.close();
  });

  it('lists a fit with a damaged spec as damaged', () => {
    const path = join(dir, 'spec.quadrat');
    const [, b] = projectWithFits(path);
    const db = new Database(path);
    db.prepare("UPDATE fits SET spec = '{\"formula\": 7' WHERE id = ?").run(b);
    db.close();
    const p = Project.open(path);
    expect(p.fits.list().find((f) => f.id === b)?.damaged).toMatch(/model specification/);
    expect(() => p.fits.get(b)).toThrow(/damaged/);
    p.close();
  });
});
