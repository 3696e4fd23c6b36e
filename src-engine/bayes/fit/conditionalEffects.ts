/**
 * brms's conditional_effects(fit, "x") and conditional_effects(fit, "x:f") from stored draws: 100
 * points over the range of x in the data, one curve per level of f, the other numeric columns at their
 * means and the other factors at their reference levels, random effects left out (re_formula = NA);
 * at each point the posterior of the mean μ = g⁻¹(x'b) — its median and 2.5 % and 97.5 % quantiles,
 * as brms summarises with robust = TRUE. For the binomial family μ is the probability per trial.
 */
import { type Table } from '../../data/table';
import { buildDesign } from '../../design/buildDesign';
import { QuadratError } from '../../errors/quadratError';
import { linkByName } from '../../glmm/link';
import { effectRows } from '../../inference/predict/effects';
import { newDataDesign } from '../../inference/predict/newDataDesign';
import { quantileSorted } from '../diagnostics/quantile';
import { brmsFamily } from '../model/brmsFamily';
import { readBrmsFormula } from '../model/brmsFormula';
import { brmsName } from '../model/brmsNames';

export interface Draws {
  /** Every stored quantity's name (brms's), and the draws: values[d * names.length + j]. */
  names: readonly string[];
  values: ArrayLike<number>;
  count: number;
}

/** Chains' draws (draw-major, `names.length` values each) one after another, as the engine's jobs take them. */
export function drawsOfChains(names: readonly string[], chains: readonly { numSamples: number; values: Float64Array }[]): Draws {
  const K = names.length;
  const count = chains.reduce((s, c) => s + c.numSamples, 0);
  const values = new Float64Array(count * K);
  let at = 0;
  for (const c of chains) {
    values.set(c.values.subarray(0, c.numSamples * K), at);
    at += c.numSamples * K;
  }
  return { names, values, count };
}

export interface ConditionalEffects {
  x: string;
  by: string | null;
  response: string;
  curves: { level: string | null; x: number[]; estimate: number[]; lower: number[]; upper: number[] }[];
  held: string[];
}

export function conditionalEffects(table: Table, spec: { formula: string; family: string }, draws: Draws, x: string, by: string | null, points = 100): ConditionalEffects {
  const family = brmsFamily(spec.family);
  const f = readBrmsFormula(spec.formula);
  const design = buildDesign(table, f.text, { family: family.responseFamily });
  const grid = effectRows(table, f.text, design.rows, x, by, points);
  const nd = newDataDesign(table, { formula: f.text, fixedNames: design.fixedNames, blocks: [], reterms: [] }, grid.rows);
  const at = design.fixedNames.map((name) => {
    const draw = name === '(Intercept)' ? 'b_Intercept' : `b_${brmsName(name)}`;
    const j = draws.names.indexOf(draw);
    if (j < 0) throw new QuadratError('input', `The stored draws have no ${draw}; fit the Bayesian model again.`);
    return j;
  });
  const link = linkByName(family.link);
  const K = draws.names.length;
  const m = nd.rows.length;
  const p = at.length;
  const mu = new Float64Array(draws.count);
  const estimate: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  for (let i = 0; i < m; i++) {
    for (let d = 0; d < draws.count; d++) {
      let eta = nd.offset ? nd.offset[i] : 0;
      for (let j = 0; j < p; j++) eta += nd.X[j * m + i] * draws.values[d * K + at[j]];
      mu[d] = link.linkinv(eta);
    }
    const sorted = mu.slice().sort();
    estimate.push(quantileSorted(sorted, 0.5));
    lower.push(quantileSorted(sorted, 0.025));
    upper.push(quantileSorted(sorted, 0.975));
  }
  const curves = grid.levels.map((level, k) => ({
    level,
    x: grid.grid,
    estimate: estimate.slice(k * points, (k + 1) * points),
    lower: lower.slice(k * points, (k + 1) * points),
    upper: upper.slice(k * points, (k + 1) * points),
  }));
  return { x, by, response: design.responseName, curves, held: grid.held };
}
