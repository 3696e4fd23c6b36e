/**
 * Estimated marginal means of a factor and their pairwise differences, as emmeans(m, pairwise ~ f):
 * the reference grid crosses every factor's levels with every numeric covariate at its mean; the
 * mean for a level averages the grid predictions over the other factors with equal weights. df by
 * Satterthwaite (lmerTest's) or Kenward–Roger (with the adjusted covariance Φ_A, as emmeans uses
 * pbkrtest); pairwise p-values adjusted by Tukey (studentized range), Holm, or not at all.
 */
import { QuadratError } from '../errors/quadratError';
import { type FixedTerms } from '../design/mixedDesign';
import { type DdfMethod, type LmmInference } from './contest';
import { twoSidedT } from './distributions';
import { ptukey } from './ptukey';
import { waldInterval } from './contestTable';

export type PAdjust = 'tukey' | 'holm' | 'none';

export interface EmmeanRow {
  level: string;
  emmean: number;
  SE: number;
  df: number;
  lowerCL: number;
  upperCL: number;
}

export interface PairwiseRow {
  contrast: string;
  estimate: number;
  SE: number;
  df: number;
  tRatio: number;
  pValue: number;
}

export interface Emmeans {
  factor: string;
  emmeans: EmmeanRow[];
  contrasts: PairwiseRow[];
  adjust: PAdjust;
}

const PLAIN_NAME = /^([A-Za-z.][A-Za-z0-9._]*|`[^`]+`)$/;

/** The model-matrix row for one grid point (factor levels by index; numerics at their means). */
function gridRow(ft: FixedTerms, at: Map<string, number>): number[] {
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

export function emmeans(inf: LmmInference, factor: string, options: { ddf?: DdfMethod; adjust?: PAdjust; level?: number } = {}): Emmeans {
  const ddf = options.ddf ?? 'satterthwaite';
  const adjust = options.adjust ?? 'tukey';
  const design = inf.fit.model.design;
  const ft = design.fixedTerms;
  if (!ft) throw new QuadratError('model', 'Marginal means need the model formula’s term structure.');
  const target = ft.variableInfo[factor];
  if (!target || (target.type !== 'factor' && target.type !== 'logical')) {
    const factors = Object.entries(ft.variableInfo).filter(([, i]) => i.type === 'factor' || i.type === 'logical').map(([k]) => k);
    throw new QuadratError('model', `${factor} is not a factor among the fixed effects${factors.length ? ` (factors: ${factors.join(', ')})` : ''}.`);
  }
  if (design.droppedFixed.length) throw new QuadratError('model', `Marginal means are not available when coefficients were dropped as aliased (${design.droppedFixed.join(', ')}).`);
  for (const [v, info] of Object.entries(ft.variableInfo)) {
    if (info.type === 'matrix' || (info.type === 'numeric' && !PLAIN_NAME.test(v))) {
      throw new QuadratError('model', `Marginal means need covariates that are plain columns; ${v} is a transformation. Compute it as a new column first.`);
    }
  }
  const factors = Object.entries(ft.variableInfo).filter(([, i]) => i.type !== 'numeric').map(([k, i]) => ({ name: k, n: i.levels!.length }));
  const others = factors.filter((f) => f.name !== factor);
  const nLevels = target.levels!.length;
  const p = design.p;
  // average the grid rows over every combination of the other factors
  const L: number[][] = [];
  for (let k = 0; k < nLevels; k++) {
    const sum = new Array<number>(p).fill(0);
    let count = 0;
    const idx = others.map(() => 0);
    for (;;) {
      const at = new Map<string, number>([[factor, k], ...others.map((f, i) => [f.name, idx[i]] as [string, number])]);
      gridRow(ft, at).forEach((v, j) => (sum[j] += v));
      count++;
      let d = 0;
      while (d < idx.length && ++idx[d] === others[d].n) idx[d++] = 0;
      if (d === idx.length) break;
    }
    L.push(sum.map((v) => v / count));
  }
  const level = options.level ?? 0.95;
  const labels = target.levels!;
  const emm = L.map((row, k) => {
    const t = inf.contest1D(row, ddf);
    const ci = waldInterval(t.estimate, t.stdError, t.df, level);
    return { level: labels[k], emmean: t.estimate, SE: t.stdError, df: t.df, lowerCL: ci.lower, upperCL: ci.upper };
  });
  // emmeans prefixes numeric-looking levels with the factor name in contrast labels
  const name = (k: number) => (Number.isFinite(Number(labels[k])) && labels[k].trim() !== '' ? `${factor}${labels[k]}` : labels[k]);
  const pairs: PairwiseRow[] = [];
  for (let a = 0; a < nLevels; a++)
    for (let b = a + 1; b < nLevels; b++) {
      const t = inf.contest1D(L[a].map((v, j) => v - L[b][j]), ddf);
      pairs.push({ contrast: `${name(a)} - ${name(b)}`, estimate: t.estimate, SE: t.stdError, df: t.df, tRatio: t.tValue, pValue: t.pValue });
    }
  if (adjust === 'tukey') for (const r of pairs) r.pValue = ptukey(Math.SQRT2 * Math.abs(r.tRatio), nLevels, r.df, true);
  else if (adjust === 'holm') holm(pairs.map((r) => r.pValue)).forEach((v, i) => (pairs[i].pValue = v));
  else for (const r of pairs) r.pValue = twoSidedT(r.tRatio, r.df);
  return { factor, emmeans: emm, contrasts: pairs, adjust };
}
