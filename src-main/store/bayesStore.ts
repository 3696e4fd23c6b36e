/**
 * Bayesian fits in a project file (table bayes_fits): the spec and sampler settings, the report
 * (brms's summary), a small summary beside it for listing (the history never parses reports) and
 * the compressed draws (bayesDraws.ts), so a reopened project shows the same results and plots
 * without sampling again.
 */
import type Database from 'better-sqlite3';
import { type BayesReport } from '../../src-engine/bayes/fit/bayesReport';
import { QuadratError } from '../../src-engine/errors/quadratError';
import { type BayesFitSummary, type BayesReportWire, type BayesSettingsWire, type BayesSpec, bayesSettingsSchema, bayesSpecSchema } from '../api/bayesShapes';
import { type StoredDraws, decodeDraws, encodeDraws } from './bayesDraws';
import { type StoredModelRow, storedModelFields } from './storedModel';

interface Row extends StoredModelRow {
  spec: string;
  settings: string;
  summary: string;
  compared_fit_id: number | null;
}

interface Numbers {
  nobs: number;
  divergent: number;
  maxRhat: number | null;
}

export interface NewBayesFit {
  datasetId: number;
  datasetName: string;
  name: string | ((namesInUse: string[]) => string);
  spec: BayesSpec;
  settings: BayesSettingsWire;
  report: BayesReport;
  draws: StoredDraws;
  comparedFitId: number | null;
  engineVersion: string;
  dataHash: string;
}

const HEAD = 'id, dataset_id, dataset_name, name, spec, settings, summary, compared_fit_id, engine_version, data_hash, note, created_at';

function numbersOf(r: BayesReport): Numbers {
  const rows = [...r.random.flatMap((g) => g.rows), ...r.fixed, ...r.spec];
  const rhat = rows.map((x) => x.Rhat);
  return { nobs: r.nobs, divergent: r.sampler.divergent, maxRhat: rhat.some((x) => x === null) ? null : Math.max(...(rhat as number[])) };
}

export class BayesStore {
  constructor(
    private readonly db: Database.Database,
    private readonly assertWritable: () => void,
    private readonly currentHash: (datasetId: number) => string | null,
    /** False for a read-only file from before Bayesian fits: it has none. */
    private readonly present: boolean,
  ) {}

  /** Stores a fit in one transaction (the draws are a few MB at most: the summarised quantities only). */
  add(fit: NewBayesFit): number {
    this.assertWritable();
    const draws = encodeDraws(fit.draws);
    const r = this.db
      .prepare(
        `INSERT INTO bayes_fits (dataset_id, dataset_name, name, spec, settings, summary, report, draws, compared_fit_id, engine_version, data_hash, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        fit.datasetId,
        fit.datasetName,
        typeof fit.name === 'string' ? fit.name : fit.name(this.names()),
        JSON.stringify(fit.spec),
        JSON.stringify(fit.settings),
        JSON.stringify(numbersOf(fit.report)),
        JSON.stringify(fit.report),
        draws,
        fit.comparedFitId,
        fit.engineVersion,
        fit.dataHash,
        new Date().toISOString(),
      );
    return Number(r.lastInsertRowid);
  }

  names(): string[] {
    if (!this.present) return [];
    return (this.db.prepare('SELECT name FROM bayes_fits ORDER BY id').all() as { name: string }[]).map((r) => r.name);
  }

  list(datasetId?: number): BayesFitSummary[] {
    if (!this.present) return [];
    const q = `SELECT ${HEAD} FROM bayes_fits`;
    const rows = (datasetId === undefined ? this.db.prepare(`${q} ORDER BY id`).all() : this.db.prepare(`${q} WHERE dataset_id = ? ORDER BY id`).all(datasetId)) as Row[];
    return rows.map((r) => this.summary(r));
  }

  get(id: number): { summary: BayesFitSummary; report: BayesReportWire } {
    const r = this.row(id);
    const text = (this.db.prepare('SELECT report FROM bayes_fits WHERE id = ?').get(id) as { report: string }).report;
    try {
      return { summary: this.summary(r), report: JSON.parse(text) as BayesReportWire };
    } catch {
      throw new QuadratError('project', `The stored result of "${r.name}" is damaged in the project file; the other models are unaffected. Fit the model again.`);
    }
  }

  draws(id: number): StoredDraws {
    const r = this.row(id);
    const blob = (this.db.prepare('SELECT draws FROM bayes_fits WHERE id = ?').get(id) as { draws: Buffer }).draws;
    return decodeDraws(blob, r.name);
  }

  rename(id: number, name: string): BayesFitSummary {
    this.assertWritable();
    this.row(id);
    this.db.prepare('UPDATE bayes_fits SET name = ? WHERE id = ?').run(name, id);
    return this.summary(this.row(id));
  }

  delete(id: number): void {
    this.assertWritable();
    this.row(id);
    this.db.prepare('DELETE FROM bayes_fits WHERE id = ?').run(id);
  }

  private row(id: number): Row {
    const r = this.present ? (this.db.prepare(`SELECT ${HEAD} FROM bayes_fits WHERE id = ?`).get(id) as Row | undefined) : undefined;
    if (!r) throw new QuadratError('input', `There is no Bayesian model with id ${id} in this project.`);
    return r;
  }

  private summary(r: Row): BayesFitSummary {
    let spec: BayesSpec;
    let settings: BayesSettingsWire;
    let numbers: Numbers;
    try {
      spec = bayesSpecSchema.parse(JSON.parse(r.spec));
      settings = bayesSettingsSchema.parse(JSON.parse(r.settings));
      numbers = JSON.parse(r.summary) as Numbers;
    } catch {
      throw new QuadratError('project', `The stored record of "${r.name}" is damaged in the project file; the other models are unaffected. Fit the model again.`);
    }
    return {
      ...storedModelFields(r, this.currentHash),
      spec,
      settings,
      nobs: numbers.nobs,
      divergent: numbers.divergent,
      maxRhat: numbers.maxRhat,
      comparedFitId: r.compared_fit_id,
    };
  }
}
