/**
 * The exact gradient of the Laplace objective (laplaceGradient.ts) against central differences of the
 * objective itself, on the canonical-link glmer fixtures (scalar, crossed, nested, a vector-valued rest
 * block, offsets, proportions with weights) and on a vector-valued block 0, away from the optimum so
 * every component is non-trivial.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Table } from '../../../src-engine/data/table';
import { buildDesign } from '../../../src-engine/design/buildDesign';
import { makeFamily } from '../../../src-engine/glmm/family';
import { GlmmModel } from '../../../src-engine/glmm/glmmModel';
import { glmStart } from '../../../src-engine/glmm/glmStart';
import { glmResponse } from '../../../src-engine/glmm/response';
import { tableFromCsvText } from '../../../src-engine/data/importDelimited';
import { loadCaseTable } from '../lmm/loadCase';

const DIR = 'test/reference/fixtures/glmer';

function modelOf(table: Table, formula: string, family: string, weights?: string): GlmmModel {
  const fam = makeFamily(family);
  const design = buildDesign(table, formula, { ...(weights ? { weights } : {}), family: fam.name as never });
  const resp = glmResponse(design);
  return new GlmmModel(design, fam, resp, glmStart(design, fam, resp));
}

/** Largest |exact − central difference| relative to max(1, |central difference|) over the components. */
function worstError(model: GlmmModel, par: Float64Array): { err: number; g: Float64Array } {
  const g = model.laplaceGradient(par)!;
  let err = 0;
  for (let i = 0; i < par.length; i++) {
    const h = 1e-5 * Math.max(1, Math.abs(par[i]));
    const up = par.slice();
    up[i] += h;
    const down = par.slice();
    down[i] -= h;
    const fd = (model.objective(up, 1) - model.objective(down, 1)) / (2 * h);
    err = Math.max(err, Math.abs(g[i] - fd) / Math.max(1, Math.abs(fd)));
  }
  return { err, g };
}

describe('exact gradient of the Laplace objective', () => {
  const cases = readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')))
    .filter((fx) => fx.nAGQ === 1 && ['binomial/logit', 'poisson/log'].includes(`${fx.family}/${fx.link}`) && fx.case !== 'oyster_locus_separated');

  it('covers the canonical cases', () => expect(cases.length).toBeGreaterThanOrEqual(9));

  for (const fx of cases) {
    it(`agrees with central differences: ${fx.case}`, () => {
      const table = loadCaseTable({ data: fx.data, factors: fx.factors, subset: fx.subset } as never);
      const model = modelOf(table, fx.formula, fx.family, fx.weights ?? undefined);
      expect(model.hasGradient).toBe(true);
      // off the optimum: θ up by 20 % (and 0.1 where it is 0), β moved by 0.05
      const par = Float64Array.from([...fx.expected.theta.map((t: number) => (t === 0 ? 0.1 : 1.2 * t)), ...fx.expected.beta.map((b: number) => b + 0.05)]);
      const { err, g } = worstError(model, par);
      expect(Math.max(...Array.from(g, Math.abs))).toBeGreaterThan(1e-2);
      expect(err).toBeLessThan(2e-5);
    });

    it(`keeps no state between gradients in its working arrays (its own and the selected inverse's): ${fx.case}`, () => {
      const table = loadCaseTable({ data: fx.data, factors: fx.factors, subset: fx.subset } as never);
      const reused = modelOf(table, fx.formula, fx.family, fx.weights ?? undefined);
      const fresh = modelOf(table, fx.formula, fx.family, fx.weights ?? undefined);
      const at = (scale: number, shift: number) =>
        Float64Array.from([...fx.expected.theta.map((t: number) => (t === 0 ? 0.1 : scale * t)), ...fx.expected.beta.map((b: number) => b + shift)]);
      // the same evaluations on both models (PIRLS's warm starts agree); `fresh` gets a new
      // LaplaceGradient, and so new working arrays, for its second gradient
      const first = reused.laplaceGradient(at(1.2, 0.05))!;
      fresh.laplaceGradient(at(1.2, 0.05));
      (fresh as unknown as { gradientOf: unknown }).gradientOf = undefined;
      const second = reused.laplaceGradient(at(1, 0))!;
      expect(second).not.toBe(first);
      expect(Array.from(second)).toEqual(Array.from(fresh.laplaceGradient(at(1, 0))!));
    });
  }

  it('agrees with central differences for a correlated random slope in block 0', () => {
    // deterministic data: 40 groups × 12 observations, Poisson with a group slope
    const n = 480;
    const lines = ['y,x,g'];
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < n; i++) {
      const grp = Math.floor(i / 12);
      x[i] = (i % 12) / 6 - 1;
      const rate = Math.exp(0.5 + 0.3 * x[i] + 0.4 * Math.sin(grp) + 0.3 * Math.cos(3 * grp) * x[i]);
      y[i] = Math.floor(rate * 2 * rand() + rand() * 2);
      lines.push(`${y[i]},${x[i]},g${grp}`);
    }
    const table = tableFromCsvText(lines.join('\n'));
    const model = modelOf(table, 'y ~ x + (1 + x | g)', 'poisson');
    expect(model.blocks[0].S).toBe(2);
    const { err } = worstError(model, Float64Array.from([0.5, 0.2, 0.4, 0.3, 0.2]));
    expect(err).toBeLessThan(2e-5);
  });
});
