import { describe, expect, it } from 'vitest';
import { buildDesign } from '../../../src-engine/design/buildDesign';
import { makeFamily } from '../../../src-engine/glmm/family';
import { glmStart } from '../../../src-engine/glmm/glmStart';
import { pirls, type PirlsResult } from '../../../src-engine/glmm/pirls';
import { glmResponse } from '../../../src-engine/glmm/response';
import { WeightedPls } from '../../../src-engine/glmm/weightedPls';
import { buildReBlocks } from '../../../src-engine/lmm/reBlocks';
import { loadCaseTable } from '../lmm/loadCase';

const relDiff = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

function maxRel(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1));
  return m;
}

/** The Laplace value at a PIRLS result without the AIC term (which depends only on μ). */
const laplaceCore = (r: PirlsResult) => r.pls.ldL2 + r.ussq + r.devSum;

describe('PIRLS stopAtNoise (stage 1’s joint iteration stops at its rounding noise)', () => {
  // grouseticks' joint (β, u) system: the case whose stage-1 PIRLS wandered at the noise floor
  const table = loadCaseTable({ data: 'grouseticks.csv', factors: ['INDEX', 'BROOD', 'YEAR', 'LOCATION'], subset: null } as never);
  const family = makeFamily('poisson');
  const design = buildDesign(table, 'TICKS ~ YEAR + cHEIGHT + (1 | BROOD) + (1 | INDEX) + (1 | LOCATION)', { family: 'poisson' });
  const resp = glmResponse(design);
  const { blocks } = buildReBlocks(design);
  const beta0 = glmStart(design, family, resp);
  const u0 = blocks.map((b) => new Float64Array(b.nl * b.S));
  const thetas = [
    [0.5, 1.2, 0.9],
    [1.0, 0.6, 0.8],
    [0.3, 1.0, 0.4],
    [1.5, 0.9, 1.1],
    [0.05, 1.3, 0.7],
  ];

  it('reaches the same modes and objective as the iteration run to STEP_TOL, in no more iterations', () => {
    let fewer = 0;
    for (const th of thetas) {
      const theta = Float64Array.from(th);
      const full = pirls({ design, blocks, family, resp, solver: new WeightedPls(design, blocks, true) }, theta, beta0, u0)!;
      const early = pirls({ design, blocks, family, resp, solver: new WeightedPls(design, blocks, true), stopAtNoise: true }, theta, beta0, u0)!;
      expect(early.converged).toBe(true);
      expect(early.iterations).toBeLessThanOrEqual(full.iterations);
      if (early.iterations < full.iterations) fewer++;
      // the steps left out are below 1e-10 relative: the modes agree to that, the objective far better
      expect(maxRel(early.beta, full.beta)).toBeLessThan(1e-9);
      early.u.forEach((uk, k) => expect(maxRel(uk, full.u[k])).toBeLessThan(1e-9));
      expect(relDiff(laplaceCore(early), laplaceCore(full))).toBeLessThan(1e-12);
    }
    // the rule does fire on this model (else the test would not test it)
    expect(fewer).toBeGreaterThan(0);
  });

  it('changes nothing for the u-only iteration (β fixed) here: it reaches STEP_TOL before the rule can fire', () => {
    for (const th of thetas.slice(0, 2)) {
      const theta = Float64Array.from(th);
      const a = pirls({ design, blocks, family, resp, solver: new WeightedPls(design, blocks, false) }, theta, beta0, u0)!;
      const b = pirls({ design, blocks, family, resp, solver: new WeightedPls(design, blocks, false), stopAtNoise: true }, theta, beta0, u0)!;
      expect(b.iterations).toBe(a.iterations);
      expect(b.devSum).toBe(a.devSum);
    }
  });
});
