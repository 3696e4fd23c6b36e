/**
 * Σ = (LLᵀ)⁻¹ = L⁻ᵀL⁻¹ for the leading n×n part of a lower-triangular, column-major L (leading dimension
 * ld), and the level loop that the exact Satterthwaite Hessian runs with it (inference/scalarThetaHessian.ts:
 * per level Q = Σ_t v_t Σ[:, r_t], then M[:, r_t] += v_t Q). Through the WebAssembly SIMD kernel of
 * wasm/build-inverse-kernel.mjs where the runtime has it (four columns at a time, f64x2 along the rows;
 * the last n mod 4 columns in JS), else the same arithmetic in JS (blockedInverse.ts). One instance,
 * compiled on first use; its memory holds [L][L⁻¹][Σ][M][Q][rows][values].
 */
import { decodeBase64 } from './base64';
import { WASM_PAGE, type WasmMemory, webAssembly } from './wasmApi';
import { lowerGram, lowerInverseBlocked } from './blockedInverse';
import { inverseKernelBase64 } from './wasm/inverseKernel';

type Kernel = (a: number, b: number, n: number, from: number, nc: number) => void;
type LevelStep = (S: number, M: number, Q: number, rows: number, vals: number, cnt: number, n: number) => void;
interface Instance {
  memory: WasmMemory;
  trtri4: Kernel;
  gram4: Kernel;
  levelStep: LevelStep;
}

const BASE = 64;
/**
 * Columns per kernel call. V8 compiles a wasm function first with its baseline compiler and swaps in the
 * optimised code only for later calls: called once over all columns, the kernel ran unoptimised throughout
 * (InstEval's 1,158 columns: ≈ 0.8 s instead of ≈ 0.1 s in a fresh process).
 */
const CHUNK = 4;

let compiled: Instance | null | undefined;

function kernel(): Instance | undefined {
  if (compiled === undefined) {
    compiled = null;
    const wasm = webAssembly();
    if (wasm) {
      try {
        const { exports } = new wasm.Instance(new wasm.Module(decodeBase64(inverseKernelBase64)), {});
        compiled = { memory: exports.memory as WasmMemory, trtri4: exports.trtri4 as Kernel, gram4: exports.gram4 as Kernel, levelStep: exports.levelStep as LevelStep };
      } catch {
        compiled = null; // no SIMD128: JS
      }
    }
  }
  return compiled ?? undefined;
}

export interface RestInverse {
  /** Σ, n×n column-major, full and symmetric. Valid until the next restInverse() call. */
  readonly sigma: Float64Array;
  /** Q = Σ_t vals[t] Σ[:, rows[t]] for t in [from, to), then M += Q (vals restricted)ᵀ; returns Q (valid until the next call). */
  levelStep(rows: Int32Array, vals: Float64Array, from: number, to: number): Float64Array;
  /** M = Σ_levels Q_l k_lᵀ so far (n×n column-major). */
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
    levelStep(rows, vals, from, to) {
      Q.fill(0);
      for (let t = from; t < to; t++) {
        const col = rows[t] * n;
        const v = vals[t];
        for (let i = 0; i < n; i++) Q[i] += v * sigma[col + i];
      }
      for (let t = from; t < to; t++) {
        const col = rows[t] * n;
        const v = vals[t];
        for (let i = 0; i < n; i++) M[col + i] += v * Q[i];
      }
      return Q;
    },
  };
}

/** Σ = L⁻ᵀL⁻¹ and the level loop over it, in the wasm instance's memory where it can be had. */
export function restInverse(L: Float64Array, n: number, ld: number): RestInverse {
  const k = kernel();
  if (!k) return restInverseJs(L, n, ld);
  const nn = 8 * n * n;
  const at = { L: BASE, J: BASE + nn, S: BASE + 2 * nn, M: BASE + 3 * nn, Q: BASE + 4 * nn };
  const rowsAt = at.Q + 8 * n;
  const valsAt = rowsAt + 8 * Math.ceil(n / 2);
  const bytes = valsAt + 8 * n;
  if (k.memory.buffer.byteLength < bytes) {
    try {
      k.memory.grow(Math.ceil((bytes - k.memory.buffer.byteLength) / WASM_PAGE));
    } catch {
      return restInverseJs(L, n, ld); // beyond the wasm memory limit
    }
  }
  const buf = k.memory.buffer;
  const Lw = new Float64Array(buf, at.L, n * n);
  const J = new Float64Array(buf, at.J, n * n);
  const S = new Float64Array(buf, at.S, n * n);
  const M = new Float64Array(buf, at.M, n * n);
  const Q = new Float64Array(buf, at.Q, n);
  const rowsW = new Int32Array(buf, rowsAt, n);
  const valsW = new Float64Array(buf, valsAt, n);
  for (let j = 0; j < n; j++) Lw.set(L.subarray(j * ld + j, j * ld + n), j * n + j);
  J.fill(0);
  M.fill(0);
  const nc = n - (n % 4);
  for (let c = 0; c < nc; c += CHUNK) k.trtri4(at.L, at.J, n, c, Math.min(nc, c + CHUNK));
  // the last columns of L⁻¹ one at a time
  for (let j = nc; j < n; j++) {
    const col = j * n;
    J[col + j] = 1;
    for (let c = j; c < n; c++) {
      const x = (J[col + c] /= Lw[c * n + c]);
      for (let i = c + 1; i < n; i++) J[col + i] -= Lw[c * n + i] * x;
    }
  }
  for (let c = 0; c < nc; c += CHUNK) k.gram4(at.J, at.S, n, c, Math.min(nc, c + CHUNK));
  for (let b = nc; b < n; b++)
    for (let a = 0; a <= b; a++) {
      let t = 0;
      for (let i = b; i < n; i++) t += J[a * n + i] * J[b * n + i];
      S[b * n + a] = t;
      S[a * n + b] = t;
    }
  return {
    sigma: S,
    M,
    levelStep(rows, vals, from, to) {
      const cnt = to - from;
      rowsW.set(rows.subarray(from, to));
      valsW.set(vals.subarray(from, to));
      k.levelStep(at.S, at.M, at.Q, rowsAt, valsAt, cnt, n);
      return Q;
    },
  };
}
