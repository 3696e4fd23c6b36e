/**
 * Σ = (LLᵀ)⁻¹ = L⁻ᵀL⁻¹ for the leading n×n part of a lower-triangular, column-major L (leading dimension
 * ld), and the level loop that the exact Satterthwaite Hessian runs with it (inference/scalarThetaHessian.ts:
 * per level Q_l = Σ_t v_t Σ[:, r_t], and P = KᵀΣK by its entries k_lᵀQ_j). Through the WebAssembly SIMD kernel of
 * wasm/build-inverse-kernel.mjs where the runtime has it (four columns at a time, f64x2 along the rows;
 * the last n mod 4 columns in JS), else the same arithmetic in JS (blockedInverse.ts). One instance on a
 * shared memory, compiled on first use; its jobs run on the helper threads the host installed, if any
 * (kernelThreads.ts), each item on whichever thread takes it, so the bits do not depend on the threads.
 * Its memory holds [control block][L, then Σ][L⁻¹, then a pass's Q_j][the threads' bands of Q, the pass's
 * dots][the chunks' sums][K][qsq][psi()'s vectors, their block-0 parts and the block-0 diagonal][the
 * pattern K is built from] (layout()).
 */
import { lazyModule, WASM_PAGE, type WasmMemory, webAssembly } from './wasmApi';
import { CONTROL_BYTES, JOB, JobPoster, MAX_THREADS } from './kernelThreads';
import { lowerGram, lowerInverseBlocked } from './blockedInverse';
import { lowerInverseColumn } from './triangularInverse';
import { inverseKernelBase64 } from './wasm/inverseKernel';

type KColumns = (patStart: number, patRows: number, B: number, d: number, nl: number, n: number, start: number, rows: number, vals: number) => void;
interface Instance {
  memory: WasmMemory;
  kColumns: KColumns;
  jobs: JobPoster;
}

const BASE = CONTROL_BYTES;
/** Levels per chunk of the level loop: their Q_j side by side (n × 8, row-major) serve every level's dots. The kernel's levelQ8 and levelDots8 are built for eight. */
const WIDTH = 8;
/**
 * Levels whose Q_j are formed band by band of ROWS rows in one pass: a band of Σ (ROWS × n, 1.2 MB for
 * InstEval) stays in cache while the pass's levels read their columns there. Their Q_j (PASS × n) go into
 * L⁻¹'s region, dead by then, where it is large enough.
 */
const PASS = 512;
const ROWS = 128;
/** Rows per item of psi()'s Σ products: each item reads its rows of every column of Σ. */
const TIMES_ROWS = 64;
/** Pages the shared memory may grow to: the module declares this maximum (wasm/build-inverse-kernel.mjs). */
export const MAX_PAGES = 65536;

/** The compiled module (once per thread), or undefined without WebAssembly SIMD128; wasmSolve.ts instantiates it too. */
export const inverseKernelModule = lazyModule(inverseKernelBase64);

/** A fresh shared memory for an instance of the module, or undefined where the runtime has none. */
export function inverseKernelMemory(): WasmMemory | undefined {
  try {
    return new (webAssembly()!.Memory)({ initial: 1, maximum: MAX_PAGES, shared: true });
  } catch {
    return undefined;
  }
}

let compiled: Instance | null | undefined;
/** The last restInverse() while its Σ has not been asked for. */
let pending: KernelInverse | undefined;

/**
 * The smallest order whose inverse the helper threads take part in: below it their start-up (≈ 2 ms on
 * this thread, ≈ 20 ms of CPU on theirs) costs more than they save (ham's 98 columns: ≈ 0.2 ms of kernels).
 */
export const HELPER_MIN_ORDER = 512;

/** Bytes of fresh memory one item of the warm-up's zeros job writes. */
const ZEROS_ITEM = 1 << 20;

/**
 * Compile and instantiate the kernel now and, for an inverse of order n that they will take part in, start
 * the helper threads (kernelThreads.ts), so that they start up while the caller does other work (a large
 * model's fit, when df will follow). With helpers, the memory for L and L⁻¹ is also grown now and its new
 * pages written once by them (a job left posted: the next restInverse joins it), so the operating system
 * maps them during the fit, on another core, not while the df copy L in (InstEval: 21 MB, ≈ 3 ms). Only
 * pages never used are written: whatever an earlier inverse left in memory stays as it was.
 */
export function warmInverseKernel(n: number): void {
  const k = kernel();
  if (!k || n < HELPER_MIN_ORDER) return;
  k.jobs.enlist();
  if (!k.jobs.helped) return;
  pending?.complete();
  k.jobs.join();
  const fresh = k.memory.buffer.byteLength;
  const end = layout(n, NO_RESERVE).J + 8 * n * n; // the end of L⁻¹'s region
  if (end <= fresh || !ensureBytes(k, end)) return;
  k.jobs.post(JOB.zeros, Math.ceil((end - fresh) / ZEROS_ITEM), [fresh, ZEROS_ITEM, end - fresh]);
}

function kernel(): Instance | undefined {
  if (compiled === undefined) {
    compiled = null;
    const mod = inverseKernelModule();
    const memory = mod && inverseKernelMemory();
    if (mod && memory) {
      const exports = new (webAssembly()!.Instance)(mod, { env: { memory } }).exports;
      compiled = { memory, kColumns: exports.kColumns as KColumns, jobs: new JobPoster(mod, memory, exports.work as (ctl: number, tid: number) => number) };
    }
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

/**
 * K's columns as the block-0 factorization holds them (scalar block 0): per level l the pattern rows
 * patRows[patStart[l] … patStart[l + 1] − 1] (ascending) and B's entries there; K takes the rows below n,
 * with B[t] / d[l].
 */
export interface LevelPattern {
  patStart: Int32Array;
  patRows: Int32Array;
  B: Float64Array;
  d: Float64Array;
}

/** K's columns from the pattern, in JS (the kernel's kColumns does the same). */
export function columnsFromPattern(p: LevelPattern, n: number): { start: Int32Array; rows: Int32Array; vals: Float64Array } {
  const nl = p.d.length;
  const size = p.patStart[nl];
  const start = new Int32Array(nl + 1);
  const rows = new Int32Array(size);
  const vals = new Float64Array(size);
  let e = 0;
  for (let l = 0; l < nl; l++) {
    const dl = p.d[l];
    for (let t = p.patStart[l]; t < p.patStart[l + 1]; t++) {
      if (p.patRows[t] >= n) continue;
      rows[e] = p.patRows[t];
      vals[e++] = p.B[t] / dl;
    }
    start[l + 1] = e;
  }
  return { start, rows: rows.slice(0, e), vals: vals.slice(0, e) };
}

export interface RestInverse {
  /**
   * Σ, n×n column-major, full and symmetric. Valid until the next restInverse() call. Formed when first
   * asked for (here or by levels() or psi()): the helper threads begin on it when restInverse() returns.
   */
  readonly sigma: Float64Array;
  /**
   * For the columns k_l of K (from the pattern), per level k_lᵀΣk_l, per row the sum of (Σk_l)² over the
   * levels, and ‖KᵀΣK‖²_F. Once per Σ. `meanwhile` runs on this thread while the helpers start the loop
   * (it may read Σ, and must not call this inverse).
   */
  levels(pattern: LevelPattern, meanwhile?: () => void): LevelSums;
  /**
   * Ψ_C x for vectors given by their block-0 part x₀ (per level) and rest part x_r (n long, zero over X),
   * with K and d those levels() was given: per vector w = Σ(x_r − K x₀) and out₀ = x₀ / d² − Kᵀw (at most
   * the `vectors` reserved; after levels()).
   */
  psi(x0s: readonly Float64Array[], xrs: readonly Float64Array[]): PsiProducts;
}

export interface PsiProducts {
  out0: Float64Array[];
  w: Float64Array[];
}

/** PsiProducts in JS: the kernel's kScatter, sigmaTimes and kGather loops in their order. */
export function psiJs(sigma: Float64Array, n: number, start: Int32Array, rows: Int32Array, vals: Float64Array, x0s: readonly Float64Array[], xrs: readonly Float64Array[], d: Float64Array): PsiProducts {
  const nl = start.length - 1;
  const zs = xrs.map((xr, v) => {
    const z = xr.slice();
    const x0 = x0s[v];
    for (let l = 0; l < nl; l++) {
      const xl = x0[l];
      if (xl === 0) continue;
      for (let t = start[l]; t < start[l + 1]; t++) z[rows[t]] -= vals[t] * xl;
    }
    return z;
  });
  const w = sigmaTimesJs(sigma, n, zs);
  const out0 = x0s.map((x0, v) => {
    const out = new Float64Array(nl);
    for (let l = 0; l < nl; l++) {
      let s = x0[l] / (d[l] * d[l]);
      for (let t = start[l]; t < start[l + 1]; t++) s -= vals[t] * w[v][rows[t]];
      out[l] = s;
    }
    return out;
  });
  return { out0, w };
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
 * WebAssembly SIMD; tests): levels in chunks of WIDTH, their Q_j formed and kept side by side, then every
 * level up to the chunk's last dotted with all of them. Each chunk's running sums start from zero and are
 * added into the lanes in chunk order (the kernel's chunks may run on different threads).
 */
export function levelSumsJs(sigma: Float64Array, n: number, start: Int32Array, rows: Int32Array, vals: Float64Array): LevelSums {
  const nl = start.length - 1;
  const kq = new Float64Array(nl);
  const qsq = new Float64Array(n);
  const Qi = new Float64Array(n * WIDTH);
  const acc = new Float64Array(WIDTH);
  const lanes = new Float64Array(WIDTH);
  const p = new Float64Array(WIDTH);
  for (let j0 = 0; j0 < nl; j0 += WIDTH) {
    Qi.fill(0);
    acc.fill(0);
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
    for (let jj = 0; jj < WIDTH; jj++) lanes[jj] += acc[jj];
  }
  return { kq, qsq, trMM: sumLanes(lanes) };
}

/** The same in JS (runtimes without WebAssembly SIMD; tests). */
export function restInverseJs(L: Float64Array, n: number, ld: number): RestInverse {
  const sigma = lowerGram(lowerInverseBlocked(L, n, ld), n, n);
  let K: { start: Int32Array; rows: Int32Array; vals: Float64Array; d: Float64Array } | undefined;
  return {
    sigma,
    levels(pattern, meanwhile) {
      meanwhile?.();
      K = { ...columnsFromPattern(pattern, n), d: pattern.d };
      return levelSumsJs(sigma, n, K.start, K.rows, K.vals);
    },
    psi(x0s, xrs) {
      if (!K) throw new Error('restInverse: psi() before levels()');
      return psiJs(sigma, n, K.start, K.rows, K.vals, x0s, xrs, K.d);
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

interface Reserve {
  levels: number;
  entries: number;
  vectors: number;
}

const NO_RESERVE: Reserve = { levels: 0, entries: 0, vectors: 0 };

/**
 * Where everything lives in the instance's memory (byte offsets), after the control block. Σ over L (dead
 * once J = L⁻¹ is formed): two n×n regions, not three, so a fresh process faults in 8n² bytes less
 * (InstEval: 10.7 MB). Then the threads' bands of Q, a pass's chunks' dots (WIDTH² each), every chunk's
 * running sums (WIDTH each), the weights ((WIDTH + 1) × WIDTH), K and the sums, 8-byte aligned: start (i32),
 * rows (i32), vals, qsq; the pass's Q_j if L⁻¹'s region cannot hold them; psi()'s vectors (z, w, x₀, out₀)
 * and the diagonal d; the pattern K is built from: patStart (i32), patRows (i32), B.
 */
function layout(n: number, reserve: Reserve) {
  const nn = 8 * n * n;
  const L = BASE;
  const J = BASE + nn;
  const Q = BASE + 2 * nn;
  const pass = Math.min(PASS, WIDTH * Math.ceil(reserve.levels / WIDTH));
  const pd = Q + 8 * ROWS * MAX_THREADS;
  const acc = pd + 8 * WIDTH * WIDTH * (pass / WIDTH);
  const w = acc + 8 * WIDTH * Math.ceil(reserve.levels / WIDTH);
  const start = w + 8 * PAIR_WEIGHTS.length;
  const rows = start + 8 * Math.ceil((reserve.levels + 1) / 2);
  const vals = rows + 8 * Math.ceil(reserve.entries / 2);
  const qsq = vals + 8 * reserve.entries;
  const qp = 8 * pass * n <= nn ? J : qsq + 8 * n;
  const z = Math.max(qsq + 8 * n, qp + 8 * pass * n);
  const ws = z + 8 * n * reserve.vectors;
  const x0 = ws + 8 * n * reserve.vectors;
  const out = x0 + 8 * reserve.levels * reserve.vectors;
  const d = out + 8 * reserve.levels * reserve.vectors;
  const patStart = d + 8 * reserve.levels;
  const patRows = patStart + 8 * Math.ceil((reserve.levels + 1) / 2);
  const B = patRows + 8 * Math.ceil(reserve.entries / 2);
  return { pass, L, J, S: L, Q, pd, acc, w, start, rows, vals, qsq, qp, z, ws, x0, out, d, patStart, patRows, B, end: B + 8 * reserve.entries };
}

/**
 * Σ = L⁻ᵀL⁻¹ and the level loop over it, in the wasm instance's memory where it can be had. `reserve`:
 * the most levels and pattern entries levels() and vectors psi() will be given (its memory is taken here, so
 * that sigma, a view on that memory, stays valid).
 */
export function restInverse(L: Float64Array, n: number, ld: number, reserve: Reserve = NO_RESERVE): RestInverse {
  const k = kernel();
  if (!k) return restInverseJs(L, n, ld);
  // one instance: an inverse begun and never read is finished before its memory is taken, and the
  // warm-up's zeros (warmInverseKernel) are done
  pending?.complete();
  k.jobs.join();
  const at = layout(n, reserve);
  if (!ensureBytes(k, at.end)) return restInverseJs(L, n, ld);
  if (n >= HELPER_MIN_ORDER) k.jobs.enlist();
  return (pending = new KernelInverse(k, L, n, ld, reserve, at));
}

/** restInverse in the kernel's memory: L⁻¹ posted to the helper threads at once, the rest when Σ is first wanted. */
class KernelInverse implements RestInverse {
  private readonly S: Float64Array;
  private readonly J: Float64Array;
  private readonly Lw: Float64Array;
  private readonly nc: number;
  private done = false;
  /** K's levels in memory, once levels() has run. */
  private levelsGiven = -1;

  constructor(
    private readonly k: Instance,
    L: Float64Array,
    private readonly n: number,
    ld: number,
    private readonly reserve: Reserve,
    private readonly at: ReturnType<typeof layout>,
  ) {
    const buf = k.memory.buffer;
    this.Lw = new Float64Array(buf, at.L, n * n);
    this.J = new Float64Array(buf, at.J, n * n);
    this.S = new Float64Array(buf, at.S, n * n);
    for (let j = 0; j < n; j++) this.Lw.set(L.subarray(j * ld + j, j * ld + n), j * n + j);
    this.nc = n - (n % 4);
    // each item zeroes its columns of J first (on the thread that runs it); the helpers start now
    k.jobs.post(JOB.trtri, this.nc / 4, [at.L, at.J, n]);
  }

  get sigma(): Float64Array {
    this.complete();
    return this.S;
  }

  /** This thread's share of L⁻¹, then Σ = L⁻ᵀL⁻¹ (once). */
  complete(): void {
    if (this.done) return;
    this.done = true;
    if (pending === this) pending = undefined;
    const { k, n, nc, J, S, at } = this;
    // the last columns of L⁻¹ one at a time
    for (let j = nc; j < n; j++) {
      J.fill(0, j * n + j, (j + 1) * n);
      lowerInverseColumn(this.Lw, n, n, J, j);
    }
    k.jobs.join();
    k.jobs.run(JOB.gram, nc / 4, [at.J, at.S, n]);
    for (let b = nc; b < n; b++)
      for (let a = 0; a <= b; a++) {
        let t = 0;
        for (let i = b; i < n; i++) t += J[a * n + i] * J[b * n + i];
        S[b * n + a] = t;
        S[a * n + b] = t;
      }
  }

  levels(pattern: LevelPattern, meanwhile?: () => void): LevelSums {
    this.complete();
    const { k, n, at } = this;
    const nl = pattern.d.length;
    const size = pattern.patStart[nl];
    if (nl > this.reserve.levels || size > this.reserve.entries) throw new Error('restInverse: levels() was given more levels or entries than reserved');
    const b = k.memory.buffer;
    new Int32Array(b, at.patStart, nl + 1).set(pattern.patStart.subarray(0, nl + 1));
    new Int32Array(b, at.patRows, size).set(pattern.patRows.subarray(0, size));
    new Float64Array(b, at.B, size).set(pattern.B.subarray(0, size));
    new Float64Array(b, at.d, nl).set(pattern.d.subarray(0, nl));
    k.kColumns(at.patStart, at.patRows, at.B, at.d, nl, n, at.start, at.rows, at.vals);
    new Float64Array(b, at.w, PAIR_WEIGHTS.length).set(PAIR_WEIGHTS);
    const chunksAll = Math.ceil(nl / WIDTH);
    const acc = new Float64Array(b, at.acc, WIDTH * chunksAll);
    acc.fill(0);
    new Float64Array(b, at.qsq, n).fill(0);
    const kq = new Float64Array(nl);
    for (let p0 = 0; p0 < nl; p0 += at.pass) {
      // Q_j band by band (each band's rows of qsq and of the Q_j on one thread), then each chunk's dots
      const chunks = Math.ceil((Math.min(nl, p0 + at.pass) - p0) / WIDTH);
      k.jobs.post(JOB.levelQ, Math.ceil(n / ROWS), [at.S, at.Q, at.qp, at.start, at.rows, at.vals, nl, n, p0, chunks, ROWS, at.qsq]);
      try {
        if (p0 === 0) meanwhile?.();
      } finally {
        k.jobs.join(); // never leave a job posted: the next would refuse to post
      }
      k.jobs.run(JOB.levelDots, chunks, [at.qp, at.start, at.rows, at.vals, nl, p0, at.w, at.pd, at.acc + 8 * p0, n]);
      const Pd = new Float64Array(b, at.pd, WIDTH * WIDTH * chunks);
      for (let l = p0; l < Math.min(nl, p0 + at.pass); l++) kq[l] = Pd[(l - p0) * WIDTH + ((l - p0) % WIDTH)];
    }
    const lanes = new Float64Array(WIDTH);
    for (let c = 0; c < chunksAll; c++) for (let jj = 0; jj < WIDTH; jj++) lanes[jj] += acc[c * WIDTH + jj];
    this.levelsGiven = nl;
    return { kq, qsq: new Float64Array(b, at.qsq, n).slice(), trMM: sumLanes(lanes) };
  }

  psi(x0s: readonly Float64Array[], xrs: readonly Float64Array[]): PsiProducts {
    this.complete();
    const { k, n, at } = this;
    const nv = x0s.length;
    const nl = this.levelsGiven;
    if (nl < 0) throw new Error('restInverse: psi() before levels()');
    if (nv > this.reserve.vectors) throw new Error('restInverse: psi() was given more vectors than reserved');
    const b = k.memory.buffer;
    x0s.forEach((x0, v) => new Float64Array(b, at.x0 + 8 * nl * v, nl).set(x0.subarray(0, nl)));
    xrs.forEach((xr, v) => new Float64Array(b, at.z + 8 * n * v, n).set(xr.subarray(0, n)));
    new Float64Array(b, at.ws, n * nv).fill(0);
    // z = x_r − K x₀, w = Σz, out₀ = x₀ / d² − Kᵀw: vectors, then bands of Σ's rows, then vectors again
    k.jobs.run(JOB.kScatter, nv, [at.start, at.rows, at.vals, nl, at.x0, at.z, n]);
    k.jobs.run(JOB.sigmaTimes, Math.ceil(n / TIMES_ROWS), [at.S, at.z, at.ws, n, nv, TIMES_ROWS]);
    k.jobs.run(JOB.kGather, nv, [at.start, at.rows, at.vals, nl, at.x0, at.d, at.ws, at.out, n]);
    return {
      out0: x0s.map((_, v) => new Float64Array(b, at.out + 8 * nl * v, nl).slice()),
      w: x0s.map((_, v) => new Float64Array(b, at.ws + 8 * n * v, n).slice()),
    };
  }
}
