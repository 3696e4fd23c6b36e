/**
 * brms's pp_check and loo from stored draws: the replicated responses come from each family's
 * distribution at the draw (moments over many replications at one draw), the density overlay is R's
 * density() of y and of each y_rep, the grouped statistic is Σy/Σtrials per level, the draws are
 * picked reproducibly from the seed — and LOO from the stored draws (group-level effects included)
 * equals LOO from the log-likelihood the chains compute while sampling.
 */
import { describe, expect, it } from 'vitest';
import { runBayesChain } from '../../../src-engine/bayes/fit/bayesChain';
import { kernelDensity } from '../../../src-engine/bayes/diagnostics/kernelDensity';
import { responseSampler } from '../../../src-engine/bayes/fit/posteriorPredict';
import { ppCheck } from '../../../src-engine/bayes/fit/ppCheck';
import { drawsOfChains } from '../../../src-engine/bayes/fit/conditionalEffects';
import { loo } from '../../../src-engine/bayes/loo/loo';
import { looFromDraws } from '../../../src-engine/bayes/loo/looFromDraws';
import { buildBrmsModel } from '../../../src-engine/bayes/model/buildBrmsModel';
import { drawLayout, drawLinearPredictor } from '../../../src-engine/bayes/model/drawPredictor';
import { rngFor } from '../../../src-engine/inference/bootstrap';
import { type Table, columnLabels, getColumn } from '../../../src-engine/data/table';
import { loadCaseTable } from '../lmm/loadCase';

const OY = 'methylated | trials(methylated + unmethylated) ~ treatment * population + (1 | tank)';
const oyster = loadCaseTable({ data: 'oyster_methylation.csv', factors: ['tank', 'treatment', 'population'], subset: { rows: Array.from({ length: 48 }, (_, i) => i + 1) } } as never);
const salamanders = loadCaseTable({ data: 'Salamanders.csv', factors: ['site', 'spp', 'mined'], subset: null } as never);

function sampled(table: Table, formula: string, family: string, logLik = false) {
  const request = { formula, family, priors: [], chains: 2, iter: 300, seed: 5, ...(logLik ? { logLik: true } : {}) };
  const { model } = buildBrmsModel(table, request);
  const chains = [0, 1].map((k) => runBayesChain(model, request, k));
  const draws = drawsOfChains(chains[0].names, chains);
  return { model, chains, draws: { ...draws, values: draws.values as Float64Array } };
}

describe('posterior predictive draws', () => {
  for (const family of ['binomial', 'poisson', 'negbinomial', 'gaussian'] as const) {
    it(`have the ${family} family's mean and variance at a draw`, () => {
      const t = family === 'binomial' ? oyster : salamanders;
      const f = family === 'binomial' ? OY : family === 'gaussian' ? 'count ~ spp + (1 | site)' : 'count ~ spp + mined + (1 | site)';
      const { model, draws } = sampled(t, f, family);
      const K = draws.names.length;
      const d = draws.values.subarray(7 * K, 8 * K);
      const layout = drawLayout(model, draws.names);
      const eta = drawLinearPredictor(model, layout, d, new Float64Array(model.data.n));
      const sample = responseSampler(model, layout, rngFor(3, 0));
      const R = 4000;
      const i = 5;
      let s1 = 0;
      let s2 = 0;
      const out = new Float64Array(model.data.n);
      for (let r = 0; r < R; r++) {
        const y = sample(d, out)[i];
        s1 += y;
        s2 += y * y;
      }
      const mean = s1 / R;
      const variance = s2 / R - mean * mean;
      const dpar = layout.dpar >= 0 ? d[layout.dpar] : NaN;
      let mu: number;
      let v: number;
      if (family === 'binomial') {
        const p = 1 / (1 + Math.exp(-eta[i]));
        const n = model.data.trials![i];
        mu = n * p;
        v = n * p * (1 - p);
      } else if (family === 'gaussian') {
        mu = eta[i];
        v = dpar * dpar;
      } else {
        mu = Math.exp(eta[i]);
        v = family === 'poisson' ? mu : mu + (mu * mu) / dpar;
      }
      expect(Math.abs(mean - mu)).toBeLessThan(4 * Math.sqrt(v / R));
      expect(Math.abs(variance / v - 1)).toBeLessThan(0.15);
    });
  }
});

describe('pp_check', () => {
  const { model, draws } = sampled(oyster, OY, 'binomial');
  const pc = ppCheck(model, oyster, draws, { ndraws: 6, group: 'treatment' });

  it('overlays R’s density of y and of each y_rep over their common range, from reproducible draws', () => {
    expect(pc.ndraws).toBe(6);
    expect(new Set(pc.drawIndices).size).toBe(6);
    expect(pc.density.replicated).toHaveLength(6);
    const y = model.data.y;
    const lo = pc.density.x[0];
    const hi = pc.density.x[511];
    const own = kernelDensity(y, lo, hi, 512);
    expect(pc.density.observed).toEqual(Array.from(own.y));
    expect(Math.min(...y)).toBeGreaterThanOrEqual(lo);
    expect(Math.max(...y)).toBeLessThanOrEqual(hi);
    expect(ppCheck(model, oyster, draws, { ndraws: 6, group: 'treatment' })).toEqual(pc);
    expect(ppCheck(model, oyster, draws, { ndraws: 6, seed: 2 }).drawIndices).not.toEqual(pc.drawIndices);
  });

  it('sets the observed proportion per group against the replicated ones', () => {
    const g = pc.grouped!;
    expect(g.statistic).toBe('proportion');
    expect(g.levels.map((l) => l.level)).toEqual(['control', 'exposed']);
    const treatment = columnLabels(getColumn(oyster, 'treatment')!);
    for (const l of g.levels) {
      let s = 0;
      let n = 0;
      for (let i = 0; i < model.data.n; i++) {
        if (treatment[model.data.rows[i]] !== l.level) continue;
        s += model.data.y[i];
        n += model.data.trials![i];
      }
      expect(l.observed).toBeCloseTo(s / n, 12);
      expect(l.replicated).toHaveLength(Math.min(500, draws.count));
      expect(l.q025).toBeLessThan(l.q975);
      // a fitted model reproduces its own cell proportions: observed well inside the replicated spread
      expect(l.pValue).toBeGreaterThan(0.02);
      expect(l.pValue).toBeLessThan(0.98);
    }
  });

  it('refuses a grouping column that does not exist', () => {
    expect(() => ppCheck(model, oyster, draws, { group: 'nope' })).toThrow(/no column "nope"/);
  });
});

describe('LOO from stored draws', () => {
  it('equals LOO from the log-likelihood the chains computed', () => {
    const { model, chains, draws } = sampled(salamanders, 'count ~ spp + mined + (1 | site)', 'poisson', true);
    const n = model.data.n;
    const S = draws.count;
    const logLik = Array.from({ length: n }, (_, i) => {
      const v = new Float64Array(S);
      let at = 0;
      for (const c of chains) {
        v.set(c.logLik!.subarray(i * c.numSamples, (i + 1) * c.numSamples), at);
        at += c.numSamples;
      }
      return v;
    });
    expect(looFromDraws(model, draws, 2)).toEqual(loo(logLik, 2));
  });

  it('says that a fit stored without its group-level effects must be refitted', () => {
    const { model, draws } = sampled(salamanders, 'count ~ spp + (1 | site)', 'poisson');
    const keep = draws.names.map((nm, j) => [nm, j] as const).filter(([nm]) => !nm.startsWith('r_'));
    const K = draws.names.length;
    const values = new Float64Array(draws.count * keep.length);
    for (let d = 0; d < draws.count; d++) keep.forEach(([, j], k) => (values[d * keep.length + k] = draws.values[d * K + j]));
    expect(() => looFromDraws(model, { names: keep.map(([nm]) => nm), values, count: draws.count }, 2)).toThrow(/without its group-level effects.*fit the model again/);
  });
});
