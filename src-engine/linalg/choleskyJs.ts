/**
 * Dense lower Cholesky in plain JavaScript: the fallback when WebAssembly SIMD is unavailable, and the
 * kernel for small matrices (where copying into wasm memory would cost more than it saves).
 * Same algorithm as the wasm kernel (wasm/build-kernel.mjs): blocked right-looking; each panel of NB
 * columns is factored column by column, then its rows below the panel are packed into 4-row strips and
 * the trailing lower triangle is updated with a 4×4 register-blocked tile (16 scalar accumulators),
 * which is about twice as fast as streaming axpy updates.
 */
const NB = 48;
let packed = new Float64Array(0);

/** In-place lower Cholesky of the m×m matrix at A[offset + j*ld + i]; LAPACK info (0 or k + 1). */
export function choleskyLowerJs(A: Float64Array, m: number, offset = 0, ld = m): number {
  for (let j0 = 0; j0 < m; j0 += NB) {
    const j1 = Math.min(j0 + NB, m);
    const info = factorPanel(A, m, offset, ld, j0, j1);
    if (info !== 0) return info;
    if (j1 < m) {
      const pk = pack(A, m, offset, ld, j0, j1);
      trailingUpdate(A, m, offset, ld, j1, j1 - j0, pk);
    }
  }
  return 0;
}

/** Columns j0..j1-1 (rows j..m-1), right-looking within the panel. */
function factorPanel(A: Float64Array, m: number, offset: number, ld: number, j0: number, j1: number): number {
  for (let j = j0; j < j1; j++) {
    const cj = offset + j * ld;
    const d = A[cj + j];
    if (!(d > 0)) return j + 1;
    const ljj = Math.sqrt(d);
    A[cj + j] = ljj;
    const inv = 1 / ljj;
    for (let i = j + 1; i < m; i++) A[cj + i] *= inv;
    for (let k = j + 1; k < j1; k++) {
      const ck = offset + k * ld;
      const lkj = A[cj + k];
      if (lkj === 0) continue;
      for (let i = k; i < m; i++) A[ck + i] -= lkj * A[cj + i];
    }
  }
  return 0;
}

/** Rows j1..m-1 of columns j0..j1-1 as [strip of 4 rows][column][4], zero padded. */
function pack(A: Float64Array, m: number, offset: number, ld: number, j0: number, j1: number): Float64Array {
  const kc = j1 - j0;
  const n = m - j1;
  const size = ((n + 3) >> 2) * 4 * kc;
  if (packed.length < size) packed = new Float64Array(size);
  const pk = packed;
  let dst = 0;
  for (let t0 = 0; t0 < n; t0 += 4) {
    for (let c = 0; c < kc; c++) {
      const src = offset + (j0 + c) * ld + j1 + t0;
      for (let r = 0; r < 4; r++) pk[dst++] = t0 + r < n ? A[src + r] : 0;
    }
  }
  return pk;
}

/** A[j1:, j1:] (lower) -= P Pᵀ, P = the packed panel with kc columns. */
function trailingUpdate(A: Float64Array, m: number, offset: number, ld: number, j1: number, kc: number, pk: Float64Array): void {
  const n = m - j1;
  const nblk = (n + 3) >> 2;
  const tile = kc * 4;
  for (let kb = 0; kb < nblk; kb++) {
    for (let ib = kb; ib < nblk; ib++) {
      let pa = ib * tile;
      let pb = kb * tile;
      const pend = pa + tile;
      let c00 = 0, c10 = 0, c20 = 0, c30 = 0, c01 = 0, c11 = 0, c21 = 0, c31 = 0;
      let c02 = 0, c12 = 0, c22 = 0, c32 = 0, c03 = 0, c13 = 0, c23 = 0, c33 = 0;
      for (; pa < pend; pa += 4, pb += 4) {
        const a0 = pk[pa], a1 = pk[pa + 1], a2 = pk[pa + 2], a3 = pk[pa + 3];
        let b = pk[pb];
        c00 += a0 * b; c10 += a1 * b; c20 += a2 * b; c30 += a3 * b;
        b = pk[pb + 1];
        c01 += a0 * b; c11 += a1 * b; c21 += a2 * b; c31 += a3 * b;
        b = pk[pb + 2];
        c02 += a0 * b; c12 += a1 * b; c22 += a2 * b; c32 += a3 * b;
        b = pk[pb + 3];
        c03 += a0 * b; c13 += a1 * b; c23 += a2 * b; c33 += a3 * b;
      }
      const row0 = ib * 4;
      const col0 = kb * 4;
      let col = offset + (j1 + col0) * ld + j1 + row0;
      if (ib > kb && row0 + 4 <= n) {
        A[col] -= c00; A[col + 1] -= c10; A[col + 2] -= c20; A[col + 3] -= c30; col += ld;
        A[col] -= c01; A[col + 1] -= c11; A[col + 2] -= c21; A[col + 3] -= c31; col += ld;
        A[col] -= c02; A[col + 1] -= c12; A[col + 2] -= c22; A[col + 3] -= c32; col += ld;
        A[col] -= c03; A[col + 1] -= c13; A[col + 2] -= c23; A[col + 3] -= c33;
        continue;
      }
      // diagonal or bottom-edge tile: only entries inside the matrix and on/below the diagonal
      const acc = [c00, c10, c20, c30, c01, c11, c21, c31, c02, c12, c22, c32, c03, c13, c23, c33];
      for (let c = 0; c < 4; c++, col += ld) {
        const kcol = col0 + c;
        for (let r = 0; r < 4; r++) {
          const row = row0 + r;
          if (row < n && row >= kcol) A[col + r] -= acc[c * 4 + r];
        }
      }
    }
  }
}
