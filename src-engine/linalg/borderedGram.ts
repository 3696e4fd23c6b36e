/**
 * BᵀC⁻¹B and log|C| for a symmetric positive-definite C (k × k) and a B (k × r) by one factorization of
 * the bordered matrix [[C, B], [Bᵀ, 0]] in the wasm kernel (wasm/build-kernel.mjs, schur): its first k
 * columns become C's Cholesky factor L and (L⁻¹B)ᵀ, and the trailing r × r block becomes −BᵀC⁻¹B. The
 * triangular solves and the Gram then run through the register-blocked micro-kernel with the
 * factorization, instead of a solve per column and a Gram in JS, which cost twice the factorization
 * itself for nlme's large correlation groups (Wheat2's 224 plots and 57 columns of [X y]).
 */
import { getCholeskyBackend } from './denseCholesky';
import { KernelInstance, kernelModule } from './wasmCholesky';

/** Below this order of C the JS solves are as fast (and the view's copy is not worth it). */
export const BORDERED_MIN_ORDER = 48;

let instance: KernelInstance | null | undefined;

function kernel(): KernelInstance | undefined {
  if (instance === undefined) {
    const module = kernelModule();
    instance = module ? new KernelInstance(module) : null;
  }
  return instance ?? undefined;
}

/**
 * The bordered matrix of order k + r (column-major, leading dimension k + r) in the kernel's memory, its
 * trailing block zeroed: the caller writes C's lower triangle (diagonal included) into the leading block
 * and Bᵀ into rows k… of columns 0…k−1. Undefined without wasm (or memory, or with the 'js' Cholesky
 * backend), when the caller keeps its own solves. The view is valid until the next call.
 */
export function borderedMatrix(k: number, r: number): Float64Array | undefined {
  if (k < BORDERED_MIN_ORDER || getCholeskyBackend() === 'js') return undefined;
  const n = k + r;
  const view = kernel()?.matrix(n);
  if (!view) return undefined;
  for (let j = k; j < n; j++) view.fill(0, j * n + j, j * n + n);
  return view;
}

/**
 * Factors the matrix borderedMatrix(k, r) returned, in place: L in the leading block, (L⁻¹B)ᵀ below it and
 * −BᵀC⁻¹B in the trailing block's lower triangle. LAPACK info for C (0, or the failing column + 1).
 */
export function factorBordered(k: number, r: number): number {
  return kernel()!.borderedFactor(k + r, k);
}
