/**
 * One vector-valued term formed in the Cholesky kernel (lmm/wasmLevelForm.ts) against the Factorizer's JS,
 * bit for bit: L₁₁, every B_l, the factored rest and the criterion's parts, on Orthodont and sleepstudy
 * (with prior weights) and on simulated designs whose rest is factored by the kernel's one-panel path
 * below order 24 (orders 17–23 are where potrf's blocking would round differently) and by potrf above it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importDelimited } from '../../../src-engine/data/importDelimited';
import { buildDesign } from '../../../src-engine/design/buildDesign';
import { type MixedDesign } from '../../../src-engine/design/mixedDesign';
import { CholeskyWorkspace } from '../../../src-engine/linalg/choleskyWorkspace';
import { choleskyLowerJs } from '../../../src-engine/linalg/choleskyJs';
import { setCholeskyBackend } from '../../../src-engine/linalg/denseCholesky';
import { computeCrossproducts, type Crossproducts } from '../../../src-engine/lmm/crossproducts';
import { buildReBlocks, type ReBlock } from '../../../src-engine/lmm/reBlocks';
import { Factorizer } from '../../../src-engine/lmm/updateL';
import { type CaseSpec, FIXTURE_ROOT } from '../reference/fixtures';
import { expectSameBits, seeded } from './bits';
import { loadCaseTable } from './loadCase';

/** Every element equal (NaN equals NaN; +0 and −0 must match too: Object.is). */
function fixtureDesign(name: string, withWeights = false): MixedDesign {
  const spec = JSON.parse(readFileSync(join(FIXTURE_ROOT, 'lmm', `${name}.json`), 'utf8')) as CaseSpec;
  const table = loadCaseTable(spec);
  return buildDesign(table, spec.formula, withWeights && spec.weights ? { weights: spec.weights } : {});
}

/** nl groups × 6 rows, p covariates, a term (1 + a + b | g): S₀ = 3, m = p + 2 (intercept, covariates, y). */
function simulated(p: number, nl: number, seed: number): MixedDesign {
  const r = seeded(seed);
  const xs = Array.from({ length: p - 1 }, (_, j) => `x${j}`);
  const lines = [['y', 'g', 'a', 'b', ...xs].join(',')];
  for (let l = 0; l < nl; l++)
    for (let i = 0; i < 6; i++) lines.push([(10 * r()).toFixed(3), `g${l}`, r().toFixed(3), (2 * r() - 1).toFixed(3), ...xs.map(() => r().toFixed(3))].join(','));
  const { table } = importDelimited(new TextEncoder().encode(lines.join('\n') + '\n'), { fileName: 'sim.csv', columnTypes: { g: 'factor' } });
  return buildDesign(table, `y ~ ${xs.join(' + ')} + (1 + a + b | g)`);
}

const lowerOf = (L: Float64Array, m: number) => {
  const out: number[] = [];
  for (let j = 0; j < m; j++) for (let i = j; i < m; i++) out.push(L[j * m + i]);
  return out;
};

/** A Factorizer that forms block 0 and the rest in JS (the kernel switched off). */
function withoutKernel(cp: Crossproducts, blocks: readonly ReBlock[]): Factorizer {
  return Object.assign(new Factorizer(cp, blocks), { levelWasm: undefined });
}

afterEach(() => setCholeskyBackend('auto'));

describe('one vector-valued term formed in the kernel', () => {
  const cases: { name: string; design: () => MixedDesign; thetas: number[][] }[] = [
    { name: 'Orthodont (age | Subject), m = 5', design: () => fixtureDesign('orthodont'), thetas: [[1, 0, 1], [0.74, -0.04, 0.11], [3, 0.5, 0]] },
    { name: 'sleepstudy with prior weights, m = 3', design: () => fixtureDesign('sleepstudy_weights', true), thetas: [[1, 0, 1], [0.93, 0.02, 0.22]] },
    { name: 'simulated, S₀ = 3, m = 20 (one panel)', design: () => simulated(18, 40, 3), thetas: [[1, 0, 0, 1, 0, 1], [0.6, -0.3, 0.2, 0.8, 0.1, 0.05]] },
    { name: 'simulated, S₀ = 3, m = 31 (potrf)', design: () => simulated(29, 30, 4), thetas: [[1, 0, 0, 1, 0, 1], [2.5, 0.4, -1.1, 0.3, 0.7, 0.2]] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const d = c.design();
      const { blocks } = buildReBlocks(d);
      const cp = computeCrossproducts(d, blocks);
      const wasm = new Factorizer(cp, blocks);
      expect((wasm as unknown as { levelWasm: unknown }).levelWasm, 'the kernel applies').toBeDefined();
      const { m } = cp;
      // the reference: the JS forms the rest; below order 24 the JS kernel factors it, above it potrf as in
      // a fit (the JS kernel's blocking differs from potrf's there, whichever forms the rest)
      const js = withoutKernel(cp, blocks);
      for (const theta of c.thetas) {
        for (const keep of [false, true]) {
          const a = wasm.factor(theta, keep);
          if (m < 24) setCholeskyBackend('js');
          const b = js.factor(theta, keep);
          setCholeskyBackend('auto');
          expect(a.ok && b.ok).toBe(true);
          expectSameBits(a.L11, b.L11, 'L11');
          expectSameBits(wasm.levelRows(0, blocks[0].nl), js.levelRows(0, blocks[0].nl), 'B_l');
          expectSameBits(lowerOf(a.Lrr, m), lowerOf(b.Lrr, m), 'L_rr');
          const pa = wasm.parts();
          const pb = js.parts();
          expectSameBits([pa.ldL2, pa.ldRX2, pa.pwrss], [pb.ldL2, pb.ldRX2, pb.pwrss], 'parts');
        }
      }
    });
  }

  it('fails as the JS does at a θ that is not finite, and recovers at the next', () => {
    const d = fixtureDesign('orthodont');
    const { blocks } = buildReBlocks(d);
    const cp = computeCrossproducts(d, blocks);
    const wasm = new Factorizer(cp, blocks);
    const js = withoutKernel(cp, blocks);
    expect(wasm.factor([Number.NaN, 0, 1]).ok).toBe(false);
    setCholeskyBackend('js');
    expect(js.factor([Number.NaN, 0, 1]).ok).toBe(false);
    const b = js.factor([0.7, 0.1, 0.2]);
    setCholeskyBackend('auto');
    const a = wasm.factor([0.7, 0.1, 0.2]);
    expectSameBits(lowerOf(a.Lrr, cp.m), lowerOf(b.Lrr, cp.m), 'L_rr after a failure');
  });

  it('is not used where the JS takes another path: a scalar term, two terms', () => {
    for (const formula of ['distance ~ age + (1 | Subject)', 'distance ~ age + (age | Subject) + (1 | Sex)']) {
      const spec = JSON.parse(readFileSync(join(FIXTURE_ROOT, 'lmm', 'orthodont.json'), 'utf8')) as CaseSpec;
      const d = buildDesign(loadCaseTable(spec), formula);
      const { blocks } = buildReBlocks(d);
      const f = new Factorizer(computeCrossproducts(d, blocks), blocks) as unknown as { levelWasm: unknown };
      expect(f.levelWasm, formula).toBeUndefined();
    }
  });
});

describe("the kernel's one-panel factorization below order 24", () => {
  it('has choleskyJs’ bits at every order 1–23, and its LAPACK info on a matrix that is not positive definite', () => {
    const r = seeded(11);
    for (let m = 1; m < 24; m++) {
      const G = Float64Array.from({ length: m * m }, () => 2 * r() - 1);
      const A = new Float64Array(m * m);
      for (let j = 0; j < m; j++) for (let i = 0; i < m; i++) for (let k = 0; k < m; k++) A[j * m + i] += G[k * m + i] * G[k * m + j];
      for (let j = 0; j < m; j++) A[j * m + j] += 0.1;
      const ws = new CholeskyWorkspace(m, 0, true);
      expect(ws.usesWasm).toBe(true);
      ws.A.set(A);
      const ref = A.slice();
      expect(ws.factor()).toBe(0);
      expect(choleskyLowerJs(ref, m)).toBe(0);
      expectSameBits(lowerOf(ws.A, m), lowerOf(ref, m), `order ${m}`);
      if (m >= 3) {
        A[2 * m + 2] = -1; // the third pivot fails before anything else can
        ws.A.set(A);
        expect(ws.factor(), `order ${m}`).toBe(choleskyLowerJs(A.slice(), m));
      }
    }
  });
});
