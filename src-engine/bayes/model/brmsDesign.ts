/**
 * The data of a brms model (what make_standata() passes to Stan), built with Quadrat's design code:
 * the response (binomial: successes and trials), the population-level matrix without its intercept
 * column, centred (Xc = X − colMeans, brms's `Xc` and `means_X`), and one group-level term per
 * written `(… | g)` (and per group of a nested `g/h`) in brms's order — written order, a nested group's
 * outer factor first — with all of its coefficients together, correlated or (`||`) not.
 */
import { type Table } from '../../data/table';
import { compareLabels } from '../../data/levels';
import { buildDesign } from '../../design/buildDesign';
import { type EvalContext } from '../../design/evaluate';
import { asGroupingFactor } from '../../design/grouping';
import { buildModelFrame } from '../../design/modelFrame';
import { buildReTerms } from '../../design/reTerms';
import { type FactorValue } from '../../design/values';
import { QuadratError } from '../../errors/quadratError';
import { glmResponse } from '../../glmm/response';
import { separationCheck } from '../../glmm/separation';
import { type Separation } from '../../lmm/fitReport';
import { analyzeFormula, type RandomAnalysis } from '../../formula/analyze';
import { type BrmsFamily } from './brmsFamily';
import { readBrmsFormula } from './brmsFormula';

export interface BrmsGroupTerm {
  /** brms's name of the group: "Subject", "site:plot" for a nested site/plot. */
  readonly group: string;
  readonly levels: readonly string[];
  /** Level (0-based) of each observation. */
  readonly refs: Int32Array;
  /** brms's names of the term's coefficients: "Intercept", "Days". */
  readonly coefNames: readonly string[];
  /** Term model matrix, row-major n × M. */
  readonly Z: Float64Array;
  /** False for `||`. */
  readonly cor: boolean;
}

export interface BrmsData {
  readonly n: number;
  /** The table rows the model uses (0-based), observation by observation. */
  readonly rows: ArrayLike<number>;
  /** The response as brms names it (y of `y | trials(n)`). */
  readonly responseName: string;
  /** The response as brms's Y: gaussian values, 0/1, counts of successes. */
  readonly y: Float64Array;
  /** Binomial trials (1 for bernoulli), undefined for the other families. */
  readonly trials: Float64Array | undefined;
  readonly hasIntercept: boolean;
  /** R's names of the population-level coefficients other than the intercept. */
  readonly bNames: readonly string[];
  /** Centred population-level matrix without the intercept column, column-major n × Kc. */
  readonly Xc: Float64Array;
  readonly meansX: Float64Array;
  readonly offset: Float64Array | undefined;
  readonly terms: readonly BrmsGroupTerm[];
  readonly warnings: readonly string[];
  /** Cells of the design at 0 %/100 % (or all-zero counts), from the GLMM engine's check, or null. */
  readonly separation: Separation | null;
}

export interface BrmsDataOptions {
  readonly factors?: readonly string[];
}

export function buildBrmsData(table: Table, formula: string, family: BrmsFamily, options: BrmsDataOptions = {}): BrmsData {
  const f = readBrmsFormula(formula);
  if (f.trials !== undefined && family.name !== 'binomial') throw new QuadratError('formula', `"| trials(${f.trials})" is for the binomial family, not ${family.name}.`);
  if (family.name === 'binomial' && f.trials === undefined && !/^\s*cbind\s*\(/.test(f.text)) {
    throw new QuadratError('formula', `The binomial family needs the number of trials: write "${f.text.split('~')[0].trim()} | trials(n) ~ …" or cbind(successes, failures) ~ …. For a 0/1 response use the bernoulli family.`);
  }
  const design = buildDesign(table, f.text, { family: family.responseFamily, ...(options.factors ? { factors: options.factors } : {}) });
  if (design.weights) throw new QuadratError('model', 'Prior weights are not supported by the Bayesian models.');
  const { n, p } = design;
  if (family.name === 'bernoulli' && design.trials) throw new QuadratError('formula', 'The bernoulli family is for a 0/1 response; for successes out of trials use the binomial family.');

  // brms's Y: successes for binomial (the design holds the proportion)
  let y = design.y;
  const trials = family.name === 'binomial' ? design.trials : family.name === 'bernoulli' ? new Float64Array(n).fill(1) : undefined;
  if (family.name === 'binomial') y = Float64Array.from(design.y, (v, i) => Math.round(v * design.trials![i]));
  if (family.name === 'poisson' || family.name === 'negbinomial') {
    const frac = y.findIndex((v) => v !== Math.round(v));
    if (frac >= 0) throw new QuadratError('data', `The ${family.name} family needs whole-number counts, but ${design.responseName} is ${y[frac]} in data row ${design.rows[frac] + 1}.`, { line: design.rows[frac] + 1 });
  }

  const hasIntercept = design.fixedNames[0] === '(Intercept)';
  const first = hasIntercept ? 1 : 0;
  const Kc = p - first;
  const Xc = new Float64Array(n * Kc);
  const meansX = new Float64Array(Kc);
  for (let k = 0; k < Kc; k++) {
    const col = design.X.subarray((k + first) * n, (k + first + 1) * n);
    let s = 0;
    for (let i = 0; i < n; i++) s += col[i];
    // brms centres only with an intercept; without one b multiplies X itself
    const m = hasIntercept ? s / n : 0;
    meansX[k] = m;
    for (let i = 0; i < n; i++) Xc[k * n + i] = col[i] - m;
  }
  return {
    n,
    rows: design.rows,
    responseName: design.trials ? f.response : design.responseName,
    y,
    trials,
    hasIntercept,
    bNames: design.fixedNames.slice(first),
    Xc,
    meansX,
    offset: design.offset,
    terms: groupTerms(table, f.text, options),
    warnings: design.warnings,
    separation: family.responseFamily === 'gaussian' ? null : separationCheck(design, design.y, glmResponse(design).weights, family.responseFamily),
  };
}

/**
 * brms's levels of an interaction group a:b: the combinations that occur, labelled "a_b" and sorted as
 * strings (as R collates in a UTF-8 locale), where lme4's %i% labels them "a:b" in the order of a's then b's levels.
 */
function interactionLevels(factors: readonly FactorValue[]): { levels: string[]; refs: Int32Array } {
  const n = factors[0].codes.length;
  const labels = Array.from({ length: n }, (_, i) => factors.map((f) => f.levels[f.codes[i]]).join('_'));
  const levels = [...new Set(labels)].sort((a, b) => compareLabels(a, b));
  const index = new Map(levels.map((l, k) => [l, k]));
  return { levels, refs: Int32Array.from(labels, (l) => index.get(l)!) };
}

/** Group-level terms as brms builds them (see the file comment); rows as buildDesign keeps them. */
function groupTerms(table: Table, text: string, options: BrmsDataOptions): BrmsGroupTerm[] {
  const a = analyzeFormula(text);
  // every term with all its columns: brms's (a || g) is one term with uncorrelated coefficients
  const random: RandomAnalysis[] = a.random.map((r) => ({ ...r, correlated: true }));
  const ctx: EvalContext = { table, factors: new Set(options.factors ?? []), warnings: [] };
  const frame = buildModelFrame({ ...a, random }, ctx, undefined);
  const built = buildReTerms(random, (label) => frame.values.get(label)!, frame.rows.length);
  const out: BrmsGroupTerm[] = [];
  for (const r of a.random) {
    // lme4 lists a/b/c as c:(b:a), b:a, a; brms as a, a:b, a:b:c
    for (const g of [...r.group.groups].reverse()) {
      const term = built.find((b) => b.source === g);
      if (!term) throw new Error(`group-level term for ${g.label} not built`);
      // brms names a nested group in written order (a/b → a:b); lme4's leaves are innermost first
      const leaves = r.group.groups.length > 1 ? [...g.leaves].reverse() : g.leaves;
      const { levels, refs } = leaves.length > 1 ? interactionLevels(leaves.map((l) => asGroupingFactor(frame.values.get(l.name)!))) : term;
      out.push({
        group: leaves.map((l) => l.name).join(':'),
        levels,
        refs,
        coefNames: term.termNames.map((nm) => (nm === '(Intercept)' ? 'Intercept' : nm)),
        Z: term.z,
        cor: r.correlated,
      });
    }
  }
  return out;
}
