/**
 * M[off+b, off+a] −= Σ_j R[a, j] R[b, j] for b ≥ a: the lower triangle of a small trailing block of a
 * column-major m×m matrix M loses the Gram matrix of the rows of R (rows × n, row-major, contiguous rows).
 * Four partial sums per dot product: one running sum is bound by the add latency, not by the loads.
 */
export function subtractRowGram(R: Float64Array, rows: number, n: number, M: Float64Array, m: number, off: number): void {
  for (let a = 0; a < rows; a++) {
    const oa = a * n;
    const col = (off + a) * m + off;
    for (let b = a; b < rows; b++) {
      const ob = b * n;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let j = 0;
      for (; j + 3 < n; j += 4) {
        s0 += R[oa + j] * R[ob + j];
        s1 += R[oa + j + 1] * R[ob + j + 1];
        s2 += R[oa + j + 2] * R[ob + j + 2];
        s3 += R[oa + j + 3] * R[ob + j + 3];
      }
      for (; j < n; j++) s0 += R[oa + j] * R[ob + j];
      M[col + b] -= s0 + s1 + (s2 + s3);
    }
  }
}
