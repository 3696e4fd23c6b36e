/**
 * L⁻¹ and (LLᵀ)⁻¹ = L⁻ᵀL⁻¹ for the leading n×n part of a lower-triangular, column-major L (leading
 * dimension ld), four columns at a time: the same arithmetic as triangularInverse.ts, but each entry of L
 * (or of L⁻¹) read from memory serves four columns, which is what bounds these loops for n ~ 1,000
 * (the rest of InstEval: 1,158). Used where one inverse of a large rest is formed (scalarThetaHessian.ts).
 */
import { forwardSolveLower4 } from './denseCholesky';
import { lowerInverseColumn, lowerTriangularInverse } from './triangularInverse';

const W = 4;

/** L⁻¹ (lower, n×n column-major). */
export function lowerInverseBlocked(L: Float64Array, n: number, ld: number): Float64Array {
  const J = new Float64Array(n * n);
  for (let j0 = 0; j0 < n; j0 += W) {
    const w = Math.min(W, n - j0);
    if (w < W) {
      // the last few columns one at a time
      for (let j = j0; j < n; j++) lowerInverseColumn(L, n, ld, J, j);
      break;
    }
    const c0 = j0 * n;
    const c1 = c0 + n;
    const c2 = c1 + n;
    const c3 = c2 + n;
    J[c0 + j0] = 1;
    J[c1 + j0 + 1] = 1;
    J[c2 + j0 + 2] = 1;
    J[c3 + j0 + 3] = 1;
    // entries above a column's diagonal are 0 and stay 0, so the four columns run together from j0
    forwardSolveLower4(L, ld, n, J, c0, c1, c2, c3, j0);
  }
  return J;
}

/**
 * (L Lᵀ)⁻¹ = L⁻ᵀ L⁻¹ for the leading q×q part of L (LAPACK's dpotri), full and symmetric, into `out` if
 * given: the dense rest's block of a selected inverse (lmm/selectedInverse.ts, and at every Laplace
 * gradient glmm/selectedInverse.ts).
 */
export function choleskyInverse(L: Float64Array, q: number, ld: number, out?: Float64Array): Float64Array {
  return lowerGram(lowerTriangularInverse(L, q, ld), q, q, out);
}

/**
 * JᵀJ over J's leading n×n block (J lower, column-major, order ld): full and symmetric, into `out` if given.
 * Entry (a, b) is Σ_{i ≥ max(a, b)} J[i, a] J[i, b], i ascending, each sum on its own: four side by side
 * bound the loop by the loads instead of one chain of dependent additions. A sum started above its
 * column's diagonal first adds zero products (+0), which leaves it exact as the one-sum loop's (J finite).
 */
export function lowerGram(J: Float64Array, n: number, ld: number, out: Float64Array = new Float64Array(n * n)): Float64Array {
  const put = (a: number, b: number, t: number) => {
    out[b * n + a] = t;
    out[a * n + b] = t;
  };
  for (let b0 = 0; b0 < n; b0 += W) {
    const w = Math.min(W, n - b0);
    for (let a = 0; a < b0 + w; a++) {
      const ca = a * ld;
      const start = Math.max(a, b0); // J[i, b] = 0 for i < b
      if (w < W) {
        for (let b = Math.max(a, b0); b < b0 + w; b++) {
          let t = 0;
          for (let i = b; i < n; i++) t += J[ca + i] * J[b * ld + i];
          put(a, b, t);
        }
        continue;
      }
      const c0 = b0 * ld;
      const c1 = c0 + ld;
      const c2 = c1 + ld;
      const c3 = c2 + ld;
      let t0 = 0;
      let t1 = 0;
      let t2 = 0;
      let t3 = 0;
      for (let i = start; i < n; i++) {
        const v = J[ca + i];
        t0 += v * J[c0 + i];
        t1 += v * J[c1 + i];
        t2 += v * J[c2 + i];
        t3 += v * J[c3 + i];
      }
      if (a <= b0) put(a, b0, t0);
      if (a <= b0 + 1) put(a, b0 + 1, t1);
      if (a <= b0 + 2) put(a, b0 + 2, t2);
      put(a, b0 + 3, t3);
    }
  }
  return out;
}
