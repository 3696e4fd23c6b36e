/**
 * out[i] ← out[i] + Σ_j X[i, j] β[j] (or − each product), j ascending for each row: the fitted values or
 * residuals of a fixed-effects fit, which a first fit forms three times (the exact-fit check, the moment
 * start, the solution at θ̂). Run once each, the loops stay in V8's interpreter, which boxes every product
 * as a new heap number (ham: 10k products, ≈ 0.4 ms and 0.4 MB each time); from KERNEL_MIN_PRODUCTS on
 * they run in the Cholesky module (wasm/build-kernel.mjs, xBeta), whose sums are these, in this order.
 */
import { getCholeskyBackend } from './denseCholesky';
import { scratchRegions } from './wasmCholesky';

/** Below this many products the JS runs them: the kernel's copies of X and out cost more than they save. */
const KERNEL_MIN_PRODUCTS = 4096;

/** out ± Xβ in place; X column-major n × p (its first n·p numbers are read). */
export function addXBeta(X: Float64Array, n: number, p: number, beta: ArrayLike<number>, out: Float64Array, subtract = false): void {
  if (n * p >= KERNEL_MIN_PRODUCTS && getCholeskyBackend() === 'auto' && xBetaInKernel(X, n, p, beta, out, subtract)) return;
  if (subtract) {
    for (let j = 0; j < p; j++) {
      const bj = beta[j];
      const oj = j * n;
      for (let i = 0; i < n; i++) out[i] -= X[oj + i] * bj;
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    let s = out[i];
    for (let j = 0; j < p; j++) s += X[j * n + i] * beta[j];
    out[i] = s;
  }
}

/** The same in the kernel, on copies; false when it cannot run (no wasm, memory). */
function xBetaInKernel(X: Float64Array, n: number, p: number, beta: ArrayLike<number>, out: Float64Array, subtract: boolean): boolean {
  const s = scratchRegions({ X: { type: 'f64', from: X.subarray(0, n * p) }, beta: { type: 'f64', from: beta }, out: { type: 'f64', from: out } });
  if (!s) return false;
  const { kernel, at } = s;
  kernel.xBeta(n, p, at.X, at.beta, at.out, subtract ? 1 : 0);
  out.set(new Float64Array(kernel.buffer, at.out, n));
  return true;
}
