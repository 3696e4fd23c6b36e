/**
 * The random-effects check's state and actions, kept beside the workbench (one per Workbench) so the
 * result survives switching tabs. The check runs as one API call (a worker job of several fits).
 */
import type { CandidateCheck } from '../../src-main/api/contract';
import { Store, useSlice } from '../app/store';
import type { Workbench } from '../app/workbench';
import { quoteName, type RandomTerm } from '../model/formulaTerms';

export interface CheckState {
  status: 'idle' | 'loading' | 'error' | 'done';
  /** What the last run was asked (to tell when the builder or the data have moved on). */
  datasetId: number | null;
  dataHash: string | null;
  fixedFormula: string | null;
  /** Candidate names as the data name them (not quoted for the formula). */
  result: CandidateCheck | null;
  error: string | null;
  /** The user's ticks, per column name, for ticksFor (a dataset id); the defaults fill the rest. */
  ticks: Record<string, boolean>;
  ticksFor: number | null;
}

const initial = (): CheckState => ({
  status: 'idle',
  datasetId: null,
  dataHash: null,
  fixedFormula: null,
  result: null,
  error: null,
  ticks: {},
  ticksFor: null,
});

export class CandidateCheckRun {
  readonly store = new Store<CheckState>(initial());
  private seq = 0;

  constructor(private readonly wb: Workbench) {}

  tick(datasetId: number, name: string, on: boolean): void {
    this.store.set((s) => ({ ticks: { ...(s.ticksFor === datasetId ? s.ticks : {}), [name]: on }, ticksFor: datasetId }));
  }

  async run(datasetId: number, dataHash: string, fixedFormula: string, names: readonly string[]): Promise<void> {
    const seq = ++this.seq;
    this.store.set({ status: 'loading', datasetId, dataHash, fixedFormula, result: null, error: null });
    try {
      // counts and proportions: the builder's family makes it a GLM against GLMM check
      const { family, link, filter } = this.wb.store.get().options;
      // the GLM-against-GLMM check is for counts and proportions; the scale families get the Gaussian one (CheckView says so)
      const glm = family === 'binomial' || family === 'poisson' ? { family, ...(link ? { link } : {}) } : {};
      const r = await this.wb.api.model.checkCandidates({ datasetId, fixedFormula, candidates: names.map(quoteName), ...glm, ...(filter ? { filter } : {}) });
      if (seq !== this.seq) return;
      // The engine names each candidate as it was written in the formula (backticks for odd names).
      const result = { ...r, candidates: r.candidates.map((c, k) => ({ ...c, factor: names[k] ?? c.factor })) };
      this.store.set({ status: 'done', result });
    } catch (e) {
      if (seq !== this.seq) return;
      this.store.set({ status: 'error', error: e instanceof Error ? e.message : String(e) });
    }
  }

  /** Adds `(1 | factor)` to the builder; the formula text follows through the builder's round trip. */
  addAsRandom(factor: string): void {
    const builder = this.wb.store.get().builder;
    if (builder.random.some((r) => isInterceptOf(r, factor))) return;
    const term: RandomTerm = { group: factor, nestedIn: [], intercept: true, slopes: [], correlated: true };
    this.wb.setBuilder({ ...builder, random: [...builder.random, term] });
    this.wb.notify('info', `Added (1 | ${quoteName(factor)}) to the model. Press Fit to fit it.`);
  }

  clear(): void {
    this.seq++;
    this.store.set({ ...initial(), ticks: this.store.get().ticks, ticksFor: this.store.get().ticksFor });
  }
}

/** The builder already has a random intercept grouped by exactly this factor. */
export function isInterceptOf(r: RandomTerm, factor: string): boolean {
  return r.group === factor && r.nestedIn.length === 0 && r.intercept;
}

const runs = new WeakMap<Workbench, CandidateCheckRun>();

export function checkRunFor(wb: Workbench): CandidateCheckRun {
  let run = runs.get(wb);
  if (!run) {
    run = new CandidateCheckRun(wb);
    runs.set(wb, run);
  }
  return run;
}

export function useCheck<T>(run: CandidateCheckRun, select: (s: CheckState) => T): T {
  return useSlice(run.store, select);
}
