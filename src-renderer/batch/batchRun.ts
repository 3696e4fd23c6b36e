/**
 * The batch view's state and actions, beside the workbench (one per Workbench, so a running batch
 * survives switching tabs): the project's batches, the one shown with its units, the running job's
 * progress from job events, and opening one unit as an ordinary fit (R's subset).
 */
import type { BatchCounts, BatchSplit, BatchSummary, UnitResultWire } from '../../src-main/api/contract';
import { Store, useSlice } from '../app/store';
import type { Workbench } from '../app/workbench';
import type { TableOptions } from './batchTable';

export interface BatchState {
  batches: BatchSummary[];
  selectedId: number | null;
  detail: { summary: BatchSummary; counts: BatchCounts; units: UnitResultWire[] } | null;
  /** Units done and total of the selected batch's running job (from job.progress). */
  progress: { jobId: string; done: number; total: number } | null;
  busy: boolean;
  error: string | null;
  table: TableOptions;
}

const initial = (): BatchState => ({
  batches: [],
  selectedId: null,
  detail: null,
  progress: null,
  busy: false,
  error: null,
  table: { term: '', filter: 'all', qBelow: null, sort: 'unit', descending: false },
});

export class BatchRun {
  readonly store = new Store<BatchState>(initial());

  constructor(private readonly wb: Workbench) {
    wb.api.on('job.progress', (p) => {
      const running = this.store.get().detail?.summary.jobId;
      if (running && p.jobId === running) this.store.set({ progress: { jobId: p.jobId, done: p.evaluations, total: p.total ?? 0 } });
    });
    wb.api.on('job.finished', (st) => {
      if (st.kind !== 'batch') return;
      void this.refresh();
      if (st.state === 'failed' && st.error) this.wb.notify('error', `The batch stopped: ${st.error.message}`);
    });
  }

  private get s(): BatchState {
    return this.store.get();
  }

  async refresh(): Promise<void> {
    const batches = await this.wb.api.batch.list().catch(() => null);
    if (!batches) return;
    this.store.set({ batches });
    const id = this.s.selectedId ?? batches[batches.length - 1]?.id ?? null;
    if (id !== null && batches.some((b) => b.id === id)) await this.select(id);
    else this.store.set({ selectedId: null, detail: null, progress: null });
  }

  async select(batchId: number): Promise<void> {
    this.store.set({ selectedId: batchId, error: null });
    try {
      const detail = await this.wb.api.batch.get({ batchId });
      if (this.s.selectedId !== batchId) return;
      const terms = detail.units.find((u) => u.coefficients.length)?.coefficients.map((c) => c.term) ?? [];
      const term = terms.includes(this.s.table.term) ? this.s.table.term : (terms.find((t) => t !== '(Intercept)') ?? terms[0] ?? '');
      const progress = detail.summary.jobId ? { jobId: detail.summary.jobId, done: detail.summary.unitsDone, total: detail.summary.unitsTotal } : null;
      this.store.set({ detail, progress, table: { ...this.s.table, term } });
    } catch (e) {
      this.store.set({ error: e instanceof Error ? e.message : String(e) });
    }
  }

  setTable(patch: Partial<TableOptions>): void {
    this.store.set({ table: { ...this.s.table, ...patch } });
  }

  /** Fits the builder's model (formula and options) to every unit of the active dataset. */
  async start(split: BatchSplit, bayesSeparated: boolean): Promise<void> {
    const { activeDatasetId, formulaText, options } = this.wb.store.get();
    if (activeDatasetId == null || this.s.busy) return;
    this.store.set({ busy: true, error: null });
    try {
      const { batchId } = await this.wb.api.batch.start({ datasetId: activeDatasetId, spec: { formula: formulaText, ...options }, split, ...(bayesSeparated ? { bayesSeparated: {} } : {}) });
      this.store.set({ selectedId: batchId });
      await this.refresh();
    } catch (e) {
      this.store.set({ error: e instanceof Error ? e.message : String(e) });
    } finally {
      this.store.set({ busy: false });
    }
  }

  async resume(batchId: number): Promise<void> {
    const r = await this.wb.attempt('Resuming the batch', () => this.wb.api.batch.resume({ batchId }));
    if (r) await this.refresh();
  }

  async cancel(): Promise<void> {
    const jobId = this.s.detail?.summary.jobId;
    if (jobId) await this.wb.attempt('Stopping the batch', () => this.wb.api.job.cancel({ jobId }));
  }

  async remove(batchId: number): Promise<void> {
    const r = await this.wb.attempt('Deleting the batch', () => this.wb.api.batch.delete({ batchId }));
    if (!r) return;
    this.store.set({ selectedId: null, detail: null });
    await this.refresh();
  }

  exportTable(batchId: number, format: 'csv' | 'parquet'): Promise<void> {
    return this.wb.exportFile('Exporting the batch', (destination) => this.wb.api.batch.export({ batchId, format, destination }));
  }

  /** One unit as an ordinary fit (subset = by == unit), opened in Results; wide units get their response. */
  async openUnit(unit: string): Promise<void> {
    const d = this.s.detail;
    if (!d || d.summary.datasetId === null) return;
    const { spec, split } = d.summary;
    if ('by' in split) {
      await this.wb.fit({ datasetId: d.summary.datasetId, spec: { ...spec, subset: { column: split.by, value: unit } }, label: `${spec.formula} [${split.by} = ${unit}]` });
    } else {
      const formula = `\`${unit}\` ${spec.formula.slice(spec.formula.indexOf('~'))}`;
      await this.wb.fit({ datasetId: d.summary.datasetId, spec: { ...spec, formula }, label: formula });
    }
  }

  clear(): void {
    this.store.set({ ...initial(), table: this.s.table });
  }
}

const runs = new WeakMap<Workbench, BatchRun>();

export function batchRunFor(wb: Workbench): BatchRun {
  let run = runs.get(wb);
  if (!run) {
    run = new BatchRun(wb);
    runs.set(wb, run);
  }
  return run;
}

export function useBatch<T>(run: BatchRun, select: (s: BatchState) => T): T {
  return useSlice(run.store, select);
}
