/**
 * Σ = (LLᵀ)⁻¹ = L⁻ᵀL⁻¹ for the leading n×n part of a lower-triangular, column-major L (leading dimension
 * ld), and the level loop that the exact Satterthwaite Hessian runs with it (inference/scalarThetaHessian.ts:
 * per level Q = Σ_t v_t Σ[:, r_t], then M[:, r_t] += v_t Q). Through the WebAssembly SIMD kernel of
 * wasm/build-inverse-kernel.mjs where the runtime has it (four columns at a time, f64x2 along the rows;
 * the last n mod 4 columns in JS), else the same arithmetic in JS (blockedInverse.ts). One instance,
 * compiled on first use; its memory holds [L, then Σ][L⁻¹, then M][Q][K][the level sums].
 */
import { decodeBase64 } from './base64';
import { WASM_PAGE, type WasmMemory, webAssembly } from './wasmApi';
import { lowerGram, lowerInverseBlocked } from './blockedInverse';
import { lowerInverseColumn } from './triangularInverse';
import { inverseKernelBase64 } from './wasm/inverseKernel';

type Kernel = (a: number, b: number, n: number, from: number, nc: number) => void;
type LevelRows = (S: number, M: number, Q: number, start: number, rows: number, vals: number, nl: number, n: number, r0: number, r1: number, kq: number, qsq: number) => void;
type LevelRows16 = (S: number, M: number, Q: number, start: number, rows: number, vals: number, nl: number, n: number, r0: number, kq: number, qsq: number) => void;
interface Instance {
  memory: WasmMemory;
  trtri4: Kernel;
  gram4: Kernel;
  levelRows: LevelRows;
  levelRows16: LevelRows16;
}

const BASE = 64;
/** Rows per band of the level loop: S's and M's part of a band, 2 × 64 × n numbers, stays in cache. */
const BAND = 16;
/**
 * Columns per kernel call. V8 compiles a wasm function first with its baseline compiler and swaps in the
 * optimised code only for later calls: called once over all columns, the kernel ran unoptimised throughout
 * (InstEval's 1,158 columns: ≈ 0.8 s instead of ≈ 0.1 s in a fresh process).
 */
const CHUNK = 4;

let module: object | null | undefined;

/** The compiled module (once per thread), or undefined without WebAssembly SIMD128; wasmSolve.ts instantiates it too. */
export function inverseKernelModule(): object | undefined {
  if (module === undefined) {
    module = null;
    const wasm = webAssembly();
    if (wasm) {
      try {
        module = new wasm.Module(decodeBase64(inverseKernelBase64));
      } catch {
        module = null; // no SIMD128: JS
      }
    }
  }
  return module ?? undefined;
}

let compiled: Instance | null | undefined;

function kernel(): Instance | undefined {
  if (compiled === undefined) {
    const mod = inverseKernelModule();
    const exports = mod && new (webAssembly()!.Instance)(mod, {}).exports;
    compiled = exports
      ? { memory: exports.memory as WasmMemory, trtri4: exports.trtri4 as Kernel, gram4: exports.gram4 as Kernel, levelRows: exports.levelRows as LevelRows, levelRows16: exports.levelRows16 as LevelRows16 }
      : null;
  }
  return compiled ?? undefined;
}

/** The level loop's sums (see RestInverse.levels). */
export interface LevelSums {
  /** Per level, k_lᵀ Σ k_l. */
  kq: Float64Array;
  /** Per row a, Σ_l (Σ k_l)[a]². */
  qsq: Float64Array;
}

export interface RestInverse {
  /** Σ, n×n column-major, full and symmetric. Valid until the next restInverse() call. */
  readonly sigma: Float64Array;
  /**
   * For the columns k_l of K (level l: entries start[l]..start[l+1]−1 of rows and vals), M = Σ_l (Σk_l)k_lᵀ
   * = Σ K Kᵀ, and per level k_lᵀΣk_l and per row the sum of (Σk_l)² over the levels. Once per Σ.
   */
  levels(start: Int32Array, rows: Int32Array, vals: Float64Array): LevelSums;
  /** M = Σ K Kᵀ after levels() (n×n column-major). */
  readonly M: Float64Array;
}

/** The same in JS (runtimes without WebAssembly SIMD; tests). */
export function restInverseJs(L: Float64Array, n: number, ld: number): RestInverse {
  const sigma = lowerGram(lowerInverseBlocked(L, n, ld), n, n);
  const M = new Float64Array(n * n);
  const Q = new Float64Array(n);
  return {
    sigma,
    M,
    levels(start, rows, vals) {
      const nl = start.length - 1;
      const kq = new Float64Array(nl);
      const qsq = new Float64Array(n);
      for (let l = 0; l < nl; l++) {
        Q.fill(0);
        for (let t = start[l]; t < start[l + 1]; t++) {
          const col = rows[t] * n;
          const v = vals[t];
          for (let i = 0; i < n; i++) Q[i] += v * sigma[col + i];
        }
        for (let t = start[l]; t < start[l + 1]; t++) {
          const col = rows[t] * n;
          const v = vals[t];
          for (let i = 0; i < n; i++) M[col + i] += v * Q[i];
        }
        let s = 0;
        for (let t = start[l]; t < start[l + 1]; t++) s += vals[t] * Q[rows[t]];
        kq[l] = s;
        for (let i = 0; i < n; i++) qsq[i] += Q[i] * Q[i];
      }
      return { kq, qsq };
    },
  };
}

/** Grow the instance's memory to `bytes`; false beyond the wasm memory limit. */
function ensureBytes(k: Instance, bytes: number): boolean {
  if (k.memory.buffer.byteLength >= bytes) return true;
  try {
    k.memory.grow(Math.ceil((bytes - k.memory.buffer.byteLength) / WASM_PAGE));
    return true;
  } catch {
    return false;
  }
}

/**
 * Σ = L⁻ᵀL⁻¹ and the level loop over it, in the wasm instance's memory where it can be had. `reserve`:
 * the most levels and entries levels() will be given (its memory is taken here, so that sigma and M,
 * views on that memory, stay valid).
 */
export function restInverse(L: Float64Array, n: number, ld: number, reserve = { levels: 0, entries: 0 }): RestInverse {
  const k = kernel();
  if (!k) return restInverseJs(L, n, ld);
  const nn = 8 * n * n;
  // Σ over L (dead once J = L⁻¹ is formed) and M over J (dead once Σ is formed): two n×n regions, not
  // four, so a fresh process faults in 2 × 8n² bytes less (InstEval: 21 MB)
  const at = { L: BASE, J: BASE + nn, S: BASE, M: BASE + nn, Q: BASE + 2 * nn };
  // K and the sums after Q's band, 8-byte aligned: start (i32), rows (i32), vals, kq, qsq
  const startAt = at.Q + 8 * BAND;
  const rowsAt = startAt + 8 * Math.ceil((reserve.levels + 1) / 2);
  const valsAt = rowsAt + 8 * Math.ceil(reserve.entries / 2);
  const kqAt = valsAt + 8 * reserve.entries;
  const qsqAt = kqAt + 8 * reserve.levels;
  if (!ensureBytes(k, qsqAt + 8 * n)) return restInverseJs(L, n, ld);
  const buf = k.memory.buffer;
  const Lw = new Float64Array(buf, at.L, n * n);
  const J = new Float64Array(buf, at.J, n * n);
  const S = new Float64Array(buf, at.S, n * n);
  const M = new Float64Array(buf, at.M, n * n);
  for (let j = 0; j < n; j++) Lw.set(L.subarray(j * ld + j, j * ld + n), j * n + j);
  J.fill(0);
  const nc = n - (n % 4);
  for (let c = 0; c < nc; c += CHUNK) k.trtri4(at.L, at.J, n, c, Math.min(nc, c + CHUNK));
  // the last columns of L⁻¹ one at a time
  for (let j = nc; j < n; j++) lowerInverseColumn(Lw, n, n, J, j);
  for (let c = 0; c < nc; c += CHUNK) k.gram4(at.J, at.S, n, c, Math.min(nc, c + CHUNK));
  for (let b = nc; b < n; b++)
    for (let a = 0; a <= b; a++) {
      let t = 0;
      for (let i = b; i < n; i++) t += J[a * n + i] * J[b * n + i];
      S[b * n + a] = t;
      S[a * n + b] = t;
    }
  M.fill(0);
  return {
    sigma: S,
    M,
    levels(start, rows, vals) {
      const nl = start.length - 1;
      const nnz = start[nl];
      if (nl > reserve.levels || nnz > reserve.entries) throw new Error('restInverse: levels() was given more levels or entries than reserved');
      const b = k.memory.buffer;
      new Int32Array(b, startAt, nl + 1).set(start);
      new Int32Array(b, rowsAt, nnz).set(rows.subarray(0, nnz));
      new Float64Array(b, valsAt, nnz).set(vals.subarray(0, nnz));
      new Float64Array(b, kqAt, nl).fill(0);
      new Float64Array(b, qsqAt, n).fill(0);
      for (let r0 = 0; r0 < n; r0 += BAND)
        if (r0 + BAND <= n) k.levelRows16(at.S, at.M, at.Q, startAt, rowsAt, valsAt, nl, n, r0, kqAt, qsqAt);
        else k.levelRows(at.S, at.M, at.Q, startAt, rowsAt, valsAt, nl, n, r0, n, kqAt, qsqAt);
      return { kq: new Float64Array(b, kqAt, nl).slice(), qsq: new Float64Array(b, qsqAt, n).slice() };
    },
  };
}
