/**
 * lmerTest's ranova(): a likelihood-ratio test for each random-effects term, comparing the model with
 * the term removed — or, for a term with effects besides the intercept, with each droppable effect
 * removed from it ((Days | g) → (1 | g), (0 + x | g) → (1 | g), (a + b | g) → (b | g)). REML fits are
 * compared on the REML likelihood, as lmerTest does; a model left without random terms is a linear
 * model.
 */
import { type Table } from '../data/table';
import { type DesignOptions } from '../design/buildDesign';
import { QuadratError } from '../errors/quadratError';
import { upperChisq } from './distributions';
import { dropScope } from './drop1';
import { barText, parseModelSpec, specFormula, type ModelSpec, type RandomSpec } from './modelSpec';
import { logLikOf, Refits, type AnyFit, type RefitControl } from './refit';

export interface RanovaRow {
  term: string;
  npar: number;
  logLik: number;
  aic: number;
  lrt: number | null;
  df: number | null;
  pValue: number | null;
}

export interface Ranova {
  rows: RanovaRow[];
  /** The reduced model's formula for each row after the first. */
  formulas: string[];
}

/** lmerTest's get_newforms for each random term: label → reduced model spec. */
export function reducedModels(spec: ModelSpec): { label: string; spec: ModelSpec }[] {
  const out: { label: string; spec: ModelSpec }[] = [];
  spec.random.forEach((r, k) => {
    const others = spec.random.filter((_, j) => j !== k);
    const scope = dropScope(r.lhs, r.lhsVars);
    if (r.lhs.length === 0 || scope.length === 0) {
      out.push({ label: `(${barText(r)})`, spec: { ...spec, random: others } });
      return;
    }
    for (const s of scope) {
      const keep = r.lhs.map((l, i) => ({ l, v: r.lhsVars[i] })).filter((x) => x.l !== s);
      const reduced: RandomSpec = keep.length === 0 ? { lhs: [], lhsVars: [], intercept: true, group: r.group } : { ...r, lhs: keep.map((x) => x.l), lhsVars: keep.map((x) => x.v) };
      // update.formula appends the new term after the remaining ones
      out.push({ label: `${s} in (${barText(r)})`, spec: { ...spec, random: [...others, reduced] } });
    }
  });
  return out;
}

/** lmerTest's mk_LRtab: rows after the first are tested against the first. */
export function lrTable(entries: { term: string; logLik: number; npar: number }[]): RanovaRow[] {
  const [base] = entries;
  return entries.map((e, i) => {
    const aic = -2 * e.logLik + 2 * e.npar;
    if (i === 0) return { term: e.term, npar: e.npar, logLik: e.logLik, aic, lrt: null, df: null, pValue: null };
    const lrt = 2 * (base.logLik - e.logLik);
    const df = base.npar - e.npar;
    return { term: e.term, npar: e.npar, logLik: e.logLik, aic, lrt, df, pValue: df > 0 ? upperChisq(lrt, df) : null };
  });
}

export function ranovaOf(table: Table, model: AnyFit, reml: boolean, options: DesignOptions, refits = new Refits()): Ranova {
  const spec = parseModelSpec(model.formula);
  if (spec.random.length === 0) throw new QuadratError('model', 'ranova needs a model with at least one random-effects term.');
  const base = logLikOf(model);
  const entries = [{ term: '<none>', logLik: base.logLik, npar: base.npar }];
  const formulas: string[] = [];
  for (const r of reducedModels(spec)) {
    const formula = specFormula(r.spec);
    const fit = logLikOf(refits.fit(table, formula, reml, options));
    if (fit.n !== base.n || fit.rows.some((x, i) => x !== base.rows[i])) {
      throw new QuadratError('model', `ranova: the reduced model ${formula} uses different rows (${fit.n} instead of ${base.n}); remove rows with missing values first.`);
    }
    entries.push({ term: r.label, logLik: fit.logLik, npar: fit.npar });
    formulas.push(formula);
  }
  return { rows: lrTable(entries), formulas };
}

/** ranova of a model fitted to `formula` on `table` (fits it first). */
export function ranova(table: Table, formula: string, reml: boolean, options: DesignOptions = {}, control: RefitControl = {}): Ranova {
  const refits = new Refits(control);
  refits.total = 1 + reducedModels(parseModelSpec(formula)).length;
  return ranovaOf(table, refits.fit(table, formula, reml, options), reml, options, refits);
}
