/**
 * The Bayesian actions of the workbench (docs/bayes.md): the prior table for the builder's model,
 * fitting as a job with progress per chain and cancel, the Bayesian history, opening a stored fit
 * (never resampled) and the one-click refit of a separated GLMM. Kept beside the Workbench, which
 * owns the builder, the datasets and the notices, with a store of its own.
 */
import { ApiError } from '../../src-main/api/client';
import type { BayesFamily, JobStatus, UserPriorWire } from '../../src-main/api/contract';
import { Store, useSlice } from '../app/store';
import { useWorkbench } from '../app/context';
import type { Workbench } from '../app/workbench';
import { type BayesChoices, type BayesState, DEFAULT_SAMPLER, defaultChoices, type SamplerSettings, type SavedBayesUi, effectiveFamily, initialBayesState } from './bayesState';

const TERMINAL = new Set(['done', 'failed', 'cancelled']);

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The frequentist family the builder's response editor follows for a brms family. */
function builderFamily(f: BayesFamily): 'gaussian' | 'binomial' | 'poisson' {
  return f === 'bernoulli' || f === 'binomial' ? 'binomial' : f === 'gaussian' ? 'gaussian' : 'poisson';
}

export class BayesBench {
  readonly store = new Store<BayesState>(initialBayesState());
  private priorSeq = 0;

  constructor(private readonly wb: Workbench) {}

  private get s(): BayesState {
    return this.store.get();
  }

  get enabled(): boolean {
    return this.s.enabled;
  }

  /** Job events: progress per chain and the end of a Bayesian fit. */
  listen(): void {
    this.wb.api.on('job.progress', (p) => {
      const job = this.s.job;
      if (job && job.jobId === p.jobId) this.store.set({ job: { ...job, progress: p } });
    });
    this.wb.api.on('job.finished', (st) => void this.finish(st));
  }

  saved(): SavedBayesUi {
    const { enabled, family, sampler, priors, openId } = this.s;
    return { enabled, family, sampler, priors, openId };
  }

  /** Puts back the builder's Bayesian choices and the fit that was open, as the project last had them. */
  async restore(saved: Partial<SavedBayesUi>): Promise<void> {
    this.store.set({
      enabled: saved.enabled === true,
      family: saved.family ?? 'gaussian',
      sampler: { ...DEFAULT_SAMPLER, ...saved.sampler },
      priors: Array.isArray(saved.priors) ? saved.priors : [],
    });
    if (saved.openId != null && this.s.fits.some((f) => f.id === saved.openId)) await this.open(saved.openId, false);
  }

  /** The active dataset's Bayesian choices, to keep with its builder when another dataset is shown. */
  choices(): BayesChoices {
    const { enabled, family, sampler, priors } = this.s;
    return { enabled, family, sampler, priors };
  }

  /** Shows a dataset's own Bayesian choices (the defaults for a dataset never shown): no choice carries over. */
  useChoices(c: BayesChoices | undefined): void {
    const next = c ?? defaultChoices();
    this.store.set({ enabled: next.enabled, family: next.family, sampler: { ...DEFAULT_SAMPLER, ...next.sampler }, priors: next.priors, priorTable: null, priorError: null });
    if (next.enabled) void this.loadPriors();
  }

  reset(): void {
    this.store.set({ ...initialBayesState(), enabled: this.s.enabled, family: this.s.family, sampler: this.s.sampler });
  }

  // -- the model builder -----------------------------------------------------------------------

  setEnabled(enabled: boolean): void {
    if (enabled) {
      const o = this.wb.store.get().options;
      const family: BayesFamily = o.family === 'binomial' ? effectiveFamily('binomial', this.wb.store.get().formulaText) : o.family === 'poisson' ? 'poisson' : 'gaussian';
      this.store.set({ enabled, family });
      this.wb.setOptions({ family: builderFamily(family), link: undefined, nAGQ: 1 });
      void this.loadPriors();
    } else this.store.set({ enabled });
    this.wb.persistUi();
  }

  setFamily(family: BayesFamily): void {
    this.store.set({ family, priors: [] });
    this.wb.setOptions({ family: builderFamily(family), link: undefined, nAGQ: 1 });
    void this.loadPriors();
  }

  setSampler(patch: Partial<SamplerSettings>): void {
    this.store.set((s) => ({ sampler: { ...s.sampler, ...patch } }));
    this.wb.persistUi();
  }

  setPriors(priors: UserPriorWire[]): void {
    this.store.set({ priors });
    this.wb.persistUi();
    void this.loadPriors();
  }

  /** What the builder asks for now: formula, brms family (by the response), priors. */
  spec() {
    const { formulaText: formula, options } = this.wb.store.get();
    return { formula, family: effectiveFamily(this.s.family, formula), priors: this.s.priors, ...(options.filter ? { filter: options.filter } : {}) };
  }

  /** get_prior() for the builder's model (the latest request wins). */
  async loadPriors(): Promise<void> {
    const datasetId = this.wb.store.get().activeDatasetId;
    const spec = this.spec();
    if (datasetId == null || !spec.formula.trim()) {
      this.store.set({ priorTable: null, priorError: null, priorLoading: false });
      return;
    }
    const seq = ++this.priorSeq;
    this.store.set({ priorLoading: true });
    try {
      const t = await this.wb.api.bayes.priors({ datasetId, spec });
      if (seq === this.priorSeq) this.store.set({ priorTable: t, priorError: null, priorLoading: false });
    } catch (e) {
      if (seq === this.priorSeq) this.store.set({ priorTable: null, priorError: messageOf(e), priorLoading: false });
    }
  }

  // -- fitting ---------------------------------------------------------------------------------

  private settingsParam() {
    const { warmup, ...rest } = this.s.sampler;
    return warmup == null ? rest : { ...rest, warmup };
  }

  async fit(): Promise<void> {
    const datasetId = this.wb.store.get().activeDatasetId;
    if (datasetId == null || this.s.job) return;
    const spec = this.spec();
    await this.start(spec.formula, () => this.wb.api.bayes.start({ datasetId, spec, settings: this.settingsParam() }));
  }

  /** The one-click refit of a separated GLMM with normal(0, 2.5) on b, shown beside it. */
  async refitGlmm(fitId: number): Promise<void> {
    if (this.s.job) return;
    const f = this.wb.store.get().fits.find((x) => x.id === fitId);
    await this.start(f?.spec.formula ?? 'the GLMM', () => this.wb.api.bayes.refitGlmm({ fitId, settings: this.settingsParam() }));
  }

  private async start(label: string, call: () => Promise<{ jobId: string }>): Promise<void> {
    this.store.set({ outcome: null });
    this.wb.setTab('bayes');
    let jobId: string;
    try {
      ({ jobId } = await call());
    } catch (e) {
      this.store.set({ outcome: { state: 'failed', message: messageOf(e), formula: label } });
      return;
    }
    this.store.set({ job: { jobId, label, startedAt: Date.now(), progress: null, cancelling: false, settings: this.s.sampler } });
    // events bring progress; waiting as well makes the end certain even if an event is missed
    for (let failures = 0; ; ) {
      const st = await this.wb.api.job.wait({ jobId, timeoutMs: 20_000 }).catch(() => null);
      if (this.s.job?.jobId !== jobId) return;
      if (st && TERMINAL.has(st.state)) return this.finish(st);
      if (st) failures = 0;
      else if (++failures >= 20) {
        this.store.set({ job: null, outcome: { state: 'failed', message: 'Lost contact with the engine while sampling.', formula: label } });
        return;
      } else await new Promise((r) => setTimeout(r, 500));
    }
  }

  private async finish(st: JobStatus): Promise<void> {
    const job = this.s.job;
    if (!job || job.jobId !== st.id || !TERMINAL.has(st.state)) return;
    this.store.set({ job: null });
    if (st.state === 'done' && st.bayesId != null) {
      await this.refresh();
      await this.open(st.bayesId);
    } else if (st.state === 'cancelled') this.store.set({ outcome: { state: 'cancelled', message: 'The fit was cancelled; nothing was stored.', formula: job.label } });
    else this.store.set({ outcome: { state: 'failed', message: st.error?.message ?? 'The fit failed.', formula: job.label } });
  }

  async cancel(): Promise<void> {
    const job = this.s.job;
    if (!job || job.cancelling) return;
    this.store.set({ job: { ...job, cancelling: true } });
    const r = await this.wb.attempt('Cancelling', () => this.wb.api.job.cancel({ jobId: job.jobId }));
    if (r && !r.cancelled) this.store.set((s) => (s.job ? { job: { ...s.job, cancelling: false } } : {}));
  }

  // -- history ---------------------------------------------------------------------------------

  async refresh(): Promise<void> {
    const fits = await this.wb.attempt('Reading the Bayesian models', () => this.wb.api.bayes.list({}));
    if (fits) this.store.set({ fits });
  }

  /** Opens a stored fit in the Bayesian tab: the stored report and draws, no resampling. */
  async open(bayesId: number, switchTab = true): Promise<void> {
    this.store.set({ openId: bayesId, outcome: null });
    if (switchTab) this.wb.setTab('bayes');
    else this.wb.persistUi();
    let got;
    try {
      got = await this.wb.api.bayes.get({ bayesId });
    } catch (e) {
      if (e instanceof ApiError) this.wb.notify('error', `Opening the Bayesian model: ${e.message}`);
      return;
    }
    if (this.s.openId !== bayesId) return;
    this.store.set({ open: got, compared: null });
    const other = got.summary.comparedFitId;
    if (other != null) {
      const g = await this.wb.api.model.get({ fitId: other }).catch(() => null);
      if (g && this.s.openId === bayesId) this.store.set({ compared: { fitId: other, name: g.summary.name, report: g.report } });
    }
  }

  async remove(bayesId: number): Promise<void> {
    const r = await this.wb.attempt('Deleting the Bayesian model', () => this.wb.api.bayes.delete({ bayesId }));
    if (!r) return;
    if (this.s.openId === bayesId) this.store.set({ openId: null, open: null, compared: null });
    await this.refresh();
  }

  async rename(bayesId: number, name: string): Promise<void> {
    const r = await this.wb.attempt('Renaming the Bayesian model', () => this.wb.api.bayes.rename({ bayesId, name }));
    if (r) this.store.set((s) => ({ fits: s.fits.map((f) => (f.id === bayesId ? r : f)), open: s.open && s.open.summary.id === bayesId ? { ...s.open, summary: r } : s.open }));
  }
}

/** A slice of the Bayesian state. */
export function useBayes<T>(select: (s: BayesState) => T): T {
  return useSlice(useWorkbench().bayes.store, select);
}
