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

/** Solve Lᵀ x = b in place (L lower, column-major m×m). */
export function backSolveLowerTranspose(L: Float64Array, m: number, b: Float64Array, offset = 0, ld = m): void {
  for (let j = m - 1; j >= 0; j--) {
    const cj = offset + j * ld;
    let s = b[j];
    for (let i = j + 1; i < m; i++) s -= L[cj + i] * b[i];
    b[j] = s / L[cj + j];
  }
}
