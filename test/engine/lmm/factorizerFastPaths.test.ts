/**
 * The factorization's sparse and reordered paths are the same arithmetic as the plain ones, to the
 * bit (but for the sign of an exact zero): the sparse Gram of a diagonal head's columns against
 * subtractRowGram, the factorizer with its fast paths (sparse head, sparse rest pattern, uniform level
 * patterns) against the same factorizer with them switched off, and plsModes' structured solve against
 * a dense back-substitution. Designs: LMMs (nested ham and Pastes, crossed Penicillin) and reweighted
 * GLMM systems (grouseticks, VerbAgg).
 */
import { describe, expect, it } from 'vitest';
import { buildDesign } from '../../../src-engine/design/buildDesign';
import { type MixedDesign } from '../../../src-engine/design/mixedDesign';
import { ReweightedCrossproducts } from '../../../src-engine/glmm/reweightedCrossproducts';
import { backSolveLowerTranspose } from '../../../src-engine/linalg/denseCholesky';
import { SparseRowGram, subtractRowGram } from '../../../src-engine/linalg/rowGram';
import { computeCrossproducts, type Crossproducts } from '../../../src-engine/lmm/crossproducts';
import { buildReBlocks, type ReBlock } from '../../../src-engine/lmm/reBlocks';
import { plsModes } from '../../../src-engine/lmm/solve';
import { Factorizer } from '../../../src-engine/lmm/updateL';
import { seeded } from './bits';
import { loadCaseTable, subsetRows } from './loadCase';

/** Every element equal (=== : +0 and −0 count as equal). */
function expectSame(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  expect(a.length, what).toBe(b.length);
  let bad = -1;
  for (let i = 0; i < a.length && bad < 0; i++) if (!(a[i] === b[i] || (Number.isNaN(a[i]) && Number.isNaN(b[i])))) bad = i;
  expect(bad, `${what}: first difference at ${bad}: ${a[bad]} vs ${b[bad]}`).toBe(-1);
}

describe('SparseRowGram equals subtractRowGram', () => {
  for (const n of [1, 3, 4, 5, 8, 13, 118]) {
    for (const density of [0.02, 0.2, 0.7]) {
      it(`n = ${n} columns, ${density * 100}% nonzero`, () => {
        const r = seeded(n * 100 + density * 10);
        const rows = 9;
        const m = 14;
        const off = 4;
        const R = Float64Array.from({ length: rows * n }, () => (r() < density ? 4 * r() - 2 : 0));
        const M0 = Float64Array.from({ length: m * m }, () => r() - 0.5);
        const dense = M0.slice();
        subtractRowGram(R, rows, n, dense, m, off);
        // R by columns
        const ptr = new Int32Array(n + 1);
        const idx: number[] = [];
        const val: number[] = [];
        for (let j = 0; j < n; j++) {
          ptr[j] = idx.length;
          for (let a = 0; a < rows; a++)
            if (R[a * n + j] !== 0) {
              idx.push(a);
              val.push(R[a * n + j]);
            }
        }
        ptr[n] = idx.length;
        const gram = new SparseRowGram(rows);
        for (let rep = 0; rep < 2; rep++) {
          // twice: the partial sums must be back at zero after a call
          const sparse = M0.slice();
          gram.subtract(ptr, Int32Array.from(idx), Float64Array.from(val), n, sparse, m, off);
          expectSame(sparse, dense, 'M');
        }
      });
    }
  }
});

interface System {
  name: string;
  cp: Crossproducts;
  blocks: readonly ReBlock[];
  thetas: number[][];
}

function lmmSystem(name: string, d: MixedDesign, thetas: number[][]): System {
  const { blocks } = buildReBlocks(d);
  return { name, cp: computeCrossproducts(d, blocks), blocks, thetas };
}

/** A GLMM's reweighted system (random weights and working response) with its restPattern. */
function glmmSystem(name: string, d: MixedDesign, withX: boolean, thetas: number[][]): System {
  const { blocks } = buildReBlocks(d);
  const base = withX ? { ...d, offset: undefined } : { ...d, X: new Float64Array(0), p: 0, fixedNames: [], offset: undefined };
  const rcp = new ReweightedCrossproducts(base, blocks);
  const r = seeded(7);
  rcp.update(
    Float64Array.from({ length: d.n }, () => 0.05 + 2 * r()),
    Float64Array.from({ length: d.n }, () => 4 * r() - 2),
  );
  return { name, cp: rcp.cp, blocks, thetas };
}

const table = (data: string, factors: string[]) => loadCaseTable({ data, factors, subset: null } as never);
const grouse = table('grouseticks.csv', ['INDEX', 'BROOD', 'YEAR', 'LOCATION']);
const verbAll = table('VerbAgg.csv', ['id', 'item', 'Gender', 'btype', 'situ', 'r2']);
const idCol = verbAll.columns.find((c) => c.name === 'id');
const ids = idCol && idCol.type === 'factor' ? idCol.codes : new Int32Array(0);
const verb = subsetRows(verbAll, Array.from({ length: verbAll.nrow }, (_, i) => i).filter((i) => ids[i] < 30));
const GT = 'TICKS ~ YEAR + cHEIGHT + (1 | BROOD) + (1 | INDEX) + (1 | LOCATION)';

const SYSTEMS: System[] = [
  lmmSystem('ham (nested, a diagonal head)', buildDesign(table('ham.csv', ['Consumer', 'Product', 'Information', 'Gender', 'Age']), 'Informed.liking ~ Product * Information + (1 | Consumer) + (1 | Product:Consumer)'), [[0.6, 0.9], [0.1, 2]]),
  lmmSystem('Pastes (nested)', buildDesign(table('Pastes.csv', ['batch', 'cask', 'sample']), 'strength ~ 1 + (1 | batch/cask)'), [[2.9, 1.2], [0.3, 0.05]]),
  lmmSystem('Penicillin (crossed, every level the same pattern)', buildDesign(table('Penicillin.csv', ['plate', 'sample']), 'diameter ~ 1 + (1 | plate) + (1 | sample)'), [[1.54, 3.51], [0.2, 0.7]]),
  glmmSystem('grouseticks reweighted, u only', buildDesign(grouse, GT, { family: 'poisson' }), false, [[1.2, 0.7, 0.9], [0.05, 3, 0.2]]),
  glmmSystem('grouseticks reweighted, with X', buildDesign(grouse, GT, { family: 'poisson' }), true, [[1.2, 0.7, 0.9], [0.05, 3, 0.2]]),
  glmmSystem('VerbAgg reweighted (uniform patterns)', buildDesign(verb, 'r2 ~ Anger + Gender + btype + situ + (1 | id) + (1 | item)', { family: 'binomial' }), true, [[1.3, 0.5], [0.2, 2]]),
  glmmSystem('VerbAgg with a vector-valued rest block', buildDesign(verb, 'r2num ~ Anger + btype + (1 | id) + (1 + Anger | item)', { family: 'binomial' }), true, [[1.3, 0.5, 0.1, 0.05]]),
];

/** The same factorizer with every fast path off: dense head Gram, full rest scan, scattered level products. */
function plainFactorizer(cp: Crossproducts, blocks: readonly ReBlock[]): Factorizer {
  const f = new Factorizer(cp, blocks, true);
  Object.assign(f as unknown as Record<string, unknown>, { sparseHeadMaxRows: 0, restPattern: undefined, uniformPattern: false });
  return f;
}

describe('the factorizer’s fast paths are the plain arithmetic', () => {
  for (const s of SYSTEMS) {
    it(s.name, () => {
      const fast = new Factorizer(s.cp, s.blocks, true);
      const plain = plainFactorizer(s.cp, s.blocks);
      const { m } = s.cp;
      const S0 = s.blocks[0].S;
      for (const theta of s.thetas) {
        const a = fast.factor(theta, true);
        const b = plain.factor(theta, true);
        expect(a.ok && b.ok).toBe(true);
        // the lower triangle of L_rr, L₁₁ and every B_l
        const lower = (L: Float64Array) => Float64Array.from({ length: (m * (m + 1)) / 2 }, (_, k) => {
          let j = 0;
          let r = k;
          while (r >= m - j) r -= m - j++;
          return L[j * m + j + r];
        });
        expectSame(lower(a.Lrr), lower(b.Lrr), 'L_rr');
        expectSame(a.L11, b.L11, 'L11');
        expectSame(fast.levelRows(0, s.blocks[0].nl), plain.levelRows(0, s.blocks[0].nl), 'B_l');
        const pa = fast.parts();
        const pb = plain.parts();
        expectSame([pa.ldL2, pa.ldRX2, pa.pwrss], [pb.ldL2, pb.ldRX2, pb.pwrss], 'parts');

        // plsModes: the structured solve against a dense back-substitution and the per-level solve
        const modes = plsModes(s.cp, s.blocks, fast, a.Lrr);
        const v = new Float64Array(m - 1);
        for (let j = 0; j < m - 1; j++) v[j] = b.Lrr[j * m + m - 1];
        backSolveLowerTranspose(b.Lrr, m - 1, v, 0, m);
        expectSame(modes.beta, v.subarray(s.cp.qRest), 'beta');
        for (let k = 1; k < s.blocks.length; k++) expectSame(modes.u[k], v.subarray(s.cp.restOffset[k], s.cp.restOffset[k] + s.blocks[k].nl * s.blocks[k].S), `u[${k}]`);
        const B = plain.levelRows(0, s.blocks[0].nl);
        const u0 = new Float64Array(s.blocks[0].nl * S0);
        const rhs = new Float64Array(S0);
        for (let l = 0; l < s.blocks[0].nl; l++) {
          const start = s.cp.patStart[l];
          const R = s.cp.patStart[l + 1] - start;
          for (let c = 0; c < S0; c++) {
            let x = B[start * S0 + c * R + R - 1];
            for (let r = 0; r < R - 1; r++) x -= B[start * S0 + c * R + r] * v[s.cp.patRows[start + r]];
            rhs[c] = x;
          }
          backSolveLowerTranspose(b.L11, S0, rhs, l * S0 * S0, S0);
          u0.set(rhs, l * S0);
        }
        expectSame(modes.u[0], u0, 'u[0]');
      }
    });
  }

  it('uses the fast paths on these systems', () => {
    const on = (s: System) => {
      const f = new Factorizer(s.cp, s.blocks, true) as unknown as { uniformPattern: boolean; restPattern: unknown; diagonalHead: number };
      return { uniform: f.uniformPattern, pattern: f.restPattern !== undefined, head: f.diagonalHead };
    };
    expect(on(SYSTEMS[2]).uniform).toBe(true);
    expect(on(SYSTEMS[5]).uniform).toBe(true);
    expect(on(SYSTEMS[3])).toEqual({ uniform: false, pattern: true, head: 118 });
    expect(on(SYSTEMS[0]).head).toBeGreaterThan(0);
  });
});
