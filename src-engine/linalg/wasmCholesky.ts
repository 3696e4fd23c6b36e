/**
 * Loader for the WebAssembly SIMD Cholesky kernel (wasm/build-kernel.mjs). The module is compiled once,
 * synchronously, on first use (the engine runs in workers and Node, where synchronous compilation of any
 * size is allowed). Each KernelInstance owns one linear memory laid out as
 *   [scratch 256 B][matrix m×m, column-major][pack buffer(s)][extra bytes the caller reserved]
 * The same module forms the matrix from a grouped Gram in that memory (gramForm; wasmGramForm.ts), or
 * from one vector-valued term's levels (levelForm; lmm/wasmLevelForm.ts), and eliminates nested levels into
 * it (snFactor; lmm/wasmSupernodal.ts).
 * If WebAssembly or its SIMD proposal is missing, `kernelModule()` is undefined and callers use JS.
 */
import { lazyModule, WASM_PAGE, type WasmMemory, webAssembly } from './wasmApi';
import { choleskyKernelBase64, choleskyKernelTile } from './wasm/choleskyKernel';

type Potrf = (a: number, m: number, ld: number, nb: number, nb2: number, pka: number, pkb: number, scr: number) => number;
type Schur = (a: number, m: number, ld: number, k: number, nb: number, nb2: number, pka: number, pkb: number, scr: number) => number;
/** Byte addresses: out (ld = m), packed A, counts (u8), groups (u8), weights, c, s. */
export type GramForm = (out: number, m: number, ap: number, cnt: number, grp: number, w: number, c: number, s: number) => void;
/** Byte addresses after m, S₀ and nl: A₁₁, A_r1, A_rr, T₀, scratch, L₁₁, B, out; 0 when a level's pivot failed (wasmLevelForm.ts). */
export type LevelForm = (m: number, s: number, nl: number, a11: number, a1r: number, arr: number, t0: number, tmp: number, l11: number, b: number, out: number) => number;

/** Panel widths (outer, inner), tuned on the benchmark (bench/cholesky.ts; docs/performance.md). */
const NB = 64;
const NB2 = 16;
const MATRIX_AT = 256;

/** The compiled kernel, or undefined when this runtime cannot run it (no SIMD128, wasm disabled). */
export const kernelModule = lazyModule(choleskyKernelBase64);

/** One instance of the kernel with its own memory. */
export class KernelInstance {
  private readonly memory: WasmMemory;
  private readonly potrf: Potrf;
  private readonly schur: Schur;
  readonly gramForm: GramForm;
  readonly levelForm: LevelForm;
  /** groupedGram.ts' entries (wasm/build-kernel.mjs, gramSums): 17 byte addresses after m, G and nl; returns the count. */
  readonly gramSums: (m: number, G: number, nl: number, ...addresses: number[]) => number;
  /** lmm/wasmSupernodal.ts' elimination (wasm/build-kernel.mjs, snFactor): counts, then byte addresses; 0, 1 (pivot) or 2. */
  readonly snFactor: (nodes: number, qE: number, m: number, ...addresses: number[]) => number;
  /** rowGram.ts' subtractRowGram (wasm/build-kernel.mjs, rowGram): R's and M's byte addresses, rows, n, M's ld. */
  readonly rowGram: (r: number, rows: number, n: number, mp: number, ld: number) => void;
  /** lmm/wasmHeadTail.ts' tail of the rest (wasm/build-kernel.mjs, headTail): 0, 1 (a head pivot) or 2 (the tail's factorization). */
  readonly headTail: (...args: number[]) => number;
  /** lmm/headSchur.ts' Γ sums (wasm/build-kernel.mjs, syrLower): g[c·L + r] += u_r u_c, r ≥ c. */
  readonly syrLower: (g: number, u: number, L: number) => void;
  /** xBeta.ts' out ± Xβ (wasm/build-kernel.mjs, xBeta): n, p, then X's, β's and out's byte addresses, and subtract (0 or 1). */
  readonly xBeta: (n: number, p: number, X: number, beta: number, out: number, subtract: number) => void;
  /** lmm/initialTheta.ts' backfitTerm (wasm/build-kernel.mjs, backfit). */
  readonly backfit: (n: number, T: number, r: number, effs: number, refs: number, q: number, count: number, sum: number, G: number) => void;
  /** lmm/crossproducts.ts' observation loop (wasm/build-kernel.mjs, crossScatter). */
  readonly crossScatter: (...args: number[]) => void;
  private readonly panelFactor: (a: number, m: number) => number;
  private matrixOrder = -1;
  private view = new Float64Array(0);
  /** Byte address of the matrix. */
  readonly matrixAt = MATRIX_AT;
  /** Byte address of the extra region reserved by the latest matrix() call. */
  extraAt = 0;

  constructor(module: object) {
    const wasm = webAssembly()!;
    const { exports } = new wasm.Instance(module, {});
    this.memory = exports.memory as WasmMemory;
    this.potrf = exports.potrf as Potrf;
    this.schur = exports.schur as Schur;
    this.gramForm = exports.gramForm as GramForm;
    this.levelForm = exports.levelForm as LevelForm;
    this.gramSums = exports.gramSums as (m: number, G: number, nl: number, ...addresses: number[]) => number;
    this.snFactor = exports.snFactor as (nodes: number, qE: number, m: number, ...addresses: number[]) => number;
    this.rowGram = exports.rowGram as (r: number, rows: number, n: number, mp: number, ld: number) => void;
    this.headTail = exports.headTail as (...args: number[]) => number;
    this.syrLower = exports.syrLower as (g: number, u: number, L: number) => void;
    this.crossScatter = exports.crossScatter as (...args: number[]) => void;
    this.xBeta = exports.xBeta as (n: number, p: number, X: number, beta: number, out: number, subtract: number) => void;
    this.backfit = exports.backfit as (n: number, T: number, r: number, effs: number, refs: number, q: number, count: number, sum: number, G: number) => void;
    this.panelFactor = exports.panelFactor as (a: number, m: number) => number;
  }

  /** The instance's memory; views on it stay valid until it grows. */
  get buffer(): ArrayBuffer {
    return this.memory.buffer;
  }

  /**
   * A column-major m×m view on the instance's memory (ld = m), growing the memory if needed, with
   * `extraBytes` more after the pack buffers (at `extraAt`, 8-byte aligned). Growing detaches earlier
   * views, so use the view returned by the latest call. Returns undefined if the memory cannot grow that far.
   */
  matrix(m: number, extraBytes = 0): Float64Array | undefined {
    if (m === this.matrixOrder && extraBytes === 0 && this.view.buffer === this.memory.buffer) return this.view;
    const { MR, NR } = choleskyKernelTile;
    const packA = Math.ceil(m / MR) * MR * NB;
    const packB = MR === NR ? 0 : Math.ceil(m / NR) * NR * NB;
    const extraAt = MATRIX_AT + 8 * (m * m + packA + packB);
    const bytes = extraAt + extraBytes;
    const have = this.memory.buffer.byteLength;
    if (bytes > have) {
      try {
        this.memory.grow(Math.ceil((bytes - have) / WASM_PAGE));
      } catch {
        return undefined; // RangeError: beyond the engine's wasm memory limit
      }
    }
    this.matrixOrder = m;
    this.extraAt = extraAt;
    this.view = new Float64Array(this.memory.buffer, MATRIX_AT, m * m);
    return this.view;
  }

  /** Factor the matrix last returned by matrix(m) in place; LAPACK info. */
  factor(m: number): number {
    return this.potrf(MATRIX_AT, m, m, NB, NB2, ...this.packs(m));
  }

  /**
   * The same for an order below WASM_MIN_ORDER, as choleskyJs.ts factors it (one panel, column by column:
   * the same bits, where potrf's inner panels of NB2 columns would round differently from order 17 on).
   */
  factorSmall(m: number): number {
    return this.panelFactor(MATRIX_AT, m);
  }

  /**
   * The bordered factorization of the matrix last returned by matrix(m), [[C, B], [Bᵀ, D]] with C its
   * leading k × k block: C = L Lᵀ, B ← L⁻¹B (in the rows below C) and D ← D − BᵀC⁻¹B (wasm/build-kernel.mjs,
   * schur). LAPACK info for C.
   */
  borderedFactor(m: number, k: number): number {
    return this.schur(MATRIX_AT, m, m, k, NB, NB2, ...this.packs(m));
  }

  /** What potrf takes after the matrix, order and leading dimension, for a matrix of order ≤ m: panel widths, pack buffers, scratch. */
  factorArgs(m: number): [number, number, number, number, number] {
    return [NB, NB2, ...this.packs(m)];
  }

  /** The pack buffers' and the scratch's byte addresses for order m. */
  private packs(m: number): [number, number, number] {
    const { MR, NR } = choleskyKernelTile;
    const pka = MATRIX_AT + 8 * m * m;
    const pkb = MR === NR ? pka : pka + 8 * Math.ceil(m / MR) * MR * NB;
    return [pka, pkb, 0];
  }
}

let shared: KernelInstance | undefined;
let scratchInstance: KernelInstance | undefined;

/** One region of scratchRegions: its element type and either the numbers to copy in or a length (then filled with `fill`, 0 by default). */
export interface ScratchRegion {
  type: 'f64' | 'i32' | 'u8';
  from?: ArrayLike<number>;
  length?: number;
  fill?: number;
}

/**
 * The named regions laid out one after another (each 8-byte aligned) in the shared scratch instance, filled
 * as asked; their byte addresses. Valid until the next scratch call. Undefined as scratchKernel.
 */
export function scratchRegions<K extends string>(spec: Record<K, ScratchRegion>): { kernel: KernelInstance; at: Record<K, number> } | undefined {
  const names = Object.keys(spec) as K[];
  const size = { f64: 8, i32: 4, u8: 1 } as const;
  const lengthOf = (r: ScratchRegion) => r.from?.length ?? r.length ?? 0;
  const bytes = names.reduce((a, k) => a + ((size[spec[k].type] * lengthOf(spec[k]) + 7) & ~7), 0);
  const s = scratchKernel(bytes);
  if (!s) return undefined;
  const buf = s.kernel.buffer;
  const at = {} as Record<K, number>;
  let next = s.at;
  for (const k of names) {
    const r = spec[k];
    const n = lengthOf(r);
    const view = r.type === 'f64' ? new Float64Array(buf, next, n) : r.type === 'i32' ? new Int32Array(buf, next, n) : new Uint8Array(buf, next, n);
    if (r.from) view.set(r.from);
    else view.fill(r.fill ?? 0);
    at[k] = next;
    next += (size[r.type] * n + 7) & ~7;
  }
  return { kernel: s.kernel, at };
}

/**
 * An instance of the module with at least `bytes` free at `at` (8-byte aligned), for a kernel that works on
 * copies (rowGram.ts); valid until the next call. Undefined when wasm is unavailable or the memory cannot grow.
 */
export function scratchKernel(bytes: number): { kernel: KernelInstance; at: number } | undefined {
  const module = kernelModule();
  if (!module) return undefined;
  scratchInstance ??= new KernelInstance(module);
  if (!scratchInstance.matrix(0, bytes)) return undefined;
  return { kernel: scratchInstance, at: scratchInstance.extraAt };
}

/**
 * The wasm path of choleskyLowerInPlace: copy the lower triangle into the shared instance, factor, copy
 * it back. Returns undefined when wasm is unavailable or the matrix does not fit in its memory.
 */
export function choleskyLowerWasm(A: Float64Array, m: number, offset = 0, ld = m): number | undefined {
  const module = kernelModule();
  if (!module) return undefined;
  shared ??= new KernelInstance(module);
  const W = shared.matrix(m);
  if (!W) return undefined;
  for (let j = 0; j < m; j++) W.set(A.subarray(offset + j * ld + j, offset + j * ld + m), j * m + j);
  const info = shared.factor(m);
  // On failure too: LAPACK leaves the partially factored columns in A, and so does the JS kernel.
  for (let j = 0; j < m; j++) A.set(W.subarray(j * m + j, j * m + m), offset + j * ld + j);
  return info;
}
