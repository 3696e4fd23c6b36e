/**
 * L⁻¹ for the leading q×q part of a lower-triangular, column-major matrix L (leading dimension ld),
 * as a new q×q column-major lower-triangular array. Column-oriented forward substitution on unit
 * vectors, so the inner loop runs down a column of L.
 */
export function lowerTriangularInverse(L: Float64Array, q: number, ld: number): Float64Array {
  const Linv = new Float64Array(q * q);
  for (let j = 0; j < q; j++) lowerInverseColumn(L, q, ld, Linv, j);
  return Linv;
}

/** Column j of L⁻¹ into Linv (q×q column-major, zero on entry): L x = e_j by forward substitution. */
export function lowerInverseColumn(L: Float64Array, q: number, ld: number, Linv: Float64Array, j: number): void {
  const col = j * q;
  Linv[col + j] = 1;
  for (let k = j; k < q; k++) {
    const xk = (Linv[col + k] /= L[k * ld + k]);
    if (xk === 0) continue;
    const ck = k * ld;
    for (let i = k + 1; i < q; i++) Linv[col + i] -= L[ck + i] * xk;
  }
}

/**
 * (L Lᵀ)⁻¹ = L⁻ᵀ L⁻¹ for the leading q×q part of L (LAPACK's dpotri), full and symmetric: the dense
 * rest's block of the selected inverse.
 */
export function choleskyInverse(L: Float64Array, q: number, ld: number): Float64Array {
  const out = new Float64Array(q * q);
  inverseGram(lowerTriangularInverse(L, q, ld), q, out);
  return out;
}

/**
 * out (q×q column-major, full) ← XᵀX for a lower-triangular X (q×q column-major, exact zeros above the
 * diagonal, as lowerTriangularInverse leaves them): entry (a, b), a ≥ b, is Σ_{i ≥ a} X[i, a] X[i, b], i
 * ascending. Four entries of a column of out at a time, in four sums side by side: one chain of dependent
 * additions bounds each sum, so four run at nearly the cost of one (the GLMM's Laplace gradient forms
 * this for its dense rest at every gradient). A sum whose column a starts below the others' adds a
 * zero product (+0) first, which leaves its exact result unchanged (X finite).
 */
export function inverseGram(X: Float64Array, q: number, out: Float64Array): void {
  for (let b = 0; b < q; b++) {
    const cb = b * q;
    let a = b;
    for (; a + 3 < q; a += 4) {
      const c0 = a * q;
      const c1 = c0 + q;
      const c2 = c1 + q;
      const c3 = c2 + q;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let i = a; i < q; i++) {
        const x = X[cb + i];
        s0 += X[c0 + i] * x;
        s1 += X[c1 + i] * x;
        s2 += X[c2 + i] * x;
        s3 += X[c3 + i] * x;
      }
      out[cb + a] = out[c0 + b] = s0;
      out[cb + a + 1] = out[c1 + b] = s1;
      out[cb + a + 2] = out[c2 + b] = s2;
      out[cb + a + 3] = out[c3 + b] = s3;
    }
    for (; a < q; a++) {
      const ca = a * q;
      let s = 0;
      for (let i = a; i < q; i++) s += X[ca + i] * X[cb + i];
      out[cb + a] = out[ca + b] = s;
    }
  }
}
