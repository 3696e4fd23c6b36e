/**
 * Simulation-based calibration (Talts et al. 2018) of the whole sampler — inits, warm-up adaptation
 * and NUTS — on a small non-centred hierarchical model: draw (μ, σ, z) from the prior, simulate y,
 * sample the posterior, and rank each true value among thinned draws. For a correct sampler the ranks
 * are uniform; a χ² test on binned ranks at a fixed seed catches a wrong one (a sampler that always
 * moves to the newest subtree fails it; see docs/bayes.md).
 */
import { describe, expect, it } from 'vitest';
import { normals, rngFor } from '../../../src-engine/inference/bootstrap';
import { sampleChain } from '../../../src-engine/bayes/nuts/sampleChain';
import { upperChisq } from '../../../src-engine/inference/distributions';
import { hierarchicalNormal } from './targets';

const SIMULATIONS = 1000;
const GROUPS = 4;
const PER_GROUP = 3;
const THIN = 4;
const DRAWS = 99 * THIN; // 99 thinned draws: ranks 0…99, 100 values in 10 bins
const BINS = 10;

/** ranks[parameter][simulation] of the true value among the thinned posterior draws. */
function sbcRanks(): number[][] {
  const normal = normals(rngFor(2026, 999));
  const dim = 2 + GROUPS;
  const ranks: number[][] = Array.from({ length: dim }, () => []);
  for (let s = 0; s < SIMULATIONS; s++) {
    const mu = normal();
    const sigma = Math.abs(normal());
    const z = Array.from({ length: GROUPS }, () => normal());
    const y = z.map((zj) => Float64Array.from({ length: PER_GROUP }, () => mu + sigma * zj + normal()));
    const truth = [mu, Math.log(sigma), ...z];
    const chain = sampleChain(hierarchicalNormal(y), { seed: 5000 + s, chain: 0, settings: { iter: 300 + DRAWS, warmup: 300 } });
    for (let j = 0; j < dim; j++) {
      let r = 0;
      for (let i = THIN - 1; i < DRAWS; i += THIN) if (chain.draws[i * dim + j] < truth[j]) r++;
      ranks[j].push(r);
    }
  }
  return ranks;
}

function chiSquareP(ranks: number[]): number {
  const counts = new Array<number>(BINS).fill(0);
  const width = 100 / BINS;
  for (const r of ranks) counts[Math.floor(r / width)]++;
  const expected = ranks.length / BINS;
  const x2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
  return upperChisq(x2, BINS - 1);
}

describe('simulation-based calibration', () => {
  it('gives uniform ranks for μ, log σ and the group effects (χ² test, each p > 0.001)', () => {
    const ranks = sbcRanks();
    const p = ranks.map(chiSquareP);
    for (const [j, pj] of p.entries()) expect(pj, `parameter ${j}: p = ${pj}`).toBeGreaterThan(0.001);
    // and all parameters pooled, the stricter test
    expect(chiSquareP(ranks.flat())).toBeGreaterThan(0.001);
  });
});
