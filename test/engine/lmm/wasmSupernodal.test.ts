/**
 * The supernodal factorization's scaling and elimination in the Cholesky kernel (lmm/wasmSupernodal.ts)
 * against the same factorizer's JS, bit for bit: every supernode's D and O, the dense rest's factor and the
 * criterion's parts. Designs: the field_small fixture (site slopes, plots, a crossed year), three scalar
 * levels of nesting, vector-valued plots with a vector-valued crossed block in the rest (Λᵀ on the rest's
 * rows in 2 × 2 steps), and a rest of order 33 (factored by potrf, not the one-panel path).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDelimited } from '../../../src-engine/data/importDelimited';
import { buildDesign } from '../../../src-engine/design/buildDesign';
import { type MixedDesign } from '../../../src-engine/design/mixedDesign';
import { buildReBlocks } from '../../../src-engine/lmm/reBlocks';
import { chooseSupernodal, type SupernodalFactorizer } from '../../../src-engine/lmm/supernodal';
import { DATA_DIR } from '../reference/fixtures';
import { expectSameBits, seeded } from './bits';

const factors = { site: 'factor', plot: 'factor', plant: 'factor', year: 'factor' } as const;

function fieldSmall(): MixedDesign {
  const { table } = importDelimited(new Uint8Array(readFileSync(join(DATA_DIR, 'field_small.csv'))), { fileName: 'field_small.csv', columnTypes: { site: 'factor', plot: 'factor', year: 'factor' } });
  return buildDesign(table, 'y ~ temperature + (1 + temperature | site) + (1 | site:plot) + (1 | year)');
}

/** sites × plots × plants, each plant seen in `visits` of `years` years. */
function simulated(formula: string, sites: number, plots: number, plants: number, years: number, seed: number): MixedDesign {
  const r = seeded(seed);
  const lines = ['y,x,site,plot,plant,year'];
  for (let s = 0; s < sites; s++)
    for (let p = 0; p < plots; p++)
      for (let q = 0; q < plants; q++)
        for (let v = 0; v < 2; v++) lines.push([(5 + 3 * r()).toFixed(3), (2 * r() - 1).toFixed(3), `s${s}`, `p${p}`, `q${q}`, `y${Math.floor(r() * years)}`].join(','));
  const { table } = importDelimited(new TextEncoder().encode(lines.join('\n') + '\n'), { fileName: 'sim.csv', columnTypes: factors });
  return buildDesign(table, formula);
}

interface Internals {
  kernel: unknown;
  D: Float64Array[];
  O: Float64Array[];
  m: number;
}

function factorizers(d: MixedDesign): { wasm: SupernodalFactorizer; js: SupernodalFactorizer } {
  const { blocks } = buildReBlocks(d);
  const wasm = chooseSupernodal(d, blocks);
  const js = chooseSupernodal(d, blocks);
  if (!wasm || !js) throw new Error('not a supernodal design');
  Object.assign(js, { kernel: undefined });
  return { wasm, js };
}

describe('the supernodes scaled and eliminated in the kernel', () => {
  const cases: { name: string; design: () => MixedDesign; thetas: number[][] }[] = [
    { name: 'field_small (site slopes, plots, a crossed year; rest of order 7)', design: fieldSmall, thetas: [[1, 0, 1, 1, 1], [0.9, -0.2, 0.35, 1.4, 0.6]] },
    { name: 'three scalar levels of nesting', design: () => simulated('y ~ x + (1 | site/plot/plant)', 70, 3, 4, 5, 1), thetas: [[1, 1, 1], [0.3, 2.1, 0.8]] },
    {
      name: 'vector-valued plots and a vector-valued crossed year in the rest',
      design: () => simulated('y ~ x + (1 + x | site) + (1 + x | site:plot) + (1 + x | year)', 200, 4, 2, 6, 2),
      thetas: [[1, 0, 1, 1, 0, 1, 1, 0, 1], [0.7, 0.2, 0.4, 1.3, -0.5, 0.3, 0.9, 0.1, 0.2]],
    },
    { name: 'a rest of order 33 (30 years: potrf)', design: () => simulated('y ~ x + (1 + x | site) + (1 | site:plot) + (1 | year)', 150, 3, 2, 30, 3), thetas: [[1, 0, 1, 1, 1], [1.2, 0.3, 0.5, 0.7, 0.4]] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { wasm, js } = factorizers(c.design());
      const w = wasm as unknown as Internals;
      const j = js as unknown as Internals;
      expect(w.kernel, 'the kernel applies').toBeDefined();
      const { m } = w;
      for (const theta of c.thetas) {
        expect(wasm.factor(theta).ok).toBe(true);
        expect(js.factor(theta).ok).toBe(true);
        for (let s = 0; s < w.D.length; s++) {
          expectSameBits(w.D[s], j.D[s], `D of supernode ${s}`);
          expectSameBits(w.O[s], j.O[s], `O of supernode ${s}`);
        }
        const lower = (L: Float64Array) => Array.from({ length: m * m }, (_, k) => (k % m >= Math.floor(k / m) ? L[k] : 0));
        expectSameBits(lower(wasm.denseRest), lower(js.denseRest), 'the dense rest');
        const pa = wasm.parts();
        const pb = js.parts();
        expectSameBits([pa.ldL2, pa.ldRX2, pa.pwrss], [pb.ldL2, pb.ldRX2, pb.pwrss], 'parts');
      }
      if (m >= 24) expect(m).toBe(33);
    });
  }

  it('fails as the JS does at a θ that is not finite, and recovers at the next', () => {
    const { wasm, js } = factorizers(fieldSmall());
    expect(wasm.factor([Number.NaN, 0, 1, 1, 1]).ok).toBe(false);
    expect(js.factor([Number.NaN, 0, 1, 1, 1]).ok).toBe(false);
    expect(wasm.factor([0.8, 0.1, 0.3, 1, 0.5]).ok).toBe(true);
    expect(js.factor([0.8, 0.1, 0.3, 1, 0.5]).ok).toBe(true);
    expectSameBits([wasm.parts().pwrss, wasm.parts().ldL2], [js.parts().pwrss, js.parts().ldL2], 'parts after a failure');
  });
});
