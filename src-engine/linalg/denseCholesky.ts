/**
 * Dense lower Cholesky and triangular solves, column-major (A[offset + j * ld + i] = A[i, j]).
 *
 * choleskyLowerInPlace dispatches to the WebAssembly SIMD kernel (wasmCholesky.ts) for matrices of
 * order ≥ WASM_MIN_ORDER and to the JS kernel (choleskyJs.ts) otherwise or when wasm is unavailable.
 * Both compute the same blocked algorithm; results agree to rounding (~1e-15 relative).
 */
import { choleskyLowerJs } from './choleskyJs';
import { choleskyLowerWasm } from './wasmCholesky';

/** Below this order the copy into wasm memory costs more than the faster kernel saves (measured). */
export const WASM_MIN_ORDER = 24;

export type CholeskyBackend = 'auto' | 'js';
let backend: CholeskyBackend = 'auto';

/** 'js' forces the JavaScript kernel everywhere (tests, benchmarks); 'auto' uses wasm where it pays. */
export function setCholeskyBackend(b: CholeskyBackend): void {
  backend = b;
}

export function getCholeskyBackend(): CholeskyBackend {
  return backend;
}

/**
 * In-place lower Cholesky factor of a symmetric positive-definite m×m matrix stored column-major
 * (A[j * m + i] = A[i, j]). Only the lower triangle is read and written; the strict upper triangle is
 * left untouched. Returns 0 on success, or k + 1 (LAPACK's `info`) when the leading minor of order
 * k + 1 is not positive definite.
 */
export function choleskyLowerInPlace(A: Float64Array, m: number, offset = 0, ld = m): number {
  if (backend === 'auto' && m >= WASM_MIN_ORDER) {
    const info = choleskyLowerWasm(A, m, offset, ld);
    if (info !== undefined) return info;
  }
  return choleskyLowerJs(A, m, offset, ld);
}

/** Solve L x = b in place (L lower, column-major m×m, unit stride columns). */
export function forwardSolveLower(L: Float64Array, m: number, b: Float64Array, offset = 0, ld = m): void {
  for (let j = 0; j < m; j++) {
    const cj = offset + j * ld;
    const xj = (b[j] /= L[cj + j]);
    if (xj !== 0) for (let i = j + 1; i < m; i++) b[i] -= L[cj + i] * xj;
  }
}

/**
 * Four right-hand sides at once (B's columns at offsets c0…c3): B ← L⁻¹B on rows from…n−1, L lower
 * (column-major, leading dimension ld), assuming rows above `from` are 0 in all four. Each entry of L
 * read serves four columns; each column's arithmetic is forwardSolveLower's, in its order.
 */
export function forwardSolveLower4(L: Float64Array, ld: number, n: number, B: Float64Array, c0: number, c1: number, c2: number, c3: number, from = 0): void {
  for (let k = from; k < n; k++) {
    const ck = k * ld;
    const d = L[ck + k];
    const x0 = (B[c0 + k] /= d);
    const x1 = (B[c1 + k] /= d);
    const x2 = (B[c2 + k] /= d);
    const x3 = (B[c3 + k] /= d);
    for (let i = k + 1; i < n; i++) {
      const l = L[ck + i];
      B[c0 + i] -= l * x0;
      B[c1 + i] -= l * x1;
      B[c2 + i] -= l * x2;
      B[c3 + i] -= l * x3;
    }
  }
}

/** Solve Lᵀ x = b in place (L lower, column-major m×m). */
export function backSolveLowerTranspose(L: Float64Array, m: number, b: Float64Array, offset = 0, ld = m): void {
  for (let j = m - 1; j >= 0; j--) {
    const cj = offset + j * ld;
    let s = b[j];
    for (let i = j + 1; i < m; i++) s -= L[cj + i] * b[i];
    b[j] = s / L[cj + j];
  }
}
