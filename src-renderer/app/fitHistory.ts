/**
 * The model history of the open project: the list, the result shown, a past model put back into the
 * builder, renaming, notes, deleting, and the comparison of several fits.
 */
import type { CountFamily } from '../../src-main/api/contract';
import { chooseFamily, withCountFormula } from '../model/families';
import { messageOf } from './notices';
import type { Tab } from './state';
import type { Workbench } from './workbench';

export class FitHistory {
  constructor(private readonly wb: Workbench) {}

  private get s() {
    return this.wb.store.get();
  }

  async refresh(): Promise<void> {
    const fits = await this.wb.attempt('Reading the model history', () => this.wb.api.model.list({}));
    if (fits) this.wb.store.set((s) => ({ fits, compare: { ...s.compare, fitIds: s.compare.fitIds.filter((id) => fits.some((f) => f.id === id)) } }));
  }

  /** Shows a stored fit's result (and its dataset, with that dataset's builder). */
  async open(fitId: number, switchTab = true): Promise<void> {
    const { wb } = this;
    wb.store.set({ openFitId: fitId, openReportLoading: true, lastOutcome: null, ...(switchTab ? { tab: 'results' as Tab } : {}) });
    const r = await wb.attempt('Opening the result', () => wb.api.model.get({ fitId }));
    if (this.s.openFitId !== fitId) return;
    wb.store.set({ openReport: r?.report ?? null, openReportLoading: false });
    const ds = r?.summary.datasetId;
    if (ds != null && ds !== this.s.activeDatasetId && this.s.datasets.some((d) => d.id === ds)) wb.datasets.show(ds);
    wb.persistUi();
  }

  /** Puts a past model back into the builder (to change it and fit again). */
  editSpec(fitId: number): void {
    const { wb } = this;
    const f = this.s.fits.find((x) => x.id === fitId);
    if (!f) return;
    if (f.datasetId != null && f.datasetId !== this.s.activeDatasetId && this.s.datasets.some((d) => d.id === f.datasetId)) wb.datasets.show(f.datasetId);
    wb.builder.setFormulaText(f.spec.formula);
    wb.builder.setOptions({ reml: f.spec.reml, ddf: f.spec.ddf, anovaType: f.spec.anovaType, family: f.spec.family, link: f.spec.link, nAGQ: f.spec.nAGQ, nlme: f.spec.nlme, tmb: f.spec.tmb, filter: f.spec.filter });
  }

  /**
   * The count advisor's refit in one step: the fit's model put back into the builder with another
   * family and zero part (the dispersion formula kept where the new family has one), and fitted.
   */
  async refitCount(fitId: number, fix: { family: CountFamily; ziformula: string }): Promise<void> {
    if (this.s.job || !this.s.fits.some((f) => f.id === fitId)) return;
    this.editSpec(fitId);
    const { builder } = this.wb;
    builder.setOptions(chooseFamily(this.s.options, fix.family));
    builder.setOptions(withCountFormula(this.s.options, 'ziformula', fix.ziformula.replace(/\s/g, '') === '~0' ? '' : fix.ziformula));
    await this.wb.jobs.fit();
  }

  /**
   * Overdispersion's usual fix in one step: a factor numbering the rows (obs, an observation ID) and
   * (1 | obs) added to the model, fitted at once. The new column is one undo step in the data.
   */
  async addObservationLevelEffect(fitId: number): Promise<void> {
    const { wb } = this;
    const f = this.s.fits.find((x) => x.id === fitId);
    const d = f && this.s.datasets.find((x) => x.id === f.datasetId);
    if (!f || !d || this.s.job) return;
    this.editSpec(fitId);
    const taken = new Set(d.columns.map((c) => c.name));
    let name = 'obs';
    for (let k = 2; taken.has(name); k++) name = `obs${k}`;
    const added = await wb.datasets.edit(`Add column ${name}`, (datasetId) => wb.api.dataset.addColumn({ datasetId, name, type: 'factor', fill: 'rowNumber' }));
    if (!added) return;
    wb.builder.setFormulaText(`${f.spec.formula} + (1 | ${name})`);
    await wb.jobs.fit();
  }

  async rename(fitId: number, name: string): Promise<void> {
    const r = await this.wb.attempt('Renaming the model', () => this.wb.api.model.rename({ fitId, name }));
    if (r) this.wb.store.set((s) => ({ fits: s.fits.map((f) => (f.id === fitId ? r : f)) }));
  }

  async annotate(fitId: number, note: string): Promise<void> {
    const r = await this.wb.attempt('Saving the note', () => this.wb.api.model.annotate({ fitId, note }));
    if (r) this.wb.store.set((s) => ({ fits: s.fits.map((f) => (f.id === fitId ? r : f)) }));
  }

  async delete(fitId: number): Promise<void> {
    const r = await this.wb.attempt('Deleting the model', () => this.wb.api.model.delete({ fitId }));
    if (!r) return;
    if (this.s.openFitId === fitId) this.wb.store.set({ openFitId: null, openReport: null });
    await this.refresh();
    this.wb.persistUi();
  }

  toggleCompare(fitId: number): void {
    this.wb.store.set((s) => {
      const ids = s.compare.fitIds.includes(fitId) ? s.compare.fitIds.filter((x) => x !== fitId) : [...s.compare.fitIds, fitId];
      return { compare: { ...s.compare, fitIds: ids } };
    });
  }

  async runCompare(): Promise<void> {
    const fitIds = this.s.compare.fitIds;
    if (fitIds.length < 2) return;
    this.wb.store.set({ tab: 'compare', compare: { fitIds, result: null, error: null, loading: true } });
    try {
      const result = await this.wb.api.model.compare({ fitIds });
      this.wb.store.set((s) => ({ compare: { ...s.compare, result, loading: false } }));
    } catch (e) {
      this.wb.store.set((s) => ({ compare: { ...s.compare, error: messageOf(e), loading: false } }));
    }
  }
}
