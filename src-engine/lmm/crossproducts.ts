/**
 * The fixed part of the PLS system, computed once per model: A = [Z X y]ᵀ W [Z X y] in the blocked
 * layout the factorization uses. Block 0 (the largest random-effects block) is kept as one S₀×S₀
 * matrix per level; its coupling with everything else as a short sparse column pattern per level;
 * everything else ("the rest": the other random-effects blocks, X and y) as one dense m×m matrix.
 */
import { type MixedDesign } from '../design/mixedDesign';
import { upperColumnDots } from '../linalg/columnDots';
import { getCholeskyBackend } from '../linalg/denseCholesky';
import { type ScratchRegion, scratchRegions } from '../linalg/wasmCholesky';
import { type ReBlock } from './reBlocks';

export interface Crossproducts {
  readonly n: number;
  readonly p: number;
  /** Size of the rest: Σ_{k≥1} ℓ_k S_k + p + 1. The last index is y. */
  readonly m: number;
  /** Σ_{k≥1} ℓ_k S_k: rest indices below this are random effects; then p X columns; then y. */
  readonly qRest: number;
  /** restOffset[k] (k ≥ 1) is the first rest index of block k. */
  readonly restOffset: Int32Array;
  /** Block 0 diagonal: per level l an S₀×S₀ column-major matrix at l·S₀². */
  readonly A11: Float64Array;
  /** Per level of block 0: the sorted rest indices its observations touch (always includes X and y). */
  readonly patStart: Int32Array;
  readonly patRows: Int32Array;
  /** Values of the coupling, per level: |R_l| × S₀ column-major, starting at patStart[l]·S₀. */
  readonly A1rValues: Float64Array;
  /** The rest: dense m×m, column-major, full symmetric. */
  readonly Arr: Float64Array;
  /**
   * Optional: the lower-triangle offsets (column-major, row ≥ column) of Arr that can be nonzero; Arr is
   * zero elsewhere whatever its values are rewritten to (GLMM reweighting). Lets the factorization skip
   * the zeros of a sparse rest.
   */
  readonly restPattern?: Int32Array;
  /** Σ log wᵢ (0 without prior weights). */
  readonly logDetW: number;
}

/** Observations grouped by level of block 0 (counting sort): obs[start[l] .. start[l + 1]). */
export function groupByLevel(b0: ReBlock, n: number): { start: Int32Array; obs: Int32Array } {
  const start = new Int32Array(b0.nl + 1);
  for (let i = 0; i < n; i++) start[b0.refs[i] + 1]++;
  for (let l = 0; l < b0.nl; l++) start[l + 1] += start[l];
  const obs = new Int32Array(n);
  const fill = start.slice(0, b0.nl);
  for (let i = 0; i < n; i++) obs[fill[b0.refs[i]]++] = i;
  return { start, obs };
}

/**
 * Which rest indices are mostly-nonzero columns of [X y] (y net of the offset): their pairwise
 * products are summed as column dots; every other pair is scattered per observation, skipping zeros.
 */
function denseRest(design: MixedDesign, qRest: number, m: number): Uint8Array {
  const { n, p, X, y, offset } = design;
  const dense = new Uint8Array(m);
  for (let j = 0; j <= p; j++) {
    let k = 0;
    if (j < p) for (let i = 0; i < n; i++) k += X[j * n + i] !== 0 ? 1 : 0;
    else for (let i = 0; i < n; i++) k += y[i] - (offset ? offset[i] : 0) !== 0 ? 1 : 0;
    dense[qRest + j] = 2 * k > n ? 1 : 0;
  }
  return dense;
}

/** Column j of [X y] (y net of the offset) in observation order `obs`, times the weights if given, into out at o. */
function gatherColumn(design: MixedDesign, j: number, obs: Int32Array, w: Float64Array | undefined, out: Float64Array, o: number): void {
  const { n, p, X, y, offset } = design;
  for (let t = 0; t < n; t++) {
    const i = obs[t];
    const v = j < p ? X[j * n + i] : y[i] - (offset ? offset[i] : 0);
    out[o + t] = w ? w[i] * v : v;
  }
}

/**
 * The dense columns' part of [X y]ᵀ W [X y] into Arr's upper triangle as column dots, each summed over
 * observations in level order as the scatter would (so bit-identical to it), four at a time.
 */
function denseCrossproduct(design: MixedDesign, dense: Uint8Array, obs: Int32Array, qRest: number, m: number, Arr: Float64Array): void {
  const n = design.n;
  const cols: number[] = [];
  for (let r = qRest; r < m; r++) if (dense[r]) cols.push(r);
  const d = cols.length;
  const x = new Float64Array(d * n);
  const wx = design.weights ? new Float64Array(d * n) : x;
  cols.forEach((r, c) => {
    gatherColumn(design, r - qRest, obs, undefined, x, c * n);
    if (wx !== x) gatherColumn(design, r - qRest, obs, design.weights, wx, c * n);
  });
  upperColumnDots(wx, x, n, cols, m, Arr);
}

/** Rest indices of the random-effects entries of observation i (blocks 1.., zeros included). */
function randomRestIndices(blocks: readonly ReBlock[], restOffset: Int32Array, i: number, idx: Int32Array): number {
  let e = 0;
  for (let k = 1; k < blocks.length; k++) {
    const b = blocks[k];
    const base = restOffset[k] + b.refs[i] * b.S;
    for (let c = 0; c < b.S; c++) idx[e++] = base + c;
  }
  return e;
}

/**
 * Nonzero rest entries of observation i in the random-effects (blocks 1..) and X columns, in increasing
 * rest index, into idx/val from position e; returns the new end. PIRLS's reweighted crossproducts
 * (glmm/reweightedCrossproducts.ts) keep these fixed and add their working response.
 */
export function fixedRestEntries(design: MixedDesign, blocks: readonly ReBlock[], restOffset: Int32Array, qRest: number, i: number, idx: Int32Array, val: Float64Array, e: number): number {
  for (let k = 1; k < blocks.length; k++) {
    const b = blocks[k];
    const base = restOffset[k] + b.refs[i] * b.S;
    for (let c = 0; c < b.S; c++) {
      const v = b.z[i * b.S + c];
      if (v === 0) continue;
      idx[e] = base + c;
      val[e++] = v;
    }
  }
  const { n, p, X } = design;
  for (let j = 0; j < p; j++) {
    const v = X[j * n + i];
    if (v === 0) continue;
    idx[e] = qRest + j;
    val[e++] = v;
  }
  return e;
}

/** Nonzero rest entries of observation i, in increasing rest index: random effects, X, then y − offset. */
function restEntries(design: MixedDesign, blocks: readonly ReBlock[], restOffset: Int32Array, qRest: number, i: number, idx: Int32Array, val: Float64Array): number {
  let e = fixedRestEntries(design, blocks, restOffset, qRest, i, idx, val, 0);
  const { p, y, offset } = design;
  const v = y[i] - (offset ? offset[i] : 0);
  if (v !== 0) {
    idx[e] = qRest + p;
    val[e++] = v;
  }
  return e;
}

/** Per level of block 0: the sorted rest indices its observations touch, always with all of X and y. */
function couplingPattern(blocks: readonly ReBlock[], restOffset: Int32Array, qRest: number, m: number, start: Int32Array, obs: Int32Array): { patStart: Int32Array; patRows: Int32Array } {
  const nl = blocks[0].nl;
  const eRandom = blocks.slice(1).reduce((s, b) => s + b.S, 0);
  const idx = new Int32Array(eRandom);
  const mark = new Int32Array(m).fill(-1);
  const patStart = new Int32Array(nl + 1);
  // a level touches at most (its observations × eRandom) random-effects rows, and all p + 1 others
  let patRows = new Int32Array(Math.min(obs.length * eRandom, nl * qRest) + nl * (m - qRest));
  let len = 0;
  for (let l = 0; l < nl; l++) {
    patStart[l] = len;
    for (let t = start[l]; t < start[l + 1]; t++) {
      const e = randomRestIndices(blocks, restOffset, obs[t], idx);
      for (let a = 0; a < e; a++) {
        if (mark[idx[a]] !== l) {
          mark[idx[a]] = l;
          patRows[len++] = idx[a];
        }
      }
    }
    patRows.subarray(patStart[l], len).sort();
    for (let j = qRest; j < m; j++) patRows[len++] = j;
  }
  patStart[nl] = len;
  if (len < patRows.length) patRows = patRows.slice(0, len);
  return { patStart, patRows };
}

/** From this many (observation, possible entry) pairs the observation loop runs in the Cholesky module (its first use costs ≈ 1 ms). */
const KERNEL_MIN_ENTRIES = 4096;

/**
 * computeCrossproducts' observation loop in the Cholesky module (wasm/build-kernel.mjs, crossScatter: the
 * same sums in the same order) on copies of the design's columns (scratchRegions), the results copied out. False when it
 * does not run (no wasm, or its memory cannot hold the problem).
 */
function scatterInKernel(
  design: MixedDesign,
  blocks: readonly ReBlock[],
  restOffset: Int32Array,
  qRest: number,
  m: number,
  eMax: number,
  layout: { start: Int32Array; obs: Int32Array; patStart: Int32Array; patRows: Int32Array; dense: Uint8Array },
  out: { A11: Float64Array; A1rValues: Float64Array; Arr: Float64Array },
): boolean {
  const { n, p, X, y, offset } = design;
  const w = design.weights;
  const b0 = blocks[0];
  const rest = blocks.slice(1);
  const K = rest.length;
  const spec: Record<string, ScratchRegion> = {
    z0: { type: 'f64', from: b0.z },
    X: { type: 'f64', from: X.subarray(0, n * p) },
    y: { type: 'f64', from: y },
    off: { type: 'f64', from: offset ?? [] },
    w: { type: 'f64', from: w ?? [] },
    A11: { type: 'f64', length: out.A11.length },
    A1r: { type: 'f64', length: out.A1rValues.length },
    Arr: { type: 'f64', length: out.Arr.length },
    val: { type: 'f64', length: eMax },
    // per block k ≥ 1: S_k, its first rest index, and (filled in below) its level indices' and z's addresses
    bS: { type: 'i32', from: rest.map((b) => b.S) },
    bOff: { type: 'i32', from: rest.map((_, k) => restOffset[k + 1]) },
    bRefs: { type: 'i32', length: K },
    bZ: { type: 'i32', length: K },
    obs: { type: 'i32', from: layout.obs },
    start: { type: 'i32', from: layout.start },
    patStart: { type: 'i32', from: layout.patStart },
    patRows: { type: 'i32', from: layout.patRows },
    pos: { type: 'i32', length: m },
    idx: { type: 'i32', length: eMax },
    sparse: { type: 'i32', length: eMax },
    dense: { type: 'u8', from: layout.dense },
  };
  rest.forEach((b, k) => {
    spec[`restZ${k}`] = { type: 'f64', from: b.z };
    spec[`refs${k}`] = { type: 'i32', from: b.refs };
  });
  const s = scratchRegions(spec);
  if (!s) return false;
  const { kernel, at } = s;
  const buf = kernel.buffer;
  new Int32Array(buf, at.bRefs, K).set(rest.map((_, k) => at[`refs${k}`]));
  new Int32Array(buf, at.bZ, K).set(rest.map((_, k) => at[`restZ${k}`]));
  kernel.crossScatter(n, p, b0.S, b0.nl, K, m, qRest, at.z0, at.bS, at.bOff, at.bRefs, at.bZ, at.X, at.y, at.off, offset ? 1 : 0, at.w, w ? 1 : 0, at.obs, at.start, at.patStart, at.patRows, at.dense, at.A11, at.A1r, at.Arr, at.pos, at.idx, at.val, at.sparse);
  out.A11.set(new Float64Array(buf, at.A11, out.A11.length));
  out.A1rValues.set(new Float64Array(buf, at.A1r, out.A1rValues.length));
  out.Arr.set(new Float64Array(buf, at.Arr, out.Arr.length));
  return true;
}

export function computeCrossproducts(design: MixedDesign, blocks: readonly ReBlock[]): Crossproducts {
  const { n, p } = design;
  const b0 = blocks[0];
  const S0 = b0.S;
  const restOffset = new Int32Array(blocks.length);
  let qRest = 0;
  for (let k = 1; k < blocks.length; k++) {
    restOffset[k] = qRest;
    qRest += blocks[k].nl * blocks[k].S;
  }
  const m = qRest + p + 1;
  const w = design.weights;
  const eMax = blocks.slice(1).reduce((s, b) => s + b.S, 0) + p + 1;
  const idx = new Int32Array(eMax);
  const val = new Float64Array(eMax);
  const sparse = new Int32Array(eMax);
  const { start, obs } = groupByLevel(b0, n);
  const { patStart, patRows } = couplingPattern(blocks, restOffset, qRest, m, start, obs);

  // Per observation, in level order: block 0's diagonal, its coupling with the rest, and the rest's
  // pairs of the rest (upper triangle, column idx[a]) but those of two dense columns (denseCrossproduct).
  const A11 = new Float64Array(b0.nl * S0 * S0);
  const A1rValues = new Float64Array(patRows.length * S0);
  const Arr = new Float64Array(m * m);
  const pos = new Int32Array(m);
  const dense = denseRest(design, qRest, m);
  const inKernel = n * eMax >= KERNEL_MIN_ENTRIES && getCholeskyBackend() === 'auto' && scatterInKernel(design, blocks, restOffset, qRest, m, eMax, { start, obs, patStart, patRows, dense }, { A11, A1rValues, Arr });
  if (!inKernel)
    for (let l = 0; l < b0.nl; l++) {
      const pStart = patStart[l];
      const R = patStart[l + 1] - pStart;
      for (let r = 0; r < R; r++) pos[patRows[pStart + r]] = r;
      const base = pStart * S0;
      const a11 = l * S0 * S0;
      for (let t = start[l]; t < start[l + 1]; t++) {
        const i = obs[t];
        const wi = w ? w[i] : 1;
        const z0 = i * S0;
        for (let c = 0; c < S0; c++) {
          const zc = wi * b0.z[z0 + c];
          for (let r = c; r < S0; r++) A11[a11 + c * S0 + r] += zc * b0.z[z0 + r];
        }
        const e = restEntries(design, blocks, restOffset, qRest, i, idx, val);
        let ns = 0; // sparse[0..ns): the entries so far that are not dense columns
        for (let a = 0; a < e; a++) {
          const va = wi * val[a];
          const row = pos[idx[a]];
          for (let c = 0; c < S0; c++) A1rValues[base + c * R + row] += va * b0.z[z0 + c];
          const col = idx[a] * m;
          if (dense[idx[a]]) {
            for (let u = 0; u < ns; u++) Arr[col + idx[sparse[u]]] += va * val[sparse[u]];
          } else {
            for (let bb = 0; bb <= a; bb++) Arr[col + idx[bb]] += va * val[bb];
            sparse[ns++] = a;
          }
        }
      }
      // symmetrise the level's S₀×S₀ block
      for (let c = 0; c < S0; c++) for (let r = c + 1; r < S0; r++) A11[a11 + r * S0 + c] = A11[a11 + c * S0 + r];
    }
  denseCrossproduct(design, dense, obs, qRest, m, Arr);
  for (let j = 0; j < m; j++) for (let i = j + 1; i < m; i++) Arr[j * m + i] = Arr[i * m + j];

  let logDetW = 0;
  if (w) for (let i = 0; i < n; i++) logDetW += Math.log(w[i]);
  return { n, p, m, qRest, restOffset, A11, patStart, patRows, A1rValues, Arr, logDetW };
}
