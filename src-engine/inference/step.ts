/**
 * lmerTest's step(): backward elimination of random-effects terms by ranova (α = 0.1), then of fixed
 * terms by drop1 F-tests (α = 0.05), always removing the least significant candidate and refitting.
 * Marginality is respected because drop1 only offers terms contained in no other term.
 */
import { type Table } from '../data/table';
import { type DesignOptions } from '../design/buildDesign';
import { type AnovaTableRow } from './anova';
import { LmmInference, type DdfMethod } from './lmmInference';
import { upperF } from './distributions';
import { drop1, dropScope } from './drop1';
import { parseModelSpec, specFormula } from './modelSpec';
import { lrTable, ranovaOf, type RanovaRow } from './ranova';
import { fitLm, lmLogLik, Refits, type AnyFit, type RefitControl } from './refit';

export interface StepOptions {
  ddf?: DdfMethod;
  alphaRandom?: number;
  alphaFixed?: number;
  /** Fixed terms never removed. */
  keep?: string[];
  designOptions?: DesignOptions;
  /** Cancellation and a count of the models fitted (step cannot know how many it will need). */
  control?: RefitControl;
}

export interface StepResult {
  /** Eliminated random terms in order (eliminated = 1, 2, …), then the final model's ranova rows (0). */
  random: (RanovaRow & { eliminated: number | null })[];
  /** Eliminated fixed terms in order, then the final model's drop1 rows (eliminated = 0). */
  fixed: (AnovaTableRow & { eliminated: number })[];
  finalFormula: string;
  model: AnyFit;
}

/** drop1(lm, test = "F") in the shape of an ANOVA row. */
function drop1Lm(table: Table, model: Extract<AnyFit, { kind: 'lm' }>, options: DesignOptions, refits: Refits): AnovaTableRow[] {
  const spec = parseModelSpec(model.formula);
  const full = model.fit;
  const { n, p } = full.design;
  const rdf = n - p;
  return dropScope(spec.fixed, spec.fixedVars).map((term) => {
    const reduced = refits.fit(table, specFormula({ ...spec, fixed: spec.fixed.filter((t) => t !== term), fixedVars: spec.fixedVars.filter((_, i) => spec.fixed[i] !== term) }), full.reml, options);
    const r = reduced.kind === 'lm' ? reduced.fit : fitLm(reduced.fit.model.design, full.reml);
    const numDf = p - r.design.p;
    const sumSq = r.rss - full.rss;
    const fValue = sumSq / numDf / (full.rss / rdf);
    return { term, sumSq, meanSq: sumSq / numDf, numDf, denDf: rdf, fValue, pValue: upperF(fValue, numDf, rdf) };
  });
}

function maxP<T extends { pValue: number | null }>(rows: T[], alpha: number, skip: (r: T) => boolean): T | undefined {
  let best: T | undefined;
  for (const r of rows) {
    if (skip(r) || r.pValue === null || !(r.pValue > alpha)) continue;
    if (!best || r.pValue > best.pValue!) best = r;
  }
  return best;
}

export function step(table: Table, formula: string, reml: boolean, options: StepOptions = {}): StepResult {
  const ddf = options.ddf ?? 'satterthwaite';
  const alphaRandom = options.alphaRandom ?? 0.1;
  const alphaFixed = options.alphaFixed ?? 0.05;
  const keep = new Set(options.keep ?? []);
  const dopts = options.designOptions ?? {};
  const refits = new Refits(options.control);

  // random part
  let model = refits.fit(table, formula, reml, dopts);
  let ran = ranovaOf(table, model, reml, dopts, refits);
  const eliminatedRandom: (RanovaRow & { eliminated: number | null })[] = [{ ...ran.rows[0], eliminated: null }];
  let finalRandom: RanovaRow[] = ran.rows.slice(1);
  for (;;) {
    const candidates = ran.rows.slice(1);
    const worst = maxP(candidates, alphaRandom, () => false);
    if (!worst) break;
    const idx = candidates.indexOf(worst);
    eliminatedRandom.push({ ...worst, eliminated: eliminatedRandom.length });
    model = refits.fit(table, ran.formulas[idx], reml, dopts);
    if (model.kind === 'lm') {
      finalRandom = lrTable([{ term: '<none>', logLik: lmLogLik(model.fit), npar: model.fit.design.p + 1 }]).slice(1);
      break;
    }
    ran = ranovaOf(table, model, reml, dopts, refits);
    finalRandom = ran.rows.slice(1);
  }
  const random = [...eliminatedRandom, ...finalRandom.map((r) => ({ ...r, eliminated: 0 }))];

  // fixed part
  const fixedRows = (m: AnyFit): AnovaTableRow[] => (m.kind === 'lm' ? drop1Lm(table, m, dopts, refits) : drop1(new LmmInference(m.fit), ddf));
  let rows = fixedRows(model);
  const fixed: (AnovaTableRow & { eliminated: number })[] = [];
  for (;;) {
    const worst = maxP(rows, alphaFixed, (r) => keep.has(r.term));
    if (!worst) break;
    fixed.push({ ...worst, eliminated: fixed.length + 1 });
    const spec = parseModelSpec(model.formula);
    const i = spec.fixed.indexOf(worst.term);
    const reduced = specFormula({ ...spec, fixed: spec.fixed.filter((_, j) => j !== i), fixedVars: spec.fixedVars.filter((_, j) => j !== i) });
    model = refits.fit(table, reduced, reml, dopts);
    rows = fixedRows(model);
  }
  fixed.push(...rows.map((r) => ({ ...r, eliminated: 0 })));
  return { random, fixed, finalFormula: model.formula, model };
}
