/**
 * An open project: one .quadrat SQLite file. There is no Save: every change is committed when it is
 * made. Save As writes a consistent copy (VACUUM INTO) that the caller then opens.
 */
import type Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { QuadratError } from '../../src-engine/errors/quadratError';
import { type ProjectInfo } from '../api/shapes';
import { BatchStore } from './batchStore';
import { BayesStore } from './bayesStore';
import { DatasetStore } from './datasetStore';
import { FitStore } from './fitStore';
import { createProjectFile, openProjectFile, sqlString, type OpenedFile } from './openProjectFile';

export const PROJECT_EXTENSION = '.quadrat';

export class Project {
  readonly datasets: DatasetStore;
  readonly fits: FitStore;
  readonly batches: BatchStore;
  readonly bayes: BayesStore;
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly file: OpenedFile,
    /** An untitled project lives in the user data folder until Save As names it. */
    readonly untitled: boolean,
  ) {
    const assertWritable = () => this.assertWritable();
    // Version 1 (a read-only file that could not be migrated) has no stored summaries.
    const legacy = file.schemaVersion < 2;
    // computed columns' definitions came with format 6
    this.datasets = new DatasetStore(file.db, assertWritable, legacy ? 'none' : file.readOnly ? 'read' : 'write', file.schemaVersion >= 6);
    const currentHash = (id: number) => {
      const r = file.db.prepare('SELECT data_hash FROM datasets WHERE id = ?').get(id) as { data_hash: string } | undefined;
      return r?.data_hash ?? null;
    };
    this.fits = new FitStore(file.db, assertWritable, currentHash, legacy);
    if (!legacy && !file.readOnly) this.fits.removeUnusedVectors();
    // a read-only file from before batches (version < 3) has no batch tables: it has no batches
    this.batches = new BatchStore(file.db, assertWritable, currentHash, file.schemaVersion >= 3);
    // likewise a file from before Bayesian fits (version < 4) has none
    this.bayes = new BayesStore(file.db, assertWritable, currentHash, file.schemaVersion >= 4);
  }

  static create(path: string, createdBy: string, untitled = false): Project {
    return new Project(path, createProjectFile(path, createdBy), untitled);
  }

  static open(path: string, untitled = false): Project {
    return new Project(path, openProjectFile(path), untitled);
  }

  get db(): Database.Database {
    if (this.closed) throw new QuadratError('project', 'This project has been closed.');
    return this.file.db;
  }

  get readOnly(): boolean {
    return this.file.readOnly;
  }

  info(): ProjectInfo {
    return {
      path: this.path,
      title: this.untitled ? 'Untitled' : basename(this.path, extname(this.path)),
      untitled: this.untitled,
      readOnly: this.file.readOnly,
      readOnlyReason: this.file.readOnlyReason,
      schemaVersion: this.file.schemaVersion,
      createdAt: this.meta('created_at') ?? '',
      notes: this.meta('notes') ?? '',
    };
  }

  meta(key: string): string | null {
    const r = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return r?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.assertWritable();
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /**
   * Writes a consistent, compact copy to `target` (replacing it if it exists: the save dialog has
   * already asked). The copy is made next to the target and renamed, so a failure leaves no half file.
   */
  saveCopy(target: string): void {
    const tmp = `${target}.saving-${process.pid}`;
    rmSync(tmp, { force: true });
    try {
      this.db.exec(`VACUUM INTO ${sqlString(tmp)}`);
      renameSync(tmp, target);
    } catch (e) {
      rmSync(tmp, { force: true });
      if (e instanceof QuadratError) throw e;
      throw new QuadratError('project', `Could not save a copy as "${basename(target)}": ${(e as Error).message}`, {
        file: basename(target),
      });
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.file.db.close();
  }

  private assertWritable(): void {
    if (this.file.readOnly)
      throw new QuadratError('project', this.file.readOnlyReason ?? 'This project is open read-only.');
  }
}

/** Adds .quadrat when the user typed a name without it. */
export function withProjectExtension(path: string): string {
  return extname(path).toLowerCase() === PROJECT_EXTENSION ? path : path + PROJECT_EXTENSION;
}

export function projectExists(path: string): boolean {
  return existsSync(path);
}
