import { getCholeskyBackend } from './denseCholesky';
import { scratchKernel } from './wasmCholesky';

/**
 * M[off+b, off+a] −= Σ_j R[a, j] R[b, j] for b ≥ a: the lower triangle of a small trailing block of a
 * column-major m×m matrix M loses the Gram matrix of the rows of R (rows × n, row-major, contiguous rows).
 * Four partial sums per dot product: one running sum is bound by the add latency, not by the loads.
 */
export function subtractRowGram(R: Float64Array, rows: number, n: number, M: Float64Array, m: number, off: number): void {
  if ((rows * (rows + 1) * n) / 2 >= KERNEL_MIN_PRODUCTS && getCholeskyBackend() === 'auto' && rowGramInKernel(R, rows, n, M, m, off)) return;
  subtractRowGramJs(R, rows, n, M, m, off);
}

/**
 * From this many products the Cholesky module's rowGram (the same sums, two lanes of two f64x2) does it on
 * copies of R and of M's block: the JS, run a few times in a fresh process, is interpreted (ham's solve at
 * θ̂: 17 rows × 324 levels, ≈ 1 ms), and below this the copies cost more than they save.
 */
const KERNEL_MIN_PRODUCTS = 8192;

function rowGramInKernel(R: Float64Array, rows: number, n: number, M: Float64Array, m: number, off: number): boolean {
  const rBytes = 8 * rows * n;
  const s = scratchKernel(rBytes + 8 * rows * rows);
  if (!s) return false;
  const { kernel, at } = s;
  const buf = kernel.buffer;
  new Float64Array(buf, at, rows * n).set(R.subarray(0, rows * n));
  const block = new Float64Array(buf, at + rBytes, rows * rows);
  for (let a = 0; a < rows; a++) block.set(M.subarray((off + a) * m + off + a, (off + a) * m + off + rows), a * rows + a);
  kernel.rowGram(at, rows, n, at + rBytes, rows);
  for (let a = 0; a < rows; a++) M.set(block.subarray(a * rows + a, a * rows + rows), (off + a) * m + off + a);
  return true;
}

/** subtractRowGram in JS. */
export function subtractRowGramJs(R: Float64Array, rows: number, n: number, M: Float64Array, m: number, off: number): void {
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

/**
 * subtractRowGram for a mostly-zero R given by columns, bit for bit: column j's nonzeros are
 * vals[k] in rows rows[k] (increasing) for k in ptr[j] .. ptr[j + 1]. Each pair of a column's nonzeros
 * adds its product to the partial sum subtractRowGram would use for column j (j < 4⌊n/4⌋: j mod 4;
 * the remainder: the first), columns in increasing order; then M[off+b, off+a] −= s0 + s1 + (s2 + s3)
 * as there, for the pairs that met in some column. The products left out have a zero factor, and
 * adding ±0 changes no sum (a sum that starts at +0 is never −0), so M gets the same values.
 * (A nested factor's head columns of L each reach one row of the next factor: ~2% nonzero.)
 */
export class SparseRowGram {
  /** Four partial sums per pair of rows (a ≤ b at a·rows + b), zero between calls. */
  private readonly sums: Float64Array;
  /** Pairs that met in the current call, and a mark per pair (the call's stamp). */
  private readonly pairs: Int32Array;
  private readonly stamp: Int32Array;
  private call = 0;

  constructor(readonly rows: number) {
    this.sums = new Float64Array(4 * rows * rows);
    this.pairs = new Int32Array(rows * rows);
    this.stamp = new Int32Array(rows * rows);
  }

  subtract(ptr: Int32Array, rowIdx: Int32Array, vals: Float64Array, n: number, M: Float64Array, m: number, off: number): void {
    const { rows, sums, pairs, stamp } = this;
    const r2 = rows * rows;
    const call = ++this.call;
    let np = 0;
    const n4 = n - (n % 4);
    for (let j = 0; j < n; j++) {
      const o = (j < n4 ? j & 3 : 0) * r2;
      const end = ptr[j + 1];
      for (let x = ptr[j]; x < end; x++) {
        const vx = vals[x];
        const px = rowIdx[x] * rows;
        for (let y = x; y < end; y++) {
          const k = px + rowIdx[y];
          if (stamp[k] !== call) {
            stamp[k] = call;
            pairs[np++] = k;
          }
          sums[o + k] += vx * vals[y];
        }
      }
    }
    for (let q = 0; q < np; q++) {
      const k = pairs[q];
      const a = (k / rows) | 0;
      const b = k - a * rows;
      M[(off + a) * m + off + b] -= sums[k] + sums[r2 + k] + (sums[2 * r2 + k] + sums[3 * r2 + k]);
      sums[k] = sums[r2 + k] = sums[2 * r2 + k] = sums[3 * r2 + k] = 0;
    }
  }
}
