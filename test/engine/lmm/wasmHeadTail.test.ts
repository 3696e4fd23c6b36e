/**
 * The tail of a nested design's rest formed and factored in the Cholesky kernel (lmm/wasmHeadTail.ts)
 * against the Factorizer's JS (formTailByClasses), bit for bit: the tail of L, the head's log-determinant
 * and the criterion's parts. Designs: ham (one class), an unbalanced site/plot design with
 * several classes and groups and a crossed rater in the tail (its + I and row scales), and the same with
 * 30 raters, whose tail of order 35 is factored by potrf's blocking rather than the one-panel path.
 */
import { describe, expect, it } from 'vitest';
import { tableFromCsvText } from '../../../src-engine/data/importDelimited';
import { buildDesign } from '../../../src-engine/design/buildDesign';
import { type MixedDesign } from '../../../src-engine/design/mixedDesign';
import { computeCrossproducts, type Crossproducts } from '../../../src-engine/lmm/crossproducts';
import { buildReBlocks, type ReBlock } from '../../../src-engine/lmm/reBlocks';
import { Factorizer } from '../../../src-engine/lmm/updateL';
import { loadLmmFixture } from '../reference/fixtures';
import { expectSameBits, unbalancedSitePlots } from './bits';
import { loadCaseTable } from './loadCase';

/** The unbalanced site/plot design with a crossed rater of `raters` levels, drawn at random. */
function unbalanced(raters: number): MixedDesign {
  return buildDesign(tableFromCsvText(unbalancedSitePlots(raters, true)), 'y ~ x * trt + (1 | site/plot) + (1 | rater)');
}

function fixture(name: string): MixedDesign {
  const fx = loadLmmFixture(name);
  return buildDesign(loadCaseTable(fx), fx.formula);
}

interface Internals {
  tailWasm: unknown;
  diagonalHead: number;
  headSchur: { headLogDet: number };
}

function withoutKernel(cp: Crossproducts, blocks: readonly ReBlock[]): Factorizer {
  return Object.assign(new Factorizer(cp, blocks), { tailWasm: undefined });
}

describe('the tail of a nested rest in the kernel', () => {
  const cases: { name: string; design: () => MixedDesign; thetas: number[][] }[] = [
    { name: 'ham (one class)', design: () => fixture('ham'), thetas: [[0.6, 0.9], [0.1, 2], [3, 0.05]] },
    { name: 'unbalanced site/plot with a crossed rater (several classes and groups)', design: () => unbalanced(3), thetas: [[1, 1, 1], [0.4, 1.7, 0.6]] },
    { name: 'the same with 30 raters (a tail of order 35: potrf)', design: () => unbalanced(30), thetas: [[1, 1, 1], [0.4, 1.7, 0.6]] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const d = c.design();
      const { blocks } = buildReBlocks(d);
      const cp = computeCrossproducts(d, blocks);
      const wasm = new Factorizer(cp, blocks);
      const js = withoutKernel(cp, blocks);
      const w = wasm as unknown as Internals;
      expect(w.tailWasm, 'the kernel applies').toBeDefined();
      const { m } = cp;
      const head = w.diagonalHead;
      const tail = (L: Float64Array) => {
        const out: number[] = [];
        for (let j = head; j < m; j++) for (let i = j; i < m; i++) out.push(L[j * m + i]);
        return out;
      };
      if (c.name.includes('potrf')) expect(m - head).toBe(35);
      for (const theta of c.thetas) {
        const a = wasm.factor(theta);
        const b = js.factor(theta);
        expect(a.ok && b.ok).toBe(true);
        expectSameBits(tail(a.Lrr), tail(b.Lrr), 'the tail of L');
        expect(Object.is(w.headSchur.headLogDet, (js as unknown as Internals).headSchur.headLogDet)).toBe(true);
        const pa = wasm.parts();
        const pb = js.parts();
        expectSameBits([pa.ldL2, pa.ldRX2, pa.pwrss], [pb.ldL2, pb.ldRX2, pb.pwrss], 'parts');
        // the full factorization (the solve's) still writes the same matrix, now in the kernel's memory
        expect(wasm.factor(theta, true).ok).toBe(true);
        expect(js.factor(theta, true).ok).toBe(true);
        expectSameBits(Array.from(wasm.Lrr), Array.from(js.Lrr), 'the full factorization');
      }
    });
  }

  it('leaves a tiny tail to the JS (Pastes: order 2)', () => {
    const d = fixture('pastes');
    const { blocks } = buildReBlocks(d);
    const f = new Factorizer(computeCrossproducts(d, blocks), blocks) as unknown as Internals;
    expect(f.diagonalHead).toBeGreaterThan(0);
    expect(f.tailWasm).toBeUndefined();
  });

  it('fails as the JS does at a θ that is not finite, and recovers at the next', () => {
    const d = fixture('ham');
    const { blocks } = buildReBlocks(d);
    const cp = computeCrossproducts(d, blocks);
    const wasm = new Factorizer(cp, blocks);
    const js = withoutKernel(cp, blocks);
    expect(wasm.factor([0.6, Number.NaN]).ok).toBe(false);
    expect(js.factor([0.6, Number.NaN]).ok).toBe(false);
    expect(wasm.factor([0.6, 0.9]).ok && js.factor([0.6, 0.9]).ok).toBe(true);
    expectSameBits([wasm.parts().ldL2, wasm.parts().pwrss], [js.parts().ldL2, js.parts().pwrss], 'parts after a failure');
  });
});
