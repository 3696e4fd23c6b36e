/**
 * Estimated marginal means of a factor and their pairwise differences, as emmeans(m, pairwise ~ f),
 * or within each level of a second factor, as emmeans(m, pairwise ~ f | by):
 * the reference grid crosses every factor's levels with every numeric covariate at its mean; the
 * mean for a level averages the grid predictions over the other factors with equal weights. df by
 * Satterthwaite (lmerTest's) or Kenward–Roger (with the adjusted covariance Φ_A, as emmeans uses
 * pbkrtest); pairwise p-values adjusted by Tukey (studentized range), Holm, or not at all.
 */
import { QuadratError } from '../errors/quadratError';
import { type FixedTerms, type MixedDesign } from '../design/mixedDesign';
import { type DdfMethod, type LmmInference } from './lmmInference';
import { twoSidedT } from './distributions';
import { ptukey } from './ptukey';
import { waldInterval } from './contestTable';

export type PAdjust = 'tukey' | 'holm' | 'none';

export interface EmmeanRow {
  level: string;
  /** The level of the `by` factor this mean is within (only with `by`). */
  by?: string;
  emmean: number;
  SE: number;
  df: number;
  lowerCL: number;
  upperCL: number;
}

export interface PairwiseRow {
  contrast: string;
  /** The level of the `by` factor the comparison is within (only with `by`). */
  by?: string;
  estimate: number;
  SE: number;
  df: number;
  tRatio: number;
  pValue: number;
}

export interface Emmeans {
  factor: string;
  /** The factor the means are computed within, or null. */
  by: string | null;
  emmeans: EmmeanRow[];
  contrasts: PairwiseRow[];
  adjust: PAdjust;
  /** emmeans' notes, word for word (e.g. the one on interactions). */
  notes: string[];
}

/** emmeans' own words when the factor interacts with a variable the means average over (or hold at its mean). */
export const INTERACTION_NOTE = 'Results may be misleading due to involvement in interactions';

/** Does a term hold the factor together with a variable that is neither it nor the `by` factor? (emmeans' rule) */
function involvedInInteractions(ft: FixedTerms, factor: string, by: string | null): boolean {
  return ft.variables.some((vars) => vars.includes(factor) && vars.some((v) => v !== factor && v !== by));
}

const PLAIN_NAME = /^([A-Za-z.][A-Za-z0-9._]*|`[^`]+`)$/;

/** The model-matrix row for one grid point (factor levels by index; numerics at their means). */
export function gridRow(ft: FixedTerms, at: Map<string, number>): number[] {
  const row: number[] = ft.intercept ? [1] : [];
  ft.variables.forEach((vars, t) => {
    let block = [1];
    vars.forEach((v, m) => {
      const info = ft.variableInfo[v];
      let values: number[];
      if (info.type === 'numeric') values = [info.mean!];
      else {
        const levels = info.levels!;
        const first = ft.codes[t][m] === 2 ? 0 : 1;
        values = levels.slice(first).map((_, i) => (i + first === at.get(v) ? 1 : 0));
      }
      // the first variable varies fastest
      const next: number[] = [];
      for (const b of values) for (const a of block) next.push(a * b);
      block = next;
    });
    row.push(...block);
  });
  return row;
}

/** Holm's step-down adjustment (R's p.adjust(p, "holm")). */
export function holm(p: number[]): number[] {
  const order = p.map((_, i) => i).sort((a, b) => p[a] - p[b]);
  const out = new Array<number>(p.length);
  let running = 0;
  order.forEach((i, k) => {
    running = Math.max(running, Math.min(1, (p.length - k) * p[i]));
    out[i] = running;
  });
  return out;
}

/** A factor (or logical) among the fixed effects, or a model error naming the ones there are. */
function checkFactor(ft: FixedTerms, name: string, role: string): FixedTerms['variableInfo'][string] {
  const info = ft.variableInfo[name];
  if (!info || (info.type !== 'factor' && info.type !== 'logical')) {
    const factors = Object.entries(ft.variableInfo).filter(([, i]) => i.type === 'factor' || i.type === 'logical').map(([k]) => k);
    throw new QuadratError('model', `${name} is not a factor among the fixed effects${role}${factors.length ? ` (factors: ${factors.join(', ')})` : ''}.`);
  }
  return info;
}

export interface EmmeansOptions {
  ddf?: DdfMethod;
  adjust?: PAdjust;
  level?: number;
  /** Compare the levels of the factor within each level of this factor (emmeans' `| by`). */
  by?: string | null;
}

/** What marginal means need from a fit: its design and a test of one linear combination of β (LmmInference, GlmmInference). */
export interface MeansSource {
  readonly fit: { readonly model: { readonly design: MixedDesign } };
  contest1D: LmmInference['contest1D'];
}

export function emmeans(inf: MeansSource, factor: string, options: EmmeansOptions = {}): Emmeans {
  const ddf = options.ddf ?? 'satterthwaite';
  const adjust = options.adjust ?? 'tukey';
  const by = options.by ?? null;
  const design = inf.fit.model.design;
  const ft = design.fixedTerms;
  if (!ft) throw new QuadratError('model', 'Marginal means need the model formula’s term structure.');
  const target = checkFactor(ft, factor, '');
  const byInfo = by === null ? null : checkFactor(ft, by, ' to compare within');
  if (by === factor) throw new QuadratError('model', `The means of ${factor} cannot be compared within ${factor} itself: choose another factor, or none.`);
  if (design.droppedFixed.length) throw new QuadratError('model', `Marginal means are not available when coefficients were dropped as aliased (${design.droppedFixed.join(', ')}).`);
  for (const [v, info] of Object.entries(ft.variableInfo)) {
    if (info.type === 'matrix' || (info.type === 'numeric' && !PLAIN_NAME.test(v))) {
      throw new QuadratError('model', `Marginal means need covariates that are plain columns; ${v} is a transformation. Compute it as a new column first.`);
    }
  }
  const factors = Object.entries(ft.variableInfo).filter(([, i]) => i.type !== 'numeric').map(([k, i]) => ({ name: k, n: i.levels!.length }));
  const others = factors.filter((f) => f.name !== factor && f.name !== by);
  const nLevels = target.levels!.length;
  const p = design.p;
  /** The grid rows of level k (with `by` at level b) averaged over every combination of the other factors. */
  const meanRow = (k: number, b: number | null): number[] => {
    const sum = new Array<number>(p).fill(0);
    let count = 0;
    const idx = others.map(() => 0);
    for (;;) {
      const at = new Map<string, number>([[factor, k], ...others.map((f, i) => [f.name, idx[i]] as [string, number])]);
      if (by !== null && b !== null) at.set(by, b);
      gridRow(ft, at).forEach((v, j) => (sum[j] += v));
      count++;
      let d = 0;
      while (d < idx.length && ++idx[d] === others[d].n) idx[d++] = 0;
      if (d === idx.length) break;
    }
    return sum.map((v) => v / count);
  };
  const level = options.level ?? 0.95;
  const labels = target.levels!;
  // emmeans prefixes numeric-looking levels with the factor name in contrast labels
  const name = (k: number) => (Number.isFinite(Number(labels[k])) && labels[k].trim() !== '' ? `${factor}${labels[k]}` : labels[k]);
  const emm: EmmeanRow[] = [];
  const pairs: PairwiseRow[] = [];
  const groups: (number | null)[] = byInfo ? byInfo.levels!.map((_, b) => b) : [null];
  for (const b of groups) {
    const within = b === null ? {} : { by: byInfo!.levels![b] };
    const L = labels.map((_, k) => meanRow(k, b));
    L.forEach((row, k) => {
      const t = inf.contest1D(row, ddf);
      const ci = waldInterval(t.estimate, t.stdError, t.df, level);
      emm.push({ level: labels[k], ...within, emmean: t.estimate, SE: t.stdError, df: t.df, lowerCL: ci.lower, upperCL: ci.upper });
    });
    // each by group is its own family for the adjustment, as in emmeans
    const family: PairwiseRow[] = [];
    for (let a = 0; a < nLevels; a++)
      for (let c = a + 1; c < nLevels; c++) {
        const t = inf.contest1D(L[a].map((v, j) => v - L[c][j]), ddf);
        family.push({ contrast: `${name(a)} - ${name(c)}`, ...within, estimate: t.estimate, SE: t.stdError, df: t.df, tRatio: t.tValue, pValue: t.pValue });
      }
    if (adjust === 'tukey') for (const r of family) r.pValue = ptukey(Math.SQRT2 * Math.abs(r.tRatio), nLevels, r.df, true);
    else if (adjust === 'holm') holm(family.map((r) => r.pValue)).forEach((v, i) => (family[i].pValue = v));
    else for (const r of family) r.pValue = twoSidedT(r.tRatio, r.df);
    pairs.push(...family);
  }
  return { factor, by, emmeans: emm, contrasts: pairs, adjust, notes: involvedInInteractions(ft, factor, by) ? [INTERACTION_NOTE] : [] };
}
