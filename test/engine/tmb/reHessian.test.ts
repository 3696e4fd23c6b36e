/**
 * The structured random-effects Hessian (src-engine/tmb/reHessian.ts) against the same H formed and
 * inverted densely: solve, ½ log det, the diagonal of H⁻¹ and zᵢH⁻¹zᵢᵀ, for one term, two crossed
 * terms and three terms with non-unit z.
 */
import { CholeskyDecomposition, inverse, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { type ScalarRe } from '../../../src-engine/tmb/laplace';
import { ReHessian } from '../../../src-engine/tmb/reHessian';

/** A deterministic pseudo-random sequence in (0, 1). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) + 0.5) / 2147483648;
}

function problem(levels: number[], n: number, unitZ: boolean) {
  const rnd = lcg(levels.length * 97 + n);
  let offset = 0;
  const terms: ScalarRe[] = levels.map((nl) => {
    const index = Int32Array.from({ length: n }, (_, i) => offset + (i < nl ? i : Math.floor(rnd() * nl)));
    const t = { index, z: Float64Array.from({ length: n }, () => (unitZ ? 1 : 0.5 + rnd())), offset, nLevels: nl };
    offset += nl;
    return t;
  });
  const w = Float64Array.from({ length: n }, () => 0.2 + 2 * rnd());
  const prec = Float64Array.from({ length: offset }, () => 0.5 + rnd());
  return { terms, q: offset, w, prec, rnd };
}

describe('structured random-effects Hessian', () => {
  for (const [name, levels, unitZ] of [['one term', [9], true], ['two crossed terms', [12, 5], true], ['three terms, z ≠ 1', [10, 4, 3], false]] as const) {
    it(`${name}: agrees with the dense H`, () => {
      const n = 60;
      const { terms, q, w, prec, rnd } = problem([...levels], n, unitZ);
      const H = Matrix.zeros(q, q);
      for (let j = 0; j < q; j++) H.set(j, j, prec[j]);
      for (let i = 0; i < n; i++) for (const t of terms) for (const u of terms) H.set(t.index[i], u.index[i], H.get(t.index[i], u.index[i]) + t.z[i] * u.z[i] * w[i]);
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
      rh.inverseDiagonal().forEach((v, j) => expect(v).toBeCloseTo(Hinv.get(j, j), 12));
      for (let i = 0; i < n; i++) {
        let h = 0;
        for (const t of terms) for (const u of terms) h += t.z[i] * u.z[i] * Hinv.get(t.index[i], u.index[i]);
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
