/**
 * The model builder's state: the formula text and the builder's reading of it, the fit options, and
 * each dataset's own builder while another dataset is shown (so no formula or option of one dataset
 * is used on another, issue 17). The formula is read and written with the engine's grammar
 * (model/formulaTerms.ts).
 */
import { builderToFormula, FormulaSyntaxError, parseFormulaTerms, type BuilderModel } from '../model/formulaTerms';
import type { BayesChoices } from '../bayes/bayesState';
import { DEFAULT_FIT_OPTIONS, type DatasetBuilder, type FitOptions, type SavedUi } from './state';
import type { FullState, Workbench } from './workbench';

/** A builder with nothing in it (its formula text is empty too: set() writes none for it). */
export const emptyBuilder = (): BuilderModel => ({ response: '', intercept: true, fixed: [], random: [] });

function hasTerms(m: BuilderModel): boolean {
  return m.fixed.length > 0 || m.random.length > 0 || !m.intercept;
}

export class BuilderState {
  /** The builder of each dataset not shown now: switching back restores it; a new one starts empty. */
  private kept = new Map<number, DatasetBuilder>();

  constructor(private readonly wb: Workbench) {}

  /** The builder's clicks: the formula text follows. */
  set(model: BuilderModel): void {
    this.wb.store.set({ builder: model, formulaText: model.response || hasTerms(model) ? builderToFormula(model) : '', fitFormulaError: null });
    this.wb.persistUi();
  }

  /** Typing in the formula box: the builder follows whenever the text reads as a formula. */
  setFormulaText(text: string): void {
    this.wb.store.set({ formulaText: text, fitFormulaError: null });
    try {
      this.wb.store.set({ builder: parseFormulaTerms(text).model });
    } catch (e) {
      if (!(e instanceof FormulaSyntaxError)) throw e;
    }
    this.wb.persistUi();
  }

  setOptions(patch: Partial<FitOptions>): void {
    this.wb.store.set((s) => ({ options: { ...s.options, ...patch } }));
    this.wb.persistUi();
  }

  /** The fit options a new builder starts with: the settings' REML and df defaults. */
  defaultOptions(): FitOptions {
    const st = this.wb.store.get().settings;
    return st ? { ...DEFAULT_FIT_OPTIONS, reml: st.defaultReml, ddf: st.defaultDdf } : DEFAULT_FIT_OPTIONS;
  }

  /** Keeps the shown builder as dataset `id`'s, for when the user comes back to it. */
  keep(id: number, bayes: BayesChoices): void {
    const s = this.wb.store.get();
    this.kept.set(id, { formulaText: s.formulaText, options: s.options, bayes });
  }

  /**
   * Shows dataset `id`'s kept builder, or an empty one with the default options, in the same store
   * update as `with` (the dataset shown); returns its Bayesian choices (undefined for a new builder).
   */
  show(id: number, with_: Partial<FullState> = {}): BayesChoices | undefined {
    const next = this.kept.get(id);
    this.kept.delete(id);
    this.wb.store.set({ ...with_, options: next?.options ?? this.defaultOptions() });
    if (next) this.setFormulaText(next.formulaText);
    else this.set(emptyBuilder());
    return next?.bayes;
  }

  /** An empty builder with the default options (no dataset left to show). */
  clearShown(): void {
    this.wb.store.set({ options: this.defaultOptions() });
    this.set(emptyBuilder());
  }

  forget(id: number): void {
    this.kept.delete(id);
  }

  forgetAll(): void {
    this.kept.clear();
  }

  /** The kept builders as the project's saved view stores them. */
  saved(): NonNullable<SavedUi['builders']> {
    return Object.fromEntries([...this.kept].map(([id, b]) => [String(id), b]));
  }

  /** Puts back the kept builders of a saved view, for the datasets that still exist (not the shown one). */
  restore(saved: SavedUi['builders'], shownId: number | null, exists: (id: number) => boolean): void {
    for (const [id, b] of Object.entries(saved ?? {})) {
      if (Number(id) !== shownId && exists(Number(id))) this.kept.set(Number(id), { formulaText: b.formulaText, options: { ...DEFAULT_FIT_OPTIONS, ...b.options }, ...(b.bayes ? { bayes: b.bayes } : {}) });
    }
  }
}
