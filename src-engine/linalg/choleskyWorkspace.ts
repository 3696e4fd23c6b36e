/**
 * A dense m×m matrix that lives in the Cholesky kernel's own memory, so factoring it needs no copy in or
 * out (choleskyLowerInPlace copies the lower triangle both ways, ~5% of the time at m ≈ 1000).
 * Usage: fill `ws.A` (column-major, ld = m, lower triangle), call `ws.factor()`, read L from `ws.A`.
 * Each workspace has its own wasm instance whose memory never grows after construction, so `A` stays
 * valid for the workspace's lifetime. Without wasm (or for small m) `A` is an ordinary Float64Array and
 * factor() runs the JS kernel.
 */
import { choleskyLowerJs } from './choleskyJs';
import { WASM_MIN_ORDER, getCholeskyBackend } from './denseCholesky';
import { KernelInstance, kernelModule } from './wasmCholesky';

export class CholeskyWorkspace {
  /** The m×m column-major matrix (ld = m) to fill and then read the factor from. */
  readonly A: Float64Array;
  private readonly kernel: KernelInstance | undefined;

  constructor(readonly m: number) {
    const module = m >= WASM_MIN_ORDER ? kernelModule() : undefined;
    const kernel = module ? new KernelInstance(module) : undefined;
    const view = kernel?.matrix(m);
    this.kernel = view ? kernel : undefined;
    this.A = view ?? new Float64Array(m * m);
  }

  /** True when factor() runs the WebAssembly kernel. */
  get usesWasm(): boolean {
    return this.kernel !== undefined && getCholeskyBackend() === 'auto';
  }

  /** In-place lower Cholesky of A; LAPACK info as choleskyLowerInPlace. */
  factor(): number {
    if (this.kernel && getCholeskyBackend() === 'auto') return this.kernel.factor(this.m);
    return choleskyLowerJs(this.A, this.m);
  }
}
