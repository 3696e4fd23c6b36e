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
