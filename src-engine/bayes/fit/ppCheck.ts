/**
 * brms's pp_check() from a stored fit's draws: replicated data y_rep from the posterior predictive
 * distribution (posteriorPredict.ts) set against the observed y.
 * - Density overlay (pp_check(fit), bayesplot's ppc_dens_overlay): the kernel density of y and of
 *   `ndraws` y_rep (10 by default, as brms), each as R's density(bw = "nrd0", n = 512) over the common range.
 * - Grouped statistic (pp_check(fit, type = "stat_grouped", group = g)): per level of a column, the
 *   observed proportion of successes (binomial, bernoulli) or mean (the other families) beside the
 *   same statistic over `statDraws` y_rep, with its quantiles and the posterior predictive p-value
 *   P(T(y_rep) ≥ T(y)).
 * The draws used are picked by a seeded stream (brms picks them with R's RNG, so they differ from
 * brms's own, as between two runs of pp_check).
 */
import { type Table, columnLabels, getColumn } from '../../data/table';
import { QuadratError } from '../../errors/quadratError';
import { rngFor } from '../../inference/bootstrap';
import { quantileSorted } from '../diagnostics/quantile';
import { type BrmsModel } from '../model/brmsModel';
import { drawLayout } from '../model/drawPredictor';
import { type Draws } from './conditionalEffects';
import { kernelDensity } from '../diagnostics/kernelDensity';
import { responseSampler } from './posteriorPredict';

export interface PpCheckOptions {
  ndraws?: number;
  /** A column of the data to group the statistic by. */
  group?: string | null;
  statDraws?: number;
  seed?: number;
}

export interface PpGroupedLevel {
  level: string;
  observed: number;
  /** The statistic of each y_rep draw. */
  replicated: number[];
  q025: number;
  q25: number;
  q50: number;
  q75: number;
  q975: number;
  /** P(T(y_rep) ≥ T(y)). */
  pValue: number;
}

export interface PpCheck {
  response: string;
  family: string;
  ndraws: number;
  /** 0-based positions of the draws used for the density overlay (chains one after another). */
  drawIndices: number[];
  density: { x: number[]; observed: number[]; replicated: number[][]; bandwidth: number };
  grouped: { group: string; statistic: 'proportion' | 'mean'; draws: number; levels: PpGroupedLevel[] } | null;
}

/** `count` distinct draw positions out of `total`, from a seeded stream. */
function pickDraws(total: number, count: number, uniform: () => number): number[] {
  const all = Array.from({ length: total }, (_, i) => i);
  const k = Math.min(count, total);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(uniform() * (total - i));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, k);
}

export function ppCheck(model: BrmsModel, table: Table, draws: Draws, options: PpCheckOptions = {}): PpCheck {
  const ndraws = options.ndraws ?? 10;
  const statDraws = options.statDraws ?? 500;
  const seed = options.seed ?? 1;
  const { data, family } = model;
  const n = data.n;
  const K = draws.names.length;
  const layout = drawLayout(model, draws.names);
  const drawAt = (d: number) => (draws.values as Float64Array).subarray(d * K, (d + 1) * K);
  const sample = responseSampler(model, layout, rngFor(seed, 1));
  const picks = pickDraws(draws.count, ndraws, rngFor(seed, 0));
  const yrep = picks.map((d) => sample(drawAt(d), new Float64Array(n)));

  // density overlay over the range of y and every y_rep
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of [data.y, ...yrep]) for (let i = 0; i < n; i++) {
    lo = Math.min(lo, v[i]);
    hi = Math.max(hi, v[i]);
  }
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const observed = kernelDensity(data.y, lo, hi, 512);
  const density = {
    x: Array.from(observed.x),
    observed: Array.from(observed.y),
    replicated: yrep.map((v) => Array.from(kernelDensity(v, lo, hi, 512).y)),
    bandwidth: observed.bw,
  };

  let grouped: PpCheck['grouped'] = null;
  if (options.group) {
    const col = getColumn(table, options.group);
    if (!col) throw new QuadratError('input', `There is no column "${options.group}" to group the check by.`, { columnName: options.group });
    const labels = columnLabels(col);
    const rowLabel = Array.from({ length: n }, (_, i) => labels[data.rows[i]] ?? 'NA');
    const levels = [...new Set(rowLabel)];
    if (levels.length > 50) throw new QuadratError('input', `"${options.group}" has ${levels.length} values among the model's rows; group the check by a column with at most 50.`, { columnName: options.group });
    const index = new Map(levels.map((l, k) => [l, k]));
    const ref = rowLabel.map((l) => index.get(l)!);
    const proportion = family.name === 'binomial' || family.name === 'bernoulli';
    const denom = new Float64Array(levels.length);
    for (let i = 0; i < n; i++) denom[ref[i]] += proportion ? data.trials![i] : 1;
    const stat = (y: ArrayLike<number>) => {
      const s = new Float64Array(levels.length);
      for (let i = 0; i < n; i++) s[ref[i]] += y[i];
      return Array.from(s, (v, k) => v / denom[k]);
    };
    const obs = stat(data.y);
    const statSample = responseSampler(model, layout, rngFor(seed, 3));
    const statPicks = pickDraws(draws.count, statDraws, rngFor(seed, 2));
    const buf = new Float64Array(n);
    const reps = statPicks.map((d) => stat(statSample(drawAt(d), buf)));
    grouped = {
      group: options.group,
      statistic: proportion ? 'proportion' : 'mean',
      draws: statPicks.length,
      levels: levels.map((level, k) => {
        const replicated = reps.map((r) => r[k]);
        const sorted = Float64Array.from(replicated).sort();
        return {
          level,
          observed: obs[k],
          replicated,
          q025: quantileSorted(sorted, 0.025),
          q25: quantileSorted(sorted, 0.25),
          q50: quantileSorted(sorted, 0.5),
          q75: quantileSorted(sorted, 0.75),
          q975: quantileSorted(sorted, 0.975),
          pValue: replicated.filter((v) => v >= obs[k]).length / replicated.length,
        };
      }),
    };
  }
  return { response: data.responseName, family: family.name, ndraws: picks.length, drawIndices: picks, density, grouped };
}
