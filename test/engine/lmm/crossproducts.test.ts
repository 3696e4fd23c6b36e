/**
 * computeCrossproducts against A = [Z X y]ᵀ W [Z X y] formed densely and naively: every block of the
 * blocked layout (block-0 diagonal, coupling pattern, dense rest) must hold exactly those sums.
 */
import { describe, expect, it } from 'vitest';
import { buildDesign } from '../../../src-engine/design/buildDesign';
import { type MixedDesign } from '../../../src-engine/design/mixedDesign';
import { computeCrossproducts } from '../../../src-engine/lmm/crossproducts';
import { buildReBlocks, type ReBlock } from '../../../src-engine/lmm/reBlocks';
import { loadData } from '../design/helpers';

/** Dense n × (q + p + 1) [Z X y] in the crossproducts' index order: block 0, the other blocks, X, y. */
function denseZXy(d: MixedDesign, blocks: readonly ReBlock[]): { M: Float64Array[]; q0: number } {
  const cols: Float64Array[] = [];
  for (const b of blocks) {
    for (let l = 0; l < b.nl; l++) {
      for (let c = 0; c < b.S; c++) {
        const col = new Float64Array(d.n);
        for (let i = 0; i < d.n; i++) if (b.refs[i] === l) col[i] = b.z[i * b.S + c];
        cols.push(col);
      }
    }
  }
  for (let j = 0; j < d.p; j++) cols.push(d.X.slice(j * d.n, (j + 1) * d.n));
  cols.push(Float64Array.from(d.y, (v, i) => v - (d.offset ? d.offset[i] : 0)));
  return { M: cols, q0: blocks[0].nl * blocks[0].S };
}

function naive(d: MixedDesign, a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < d.n; i++) s += (d.weights ? d.weights[i] : 1) * a[i] * b[i];
  return s;
}

function expectMatchesNaive(d: MixedDesign): void {
  const { blocks } = buildReBlocks(d);
  const cp = computeCrossproducts(d, blocks);
  const { M, q0 } = denseZXy(d, blocks);
  const S0 = blocks[0].S;
  const close = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
  // rest: dense m × m, full symmetric
  expect(cp.m).toBe(M.length - q0);
  for (let r = 0; r < cp.m; r++) for (let c = 0; c < cp.m; c++) close(cp.Arr[c * cp.m + r], naive(d, M[q0 + r], M[q0 + c]));
  for (let l = 0; l < blocks[0].nl; l++) {
    // block-0 diagonal of level l
    for (let r = 0; r < S0; r++) for (let c = 0; c < S0; c++) close(cp.A11[l * S0 * S0 + c * S0 + r], naive(d, M[l * S0 + r], M[l * S0 + c]));
    // coupling: the pattern holds every nonzero, and all of X and y
    const start = cp.patStart[l];
    const R = cp.patStart[l + 1] - start;
    const rows = Array.from(cp.patRows.subarray(start, start + R));
    for (let j = cp.qRest; j < cp.m; j++) expect(rows).toContain(j);
    for (let r = 0; r < cp.m; r++) {
      const k = rows.indexOf(r);
      for (let c = 0; c < S0; c++) {
        const want = naive(d, M[q0 + r], M[l * S0 + c]);
        if (k < 0) expect(want).toBe(0);
        else close(cp.A1rValues[start * S0 + c * R + k], want);
      }
    }
  }
  let logDetW = 0;
  if (d.weights) for (const w of d.weights) logDetW += Math.log(w);
  close(cp.logDetW, logDetW);
}

describe('computeCrossproducts equals the naive [Z X y]ᵀW[Z X y]', () => {
  it('two crossed blocks, sparse indicator X (ham)', () => {
    expectMatchesNaive(buildDesign(loadData('ham.csv'), 'Informed.liking ~ Product * Information * Gender + (1 | Consumer) + (1 | Product:Consumer)'));
  });
  it('a vector-valued block with dense and sparse X columns (Orthodont)', () => {
    expectMatchesNaive(buildDesign(loadData('Orthodont.csv'), 'distance ~ age * Sex + (age | Subject)'));
  });
  it('many dense X columns, summed four at a time (Orthodont, cubic in age)', () => {
    expectMatchesNaive(buildDesign(loadData('Orthodont.csv'), 'distance ~ poly(age, 3) + (1 | Subject)'));
  });
  it('prior weights and an offset (sleepstudy)', () => {
    const d = buildDesign(loadData('sleepstudy_weights.csv'), 'Reaction ~ Days + offset(2 * Days) + (Days | Subject)', { weights: 'w' });
    expect(d.weights).toBeDefined();
    expectMatchesNaive(d);
  });
  it('a second vector-valued block in the rest (Orthodont, slope by Sex)', () => {
    expectMatchesNaive(buildDesign(loadData('Orthodont.csv'), 'distance ~ age + (1 | Subject) + (age | Sex)'));
  });
});
