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
  /** The extra bytes actually reserved (0 on the JS path or when the memory could not hold them). */
  readonly extraBytes: number;

  /**
   * `extraBytes`: room reserved after the kernel's own regions for data other kernels of the same module
   * read (wasmGramForm.ts), so that the memory never has to grow later. `anyOrder`: a kernel below
   * WASM_MIN_ORDER too, for another kernel of the module that fills A (lmm/wasmLevelForm.ts); factor()
   * then runs the kernel's one-panel factorization, which has the JS kernel's bits at those orders.
   */
  constructor(
    readonly m: number,
    extraBytes = 0,
    anyOrder = false,
  ) {
    const module = m >= WASM_MIN_ORDER || anyOrder ? kernelModule() : undefined;
    const kernel = module ? new KernelInstance(module) : undefined;
    // beyond the memory limit with the extra room: the factorization alone still runs in wasm
    let view = kernel?.matrix(m, extraBytes);
    this.extraBytes = view ? extraBytes : 0;
    if (!view && extraBytes > 0) view = kernel?.matrix(m);
    this.kernel = view ? kernel : undefined;
    this.A = view ?? new Float64Array(m * m);
  }

  /** True when factor() runs the WebAssembly kernel. */
  get usesWasm(): boolean {
    return this.kernel !== undefined && getCholeskyBackend() === 'auto';
  }

  /** The wasm instance holding A (undefined on the JS path): its extra region and its other exports. */
  get wasmKernel(): KernelInstance | undefined {
    return this.kernel;
  }

  /** In-place lower Cholesky of A; LAPACK info as choleskyLowerInPlace. */
  factor(): number {
    if (this.kernel && getCholeskyBackend() === 'auto') return this.m >= WASM_MIN_ORDER ? this.kernel.factor(this.m) : this.kernel.factorSmall(this.m);
    return choleskyLowerJs(this.A, this.m);
  }
}
