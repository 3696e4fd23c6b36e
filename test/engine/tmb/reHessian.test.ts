/**
 * The structured random-effects Hessian (src-engine/tmb/reHessian.ts) against the same H formed and
 * inverted densely: solve, ½ log det, the diagonal blocks of H⁻¹ and zᵢH⁻¹zᵢᵀ, for one term, two
 * crossed terms, three terms with non-unit z, and vector terms (k effects per level, a dense k×k
 * prior precision) as the biggest term and among the rest.
 */
import { CholeskyDecomposition, inverse, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { type TmbReTerm } from '../../../src-engine/tmb/laplace';
import { ReHessian } from '../../../src-engine/tmb/reHessian';

/** A deterministic pseudo-random sequence in (0, 1). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) + 0.5) / 2147483648;
}

function problem(levels: number[], n: number, unitZ: boolean, ks: number[] = levels.map(() => 1)) {
  const rnd = lcg(levels.length * 97 + n + 7 * ks.reduce((a, v) => a + v, 0));
  let offset = 0;
  const terms: TmbReTerm[] = levels.map((nl, u) => {
    const k = ks[u];
    const index = Int32Array.from({ length: n }, (_, i) => offset + k * (i < nl ? i : Math.floor(rnd() * nl)));
    // the first column an intercept (as lme4's (x | g)), the others a covariate
    const z = Float64Array.from({ length: n * k }, (_, j) => (j % k === 0 && unitZ ? 1 : 0.5 + rnd()));
    const t = { index, z, k, offset, nLevels: nl, channel: 0 as const };
    offset += nl * k;
    return t;
  });
  const w = Float64Array.from({ length: n }, () => 0.2 + 2 * rnd());
  // a positive-definite k×k precision per term: A Aᵀ + I
  const prec = ks.map((k) => {
    const A = Float64Array.from({ length: k * k }, () => rnd() - 0.5);
    const P = new Float64Array(k * k);
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) {
      for (let c = 0; c < k; c++) P[a * k + b] += A[a * k + c] * A[b * k + c];
      if (a === b) P[a * k + b] += 0.5 + rnd();
    }
    return P;
  });
  return { terms, q: offset, w, prec, rnd };
}

/** Observation i's (global index, z) pairs over all terms. */
const entries = (terms: TmbReTerm[], i: number) =>
  terms.flatMap((t) => Array.from({ length: t.k }, (_, c) => [t.index[i] + c, t.z[i * t.k + c]] as const));

describe('structured random-effects Hessian', () => {
  const cases: [string, number[], boolean, number[]?][] = [
    ['one term', [9], true], ['two crossed terms', [12, 5], true], ['three terms, z ≠ 1', [10, 4, 3], false],
    ['one term with k = 2', [9], true, [2]], ['one term with k = 3, z ≠ 1', [7], false, [3]],
    ['k = 2 biggest, scalar and k = 3 rest', [11, 4, 3], true, [2, 1, 3]], ['scalar biggest, k = 2 rest', [12, 5], true, [1, 2]],
  ];
  for (const [name, levels, unitZ, ks] of cases) {
    it(`${name}: agrees with the dense H`, () => {
      const n = 60;
      const { terms, q, w, prec, rnd } = problem([...levels], n, unitZ, ks);
      const H = Matrix.zeros(q, q);
      terms.forEach((t, u) => {
        for (let l = 0; l < t.nLevels; l++) for (let a = 0; a < t.k; a++) for (let b = 0; b < t.k; b++)
          H.set(t.offset + l * t.k + a, t.offset + l * t.k + b, prec[u][a * t.k + b]);
      });
      for (let i = 0; i < n; i++) for (const [j1, z1] of entries(terms, i)) for (const [j2, z2] of entries(terms, i)) H.set(j1, j2, H.get(j1, j2) + z1 * z2 * w[i]);
      const rh = new ReHessian(terms, q, n);
      rh.reset(prec);
      for (let i = 0; i < n; i++) rh.addObservation(i, w[i]);
      expect(rh.factor(0)).toBe(true);
      const Hinv = inverse(H);
      const g = Float64Array.from({ length: q }, () => rnd() - 0.5);
      const x = rh.solve(g);
      const xd = Hinv.mmul(Matrix.columnVector(Array.from(g))).to1DArray();
      x.forEach((v, j) => expect(v).toBeCloseTo(xd[j], 12));
      let halfLogDet = 0;
      const chol = new CholeskyDecomposition(H);
      for (let j = 0; j < q; j++) halfLogDet += Math.log(chol.lowerTriangularMatrix.get(j, j));
      expect(rh.halfLogDet()).toBeCloseTo(halfLogDet, 11);
      rh.invert();
      for (const t of terms) for (let l = 0; l < t.nLevels; l++) for (let a = 0; a < t.k; a++) for (let b = 0; b < t.k; b++) {
        const j1 = t.offset + l * t.k + a, j2 = t.offset + l * t.k + b;
        expect(rh.inverseAt(j1, j2)).toBeCloseTo(Hinv.get(j1, j2), 12);
      }
      for (let i = 0; i < n; i++) {
        let h = 0;
        for (const [j1, z1] of entries(terms, i)) for (const [j2, z2] of entries(terms, i)) h += z1 * z2 * Hinv.get(j1, j2);
        expect(rh.leverage(i)).toBeCloseTo(h, 12);
      }
    });
  }
  it('refuses an indefinite H, and damping makes it positive definite', () => {
    const { terms, q, prec } = problem([6, 3], 20, true);
    const rh = new ReHessian(terms, q, 20);
    rh.reset(prec);
    for (let i = 0; i < 20; i++) rh.addObservation(i, -3);
    expect(rh.factor(0)).toBe(false);
    expect(rh.factor(1e3)).toBe(true);
  });
});
