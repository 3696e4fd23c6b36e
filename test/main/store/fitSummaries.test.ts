/**
 * Schema 2 (issue 16): each fit keeps a small summary beside its report and its per-observation
 * vectors as float64 BLOBs, so listing, numbering and opening a fit never parse the vectors. A
 * version-1 file is migrated (summaries filled, vectors moved out, damaged records left as they are),
 * and a read-only version-1 file is still read, read-only.
 */
import Database from 'better-sqlite3';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeColumn } from '../../../src-main/store/columnCodec';
import { Project } from '../../../src-main/store/project';
import { APPLICATION_ID, SCHEMA_VERSION, migrations } from '../../../src-main/store/schema';
import { smallTable } from '../helpers/tables';
import { tempDir } from '../helpers/tmp';
import { fakeSpec, reportFor } from './fixtures/fitContent';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

/** A file as Quadrat wrote it at schema version 1: whole reports in one JSON text, no summaries. */
function versionOneFile(path: string): void {
  const db = new Database(path);
  db.pragma(`application_id = ${APPLICATION_ID}`);
  migrations[0](db);
  db.pragma('user_version = 1');
  db.prepare("INSERT INTO meta (key, value) VALUES ('created_at', 'then'), ('notes', '')").run();
  const t = smallTable();
  db.prepare("INSERT INTO datasets (id, name, imported_at, nrow, data_hash) VALUES (1, 'd', 'then', ?, 'h')").run(t.nrow);
  t.columns.forEach((c, i) => {
    const s = encodeColumn(c);
    db.prepare('INSERT INTO columns (dataset_id, position, name, type, levels, data) VALUES (1, ?, ?, ?, ?, ?)').run(i, s.name, s.type, s.levels, s.data);
  });
  const put = db.prepare("INSERT INTO fits (dataset_id, dataset_name, name, spec, report, engine_version, data_hash, created_at) VALUES (1, 'd', ?, ?, ?, 'v1', 'h', 'then')");
  for (const k of [1, 2, 3]) put.run(`Model ${k}`, JSON.stringify(fakeSpec(k)), k === 2 ? JSON.stringify(reportFor(k)).slice(0, 300) : JSON.stringify(reportFor(k)));
  db.close();
}

describe('fit summaries and stored vectors (schema 2)', () => {
  it('migrates a version-1 file: summaries listed, vectors moved out exactly, a damaged record untouched', () => {
    const path = join(dir, 'v1.quadrat');
    versionOneFile(path);
    const damagedBefore = (new Database(path, { readonly: true }).prepare("SELECT report FROM fits WHERE name = 'Model 2'").get() as { report: string }).report;

    const p = Project.open(path);
    expect(p.info().schemaVersion).toBe(SCHEMA_VERSION);
    const list = p.fits.list();
    expect(list.map((f) => [f.name, f.nobs, f.logLik, f.aic, f.damaged ?? null])).toEqual([
      ['Model 1', reportFor(1).nobs, -1, 2, null],
      ['Model 2', 0, null, null, 'its stored result cannot be read'],
      ['Model 3', reportFor(3).nobs, -3, 6, null],
    ]);
    // The stored head holds no vector; the vectors come back exactly, whole or in pieces.
    const id = list[2].id;
    const head = (p.db.prepare('SELECT report FROM fits WHERE id = ?').get(id) as { report: string }).report;
    expect(head.length).toBeLessThan(2000);
    const outline = p.fits.outline(id).report;
    expect(outline.diagnostics).toMatchObject({ n: reportFor(3).nobs, vectors: ['fitted', 'residuals', 'rows'] });
    expect(p.fits.get(id).report).toEqual(reportFor(3));
    const fitted = reportFor(3).diagnostics!.fitted;
    expect(Array.from(p.fits.vector(id, 'fitted', 100, 7).values)).toEqual(fitted.slice(100, 107));
    expect(p.fits.vector(id, 'fitted', fitted.length - 2, 10).values.length).toBe(2);
    // Column summaries: counted once for the old file and stored.
    expect(p.datasets.list()[0].columns.map((c) => c.missing)).toEqual([1, 1, 1, 1]);
    expect((p.db.prepare('SELECT missing FROM columns ORDER BY position').all() as { missing: number }[]).map((r) => r.missing)).toEqual([1, 1, 1, 1]);
    p.close();

    const after = new Database(path, { readonly: true });
    expect((after.prepare("SELECT report FROM fits WHERE name = 'Model 2'").get() as { report: string }).report).toBe(damagedBefore);
    after.close();
  });

  it('reads a read-only version-1 file as it is, read-only, with the same summaries', () => {
    const path = join(dir, 'v1-readonly.quadrat');
    versionOneFile(path);
    chmodSync(path, 0o444);
    try {
      const p = Project.open(path);
      expect(p.readOnly).toBe(true);
      expect(p.info().schemaVersion).toBe(1);
      expect(p.fits.list().map((f) => [f.name, f.nobs, f.damaged ?? null])).toEqual([
        ['Model 1', reportFor(1).nobs, null],
        ['Model 2', 0, 'its stored result cannot be read'],
        ['Model 3', reportFor(3).nobs, null],
      ]);
      const id = p.fits.list()[0].id;
      expect(p.fits.outline(id).report.diagnostics?.n).toBe(reportFor(1).nobs);
      expect(Array.from(p.fits.vector(id, 'residuals', 5, 3).values)).toEqual(reportFor(1).diagnostics!.residuals.slice(5, 8));
      expect(p.datasets.list()[0].columns.map((c) => c.missing)).toEqual([1, 1, 1, 1]);
      p.close();
    } finally {
      chmodSync(path, 0o644);
    }
  });

  it('stores a new fit as a small head, a summary and its vectors, and lists it from the summary alone', () => {
    const path = join(dir, 'new.quadrat');
    const p = Project.create(path, 'test');
    const ds = p.datasets.add('d', smallTable(), null);
    const id = p.fits.add({ datasetId: ds.id, datasetName: 'd', name: 'Model 1', spec: fakeSpec(4), report: reportFor(4), engineVersion: 'test', dataHash: ds.dataHash });
    const row = p.db.prepare('SELECT report, summary FROM fits WHERE id = ?').get(id) as { report: string; summary: string };
    expect(row.report.length).toBeLessThan(2000);
    expect(JSON.parse(row.summary)).toEqual({ nobs: reportFor(4).nobs, logLik: -4, aic: 8, bic: 12, converged: true, singular: false });
    // Listing never reads the report's numbers: a head without them still lists the stored summary.
    p.db.prepare("UPDATE fits SET report = '{}' WHERE id = ?").run(id);
    expect(p.fits.list()[0]).toMatchObject({ nobs: reportFor(4).nobs, aic: 8 });
    p.close();
  });

  it('reports a damaged vector by name and keeps the rest of the fit usable', () => {
    const path = join(dir, 'vector.quadrat');
    const p = Project.create(path, 'test');
    const ds = p.datasets.add('d', smallTable(), null);
    const id = p.fits.add({ datasetId: ds.id, datasetName: 'd', name: 'Model 1', spec: fakeSpec(5), report: reportFor(5), engineVersion: 'test', dataHash: ds.dataHash });
    p.db.prepare("UPDATE fit_vectors SET data = substr(data, 1, 13) WHERE set_id = (SELECT vectors FROM fits WHERE id = ?) AND name = 'fitted'").run(id);
    expect(() => p.fits.vector(id, 'fitted', 0, 10)).toThrow(/stored fitted of "Model 1" is damaged/);
    expect(p.fits.vector(id, 'residuals', 0, 2).values.length).toBe(2);
    expect(p.fits.outline(id).summary.damaged).toBeUndefined();
    p.close();
  });

  it('saves a large fit piece by piece: nothing is listed until the last commit, and a cut-short save leaves nothing behind', async () => {
    const path = join(dir, 'save.quadrat');
    const p = Project.create(path, 'test');
    const ds = p.datasets.add('d', smallTable(), null);
    const big = reportFor(6);
    const n = 150_000; // three pieces per vector
    big.nobs = n;
    big.diagnostics = { ...big.diagnostics!, fitted: Array.from({ length: n }, (_, i) => i * 0.5), residuals: Array.from({ length: n }, (_, i) => -i), rows: Array.from({ length: n }, (_, i) => i) };
    const seen: number[] = [];
    const fit = { datasetId: ds.id, datasetName: 'd', name: (names: string[]) => `Model ${names.length + 1}`, spec: fakeSpec(6), report: big, engineVersion: 'test', dataHash: ds.dataHash };
    const id = await p.fits.save(fit, async () => {
      seen.push(p.fits.list().length);
    });
    expect(seen).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(p.fits.list().map((f) => f.name)).toEqual(['Model 1']);
    expect(p.fits.get(id).report).toEqual(big);
    expect(Array.from(p.fits.vector(id, 'fitted', 65_530, 12).values)).toEqual(big.diagnostics.fitted.slice(65_530, 65_542));

    // A save cut short (here: the project closed in between) leaves pieces that the next open removes.
    const cut = p.fits.save(fit, async () => p.close());
    await expect(cut).rejects.toThrow(/closed before the fit was saved/);
    const q = Project.open(path);
    expect(q.fits.list()).toHaveLength(1);
    expect((q.db.prepare('SELECT COUNT(*) AS n FROM vector_sets').get() as { n: number }).n).toBe(1);
    // Deleting the fit deletes its vectors.
    q.fits.delete(id);
    expect((q.db.prepare('SELECT COUNT(*) AS n FROM fit_vectors').get() as { n: number }).n).toBe(0);
    q.close();
  });
});
