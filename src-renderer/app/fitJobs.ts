/**
 * A fit as a job: started with the builder's model (or a given spec), followed by its progress events
 * and by job.wait, so a missed event cannot leave it spinning, cancelled on request, and ended by
 * opening the stored result or by saying why there is none (a formula error under the formula box).
 */
import { ApiError } from '../../src-main/api/client';
import type { JobStatus, ParamsIn } from '../../src-main/api/contract';
import { messageOf } from './notices';
import type { InlineFormulaError, Workbench } from './workbench';

const TERMINAL = new Set(['done', 'failed', 'cancelled']);

/** Where the engine said a formula is wrong (a 1-based character), as the formula box underlines it. */
function formulaError(message: string, where: { column?: number } | undefined): InlineFormulaError {
  const col = where?.column;
  const start = typeof col === 'number' ? Math.max(0, col - 1) : null;
  return { message, start, end: start == null ? null : start + 1 };
}

export class FitJobs {
  constructor(private readonly wb: Workbench) {}

  private get s() {
    return this.wb.store.get();
  }

  /** Listens for the progress and the end of the running fit. */
  listen(): void {
    this.wb.api.on('job.progress', (p) => {
      const job = this.s.job;
      if (job && job.jobId === p.jobId) this.wb.store.set({ job: { ...job, progress: p } });
    });
    this.wb.api.on('job.finished', (st) => void this.finish(st));
  }

  /** Fits the builder's model — or a given spec, e.g. one unit of a batch (its subset) — and opens the result. */
  async fit(given?: { datasetId: number; spec: ParamsIn<'fit.start'>['spec']; label: string }): Promise<void> {
    const { wb } = this;
    if (!given && wb.bayes.enabled) return wb.bayes.fit();
    const { activeDatasetId, formulaText, options, job } = this.s;
    const datasetId = given?.datasetId ?? activeDatasetId;
    if (datasetId == null || job) return;
    const label = given?.label ?? formulaText;
    wb.store.set({ fitFormulaError: null, lastOutcome: null });
    let jobId: string;
    try {
      ({ jobId } = await wb.api.fit.start({ datasetId, spec: given?.spec ?? { formula: formulaText, ...options } }));
    } catch (e) {
      this.failToStart(e, label);
      return;
    }
    wb.store.set({ job: { jobId, label, startedAt: Date.now(), progress: null, cancelling: false } });
    // Events bring progress; waiting as well makes the end certain even if an event is missed.
    for (let failures = 0; ; ) {
      const st = await wb.api.job.wait({ jobId, timeoutMs: 20_000 }).catch(() => null);
      if (this.s.job?.jobId !== jobId) return;
      if (st && TERMINAL.has(st.state)) return this.finish(st);
      if (st) failures = 0;
      else if (++failures >= 20) {
        wb.store.set({ job: null, lastOutcome: { state: 'failed', message: 'Lost contact with the engine while fitting.', formula: label }, tab: 'results' });
        return;
      } else await new Promise((r) => setTimeout(r, 500));
    }
  }

  private failToStart(e: unknown, formula: string): void {
    const message = messageOf(e);
    if (e instanceof ApiError && (e.kind === 'formula' || e.kind === 'model' || e.status === 400)) {
      this.wb.store.set({ fitFormulaError: formulaError(message, e.where) });
      return;
    }
    this.wb.store.set({ lastOutcome: { state: 'failed', message, formula }, tab: 'results' });
  }

  private async finish(st: JobStatus): Promise<void> {
    const { wb } = this;
    const job = this.s.job;
    if (!job || job.jobId !== st.id || !TERMINAL.has(st.state)) return;
    wb.store.set({ job: null });
    if (st.state === 'done' && st.fitId != null) {
      await wb.fits.refresh();
      await wb.fits.open(st.fitId);
    } else if (st.state === 'cancelled') {
      wb.store.set({ lastOutcome: { state: 'cancelled', message: 'The fit was cancelled.', formula: job.label }, tab: 'results' });
    } else {
      const err = st.error;
      if (err && (err.kind === 'formula' || err.kind === 'model')) wb.store.set({ fitFormulaError: formulaError(err.message, err.where) });
      wb.store.set({ lastOutcome: { state: 'failed', message: err?.message ?? 'The fit failed.', formula: job.label }, tab: 'results' });
    }
  }

  async cancel(): Promise<void> {
    const job = this.s.job;
    if (!job || job.cancelling) return;
    this.wb.store.set({ job: { ...job, cancelling: true } });
    const r = await this.wb.attempt('Cancelling', () => this.wb.api.job.cancel({ jobId: job.jobId }));
    if (r && !r.cancelled) this.wb.store.set((s) => (s.job ? { job: { ...s.job, cancelling: false } } : {}));
  }
}
