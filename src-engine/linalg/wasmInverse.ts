/**
 * Σ = (LLᵀ)⁻¹ = L⁻ᵀL⁻¹ for the leading n×n part of a lower-triangular, column-major L (leading dimension
 * ld), and the level loop that the exact Satterthwaite Hessian runs with it (inference/scalarThetaHessian.ts:
 * per level Q_l = Σ_t v_t Σ[:, r_t], and P = KᵀΣK by its entries k_lᵀQ_j). Through the WebAssembly SIMD kernel of
 * wasm/build-inverse-kernel.mjs where the runtime has it (four columns at a time, f64x2 along the rows;
 * the last n mod 4 columns in JS), else the same arithmetic in JS (blockedInverse.ts). One instance,
 * compiled on first use; its memory holds [L, then Σ][L⁻¹, then a pass's Q_j][a band of Q, the pass's
 * sums][K][qsq][times()'s vectors].
 */
import { decodeBase64 } from './base64';
import { WASM_PAGE, type WasmMemory, webAssembly } from './wasmApi';
import { lowerGram, lowerInverseBlocked } from './blockedInverse';
import { lowerInverseColumn } from './triangularInverse';
import { inverseKernelBase64 } from './wasm/inverseKernel';

type Kernel = (a: number, b: number, n: number, from: number, nc: number) => void;
type LevelQ8 = (S: number, Qc: number, Qi: number, start: number, rows: number, vals: number, nl: number, n: number, j0: number, r0: number, r1: number, qsq: number) => void;
type SigmaTimes = (S: number, Z: number, W: number, n: number, nv: number, b0: number, b1: number) => void;
type LevelDots8 = (Qi: number, start: number, rows: number, vals: number, lEnd: number, j0: number, W: number, Pd: number, acc: number) => void;
interface Instance {
  memory: WasmMemory;
  trtri4: Kernel;
  gram4: Kernel;
  levelQ8: LevelQ8;
  levelDots8: LevelDots8;
  sigmaTimes: SigmaTimes;
}

const BASE = 64;
/** Levels per chunk of the level loop: their Q_j side by side (n × 8, row-major) serve every level's dots. The kernel's levelQ8 and levelDots8 are built for eight. */
const WIDTH = 8;
/**
 * Levels whose Q_j are formed band by band of ROWS rows in one pass: a band of Σ (ROWS × n, 1.2 MB for
 * InstEval) stays in cache while the pass's levels read their columns there. Their Q_j (PASS × n) go into
 * L⁻¹'s region, dead by then, where it is large enough.
 */
const PASS = 512;
const ROWS = 128;
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
      ? { memory: exports.memory as WasmMemory, trtri4: exports.trtri4 as Kernel, gram4: exports.gram4 as Kernel, levelQ8: exports.levelQ8 as LevelQ8, levelDots8: exports.levelDots8 as LevelDots8, sigmaTimes: exports.sigmaTimes as SigmaTimes }
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
  /** tr(MM) for M = Σ K Kᵀ, i.e. ‖KᵀΣK‖²_F = Σ_{l,j} (k_lᵀ Σ k_j)². */
  trMM: number;
}

export interface RestInverse {
  /** Σ, n×n column-major, full and symmetric. Valid until the next restInverse() call. */
  readonly sigma: Float64Array;
  /**
   * For the columns k_l of K (level l: entries start[l]..start[l+1]−1 of rows and vals, rows ascending),
   * per level k_lᵀΣk_l, per row the sum of (Σk_l)² over the levels, and ‖KᵀΣK‖²_F. Once per Σ.
   */
  levels(start: Int32Array, rows: Int32Array, vals: Float64Array): LevelSums;
  /** Σz for each z (n long; zs.length at most the `vectors` reserved). */
  times(zs: readonly Float64Array[]): Float64Array[];
}

/** Σz for each z in one pass over Σ's columns, each sum in column order (the kernel's sigmaTimes does the same). */
export function sigmaTimesJs(sigma: Float64Array, n: number, zs: readonly Float64Array[]): Float64Array[] {
  const ws = zs.map(() => new Float64Array(n));
  for (let b = 0; b < n; b++) {
    const col = b * n;
    for (let v = 0; v < zs.length; v++) {
      const zb = zs[v][b];
      if (zb === 0) continue;
      const w = ws[v];
      for (let a = 0; a < n; a++) w[a] += sigma[col + a] * zb;
    }
  }
  return ws;
}

/**
 * The weights of P_lj² in ‖P‖²_F for the diagonal block of a pass (row l − j0, column j − j0: P is
 * symmetric, so each pair off the diagonal counts twice and pairs below it are skipped), then a row of
 * 2s for the levels before the pass.
 */
const PAIR_WEIGHTS = Float64Array.from({ length: (WIDTH + 1) * WIDTH }, (_, i) => {
  const r = Math.floor(i / WIDTH);
  const c = i % WIDTH;
  return r === WIDTH || c > r ? 2 : c === r ? 1 : 0;
});

/** ‖P‖²_F from the pass's running sums, one per lane (the same order whichever path filled them). */
function sumLanes(acc: Float64Array): number {
  let t = 0;
  for (let i = 0; i < WIDTH; i++) t += acc[i];
  return t;
}

/**
 * The level loop in JS, operation for operation as the kernel's levelQ8 and levelDots8 (runtimes without
 * WebAssembly SIMD; tests): levels in passes of WIDTH, their Q_j formed and kept side by side, then every
 * level up to the pass's last dotted with all of them.
 */
export function levelSumsJs(sigma: Float64Array, n: number, start: Int32Array, rows: Int32Array, vals: Float64Array): LevelSums {
  const nl = start.length - 1;
  const kq = new Float64Array(nl);
  const qsq = new Float64Array(n);
  const Qi = new Float64Array(n * WIDTH);
  const acc = new Float64Array(WIDTH);
  const p = new Float64Array(WIDTH);
  for (let j0 = 0; j0 < nl; j0 += WIDTH) {
    Qi.fill(0);
    for (let jj = 0; jj < WIDTH && j0 + jj < nl; jj++) {
      const j = j0 + jj;
      for (let t = start[j]; t < start[j + 1]; t++) {
        const col = rows[t] * n;
        const v = vals[t];
        for (let i = 0; i < n; i++) Qi[i * WIDTH + jj] += v * sigma[col + i];
      }
      for (let i = 0; i < n; i++) qsq[i] += Qi[i * WIDTH + jj] * Qi[i * WIDTH + jj];
    }
    const lEnd = Math.min(nl, j0 + WIDTH);
    for (let l = 0; l < lEnd; l++) {
      p.fill(0);
      for (let t = start[l]; t < start[l + 1]; t++) {
        const base = rows[t] * WIDTH;
        const v = vals[t];
        for (let jj = 0; jj < WIDTH; jj++) p[jj] += v * Qi[base + jj];
      }
      const w = (l < j0 ? WIDTH : l - j0) * WIDTH;
      for (let jj = 0; jj < WIDTH; jj++) acc[jj] += p[jj] * p[jj] * PAIR_WEIGHTS[w + jj];
      if (l >= j0) kq[l] = p[l - j0];
    }
  }
  return { kq, qsq, trMM: sumLanes(acc) };
}

/** The same in JS (runtimes without WebAssembly SIMD; tests). */
export function restInverseJs(L: Float64Array, n: number, ld: number): RestInverse {
  const sigma = lowerGram(lowerInverseBlocked(L, n, ld), n, n);
  return { sigma, levels: (start, rows, vals) => levelSumsJs(sigma, n, start, rows, vals), times: (zs) => sigmaTimesJs(sigma, n, zs) };
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
 * the most levels and entries levels() and vectors times() will be given (its memory is taken here, so
 * that sigma, a view on that memory, stays valid).
 */
export function restInverse(L: Float64Array, n: number, ld: number, reserve = { levels: 0, entries: 0, vectors: 0 }): RestInverse {
  const k = kernel();
  if (!k) return restInverseJs(L, n, ld);
  const nn = 8 * n * n;
  // Σ over L (dead once J = L⁻¹ is formed): two n×n regions, not three, so a fresh process faults in
  // 8n² bytes less (InstEval: 10.7 MB)
  const at = { L: BASE, J: BASE + nn, S: BASE, Q: BASE + 2 * nn };
  // after Q (a band), the dots of a chunk's diagonal block (WIDTH²), the running sums (WIDTH), the
  // weights ((WIDTH + 1) × WIDTH), then K and the sums, 8-byte aligned: start (i32), rows (i32), vals, qsq;
  // then the pass's Q_j if L⁻¹'s region cannot hold them; then times()'s vectors and results
  const pass = Math.min(PASS, WIDTH * Math.ceil(reserve.levels / WIDTH));
  const pdAt = at.Q + 8 * ROWS;
  const accAt = pdAt + 8 * WIDTH * WIDTH;
  const wAt = accAt + 8 * WIDTH;
  const startAt = wAt + 8 * PAIR_WEIGHTS.length;
  const rowsAt = startAt + 8 * Math.ceil((reserve.levels + 1) / 2);
  const valsAt = rowsAt + 8 * Math.ceil(reserve.entries / 2);
  const qsqAt = valsAt + 8 * reserve.entries;
  const qpAt = 8 * pass * n <= nn ? at.J : qsqAt + 8 * n;
  const zAt = Math.max(qsqAt + 8 * n, qpAt + 8 * pass * n);
  const wsAt = zAt + 8 * n * reserve.vectors;
  if (!ensureBytes(k, wsAt + 8 * n * reserve.vectors)) return restInverseJs(L, n, ld);
  const buf = k.memory.buffer;
  const Lw = new Float64Array(buf, at.L, n * n);
  const J = new Float64Array(buf, at.J, n * n);
  const S = new Float64Array(buf, at.S, n * n);
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
  return {
    sigma: S,
    levels(start, rows, vals) {
      const nl = start.length - 1;
      const nnz = start[nl];
      if (nl > reserve.levels || nnz > reserve.entries) throw new Error('restInverse: levels() was given more levels or entries than reserved');
      const b = k.memory.buffer;
      new Int32Array(b, startAt, nl + 1).set(start);
      new Int32Array(b, rowsAt, nnz).set(rows.subarray(0, nnz));
      new Float64Array(b, valsAt, nnz).set(vals.subarray(0, nnz));
      new Float64Array(b, wAt, PAIR_WEIGHTS.length).set(PAIR_WEIGHTS);
      new Float64Array(b, accAt, WIDTH).fill(0);
      new Float64Array(b, qsqAt, n).fill(0);
      const Pd = new Float64Array(b, pdAt, WIDTH * WIDTH);
      const kq = new Float64Array(nl);
      // many calls of each kernel function, so V8's optimised code serves all but the first few
      for (let p0 = 0; p0 < nl; p0 += pass) {
        const chunks = Math.ceil((Math.min(nl, p0 + pass) - p0) / WIDTH);
        for (let r0 = 0; r0 < n; r0 += ROWS)
          for (let c = 0; c < chunks; c++) k.levelQ8(at.S, at.Q, qpAt + 8 * WIDTH * n * c, startAt, rowsAt, valsAt, nl, n, p0 + WIDTH * c, r0, Math.min(n, r0 + ROWS), qsqAt);
        for (let c = 0; c < chunks; c++) {
          const j0 = p0 + WIDTH * c;
          const lEnd = Math.min(nl, j0 + WIDTH);
          k.levelDots8(qpAt + 8 * WIDTH * n * c, startAt, rowsAt, valsAt, lEnd, j0, wAt, pdAt, accAt);
          for (let l = j0; l < lEnd; l++) kq[l] = Pd[(l - j0) * (WIDTH + 1)];
        }
      }
      return { kq, qsq: new Float64Array(b, qsqAt, n).slice(), trMM: sumLanes(new Float64Array(b, accAt, WIDTH)) };
    },
    times(zs) {
      const nv = zs.length;
      if (nv > reserve.vectors) throw new Error('restInverse: times() was given more vectors than reserved');
      const b = k.memory.buffer;
      zs.forEach((z, v) => new Float64Array(b, zAt + 8 * n * v, n).set(z));
      new Float64Array(b, wsAt, n * nv).fill(0);
      for (let c = 0; c < n; c += CHUNK) k.sigmaTimes(at.S, zAt, wsAt, n, nv, c, Math.min(n, c + CHUNK));
      return zs.map((_, v) => new Float64Array(b, wsAt + 8 * n * v, n).slice());
    },
  };
}
