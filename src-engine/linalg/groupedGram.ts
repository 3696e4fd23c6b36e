/**
 * Σ_l c_l v_l v_lᵀ for many sparse vectors v_l (fixed values) whose weights c_l depend only on a per-vector
 * key: levels with equal keys share a weight, so their Gram matrices can be summed once, up front.
 *
 * In the LMM with a scalar first random-effects block (S₀ = 1) the rest block is
 *   M = Λ_rᵀ (A_rr − Σ_l c_l v_l v_lᵀ) Λ_r + I,   c_l = t₀² / (t₀² a_l + 1),  a_l = A₁₁[l],
 * where v_l is the coupling column of level l. c_l depends on θ only through a_l, and without prior
 * weights a_l is an observation count, so thousands of levels collapse into a few dozen groups
 * (InstEval: 2,972 students → 86 groups; 2.1 M scattered products → 1.17 M streamed entries).
 *
 * Layout: W_g entries are stored per lower-triangle position (packed column-major), so one sequential
 * pass over the triangle forms the result; the only irregular access is c[group] (a tiny table).
 */
import { getCholeskyBackend } from './denseCholesky';
import { scratchRegions } from './wasmCholesky';

/**
 * Where a GroupedGram keeps its entries, given by the caller (wasmGramForm.ts: the Cholesky kernel's memory,
 * so that the streams are written once, where the kernel reads them, and no second copy is faulted in):
 * room for `capacity` entries (any bound on them, e.g. the products) and one count per position.
 */
export interface GramStorage {
  groups: Uint8Array;
  weights: Float64Array;
  counts: Uint8Array;
}

/** sumByColumn's table for one column: per (group, row) the sum, whether touched, and the touched keys per group. */
interface ColumnTable {
  m: number;
  G: number;
  acc: Float64Array;
  seen: Uint8Array;
  /** The keys touched in group g, as a linked list (groupHead[g], then link[key]). */
  groupHead: Int32Array;
  link: Int32Array;
  /** Groups touched in row i of the current column. */
  rowCount: Int32Array;
  /** Row i's next entry. */
  slot: Int32Array;
}

/** The vectors' pattern (start, rows, values) with each level's group. */
interface LevelPattern {
  start: Int32Array;
  rows: Int32Array;
  values: Float64Array;
  levelGroup: Int32Array;
}

/** The same, transposed: for row j its entries tEntry[k] and their levels tLevel[k], k in tPtr[j]..tPtr[j+1], levels ascending. */
interface TransposedPattern extends LevelPattern {
  tPtr: Int32Array;
  tEntry: Int32Array;
  tLevel: Int32Array;
}

/** The pattern transposed (the kernel's gramSums does the same first). */
function transpose(p: LevelPattern, m: number): TransposedPattern {
  const { start, rows } = p;
  const nl = p.levelGroup.length;
  const nnz = start[nl];
  const tPtr = new Int32Array(m + 1);
  for (let b = 0; b < nnz; b++) tPtr[rows[b] + 1]++;
  for (let j = 0; j < m; j++) tPtr[j + 1] += tPtr[j];
  const tEntry = new Int32Array(nnz);
  const tLevel = new Int32Array(nnz);
  const next = tPtr.slice(0, m);
  for (let l = 0; l < nl; l++)
    for (let b = start[l]; b < start[l + 1]; b++) {
      const k = next[rows[b]]++;
      tEntry[k] = b;
      tLevel[k] = l;
    }
  return { ...p, tPtr, tEntry, tLevel };
}

/** Adds the products of column j of every level holding j into the table, levels ascending. */
function addColumnProducts(t: ColumnTable, p: TransposedPattern, j: number): void {
  const { acc, seen, groupHead, link, rowCount, m } = t;
  const { start, rows, values, levelGroup, tPtr, tEntry, tLevel } = p;
  for (let k = tPtr[j]; k < tPtr[j + 1]; k++) {
    const b = tEntry[k];
    const g = levelGroup[tLevel[k]];
    const base = g * m;
    const vj = values[b];
    const end = start[tLevel[k] + 1];
    for (let a = b; a < end; a++) {
      const key = base + rows[a];
      if (seen[key] === 0) {
        seen[key] = 1;
        link[key] = groupHead[g];
        groupHead[g] = key;
        rowCount[rows[a]]++;
      }
      acc[key] += values[a] * vj;
    }
  }
}

/**
 * Column j's entries from the table (clearing it) from entry E: positions p0 + j … p0 + m − 1 get their
 * offsets, each its groups ascending. Returns the new end, or −end − 1 when an entry is an exact zero.
 */
function readOffColumn(t: ColumnTable, j: number, ptr: Int32Array, p0: number, E: number, group: Int32Array | Uint8Array, weight: Float64Array): number {
  const { acc, seen, groupHead, link, rowCount, slot, m, G } = t;
  for (let i = j; i < m; i++) {
    ptr[p0 + i] = E;
    slot[i] = E;
    E += rowCount[i];
    rowCount[i] = 0;
  }
  let zeros = false;
  for (let g = 0; g < G; g++) {
    const base = g * m;
    for (let key = groupHead[g]; key >= 0; key = link[key]) {
      const e = slot[key - base]++;
      group[e] = g;
      weight[e] = acc[key];
      if (acc[key] === 0) zeros = true;
      acc[key] = 0;
      seen[key] = 0;
    }
    groupHead[g] = -1;
  }
  return zeros ? -E - 1 : E;
}

/**
 * Below this many products the JS builds the entries: the kernel's first use in a process costs ≈ 1 ms
 * (decoding and compiling the module, its first call), the JS ≈ 0.1 µs a product before V8 optimises it.
 */
const KERNEL_MIN_PRODUCTS = 8192;

/**
 * sumByColumn's column loop in the Cholesky module (wasm/build-kernel.mjs, gramSums: the same sums in the
 * same order) on copies in the scratch instance: a set-up run once per model, which the JS would run mostly
 * unoptimised in a fresh process (ham: ≈ 5 ms of a ≈ 30 ms first fit). Undefined without wasm or when its
 * memory cannot hold the problem; ptr is a copy, group and weight views valid until the next scratch use.
 */
function gramSumsInKernel(m: number, G: number, p: LevelPattern, npos: number, products: number): { ptr: Int32Array; group: Uint8Array; weight: Float64Array } | undefined {
  const nl = p.levelGroup.length;
  const nnz = p.start[nl];
  const s = scratchRegions({
    values: { type: 'f64', from: p.values.subarray(0, nnz) },
    acc: { type: 'f64', length: G * m },
    weight: { type: 'f64', length: products },
    start: { type: 'i32', from: p.start },
    rows: { type: 'i32', from: p.rows.subarray(0, nnz) },
    levelGroup: { type: 'i32', from: p.levelGroup },
    tPtr: { type: 'i32', length: m + 1 },
    tEntry: { type: 'i32', length: nnz },
    tLevel: { type: 'i32', length: nnz },
    next: { type: 'i32', length: m },
    groupHead: { type: 'i32', length: G, fill: -1 },
    link: { type: 'i32', length: G * m },
    rowCount: { type: 'i32', length: m },
    slot: { type: 'i32', length: m },
    ptr: { type: 'i32', length: npos + 1 },
    seen: { type: 'u8', length: G * m },
    group: { type: 'u8', length: products },
  });
  if (!s) return undefined;
  const { kernel: k, at } = s;
  k.gramSums(m, G, nl, at.start, at.rows, at.values, at.levelGroup, at.tPtr, at.tEntry, at.tLevel, at.next, at.acc, at.seen, at.groupHead, at.link, at.rowCount, at.slot, at.ptr, at.group, at.weight);
  const buf = k.buffer;
  return { ptr: new Int32Array(buf, at.ptr, npos + 1).slice(), group: new Uint8Array(buf, at.group, products), weight: new Float64Array(buf, at.weight, products) };
}

export class GroupedGram {
  /** Distinct keys, one per group; weights passed to form() are indexed like this array. */
  readonly groupKey: Float64Array;
  /** Number of stored (position, group) entries. */
  readonly entries: number;
  /** Packed-lower position p(i, j) = colStart[j] + i − j; entries of p are ptr[p]..ptr[p+1]-1. */
  private readonly colStart: Int32Array; // integer indices: a double-typed index takes V8's slow keyed access
  private readonly ptr: Int32Array;
  private readonly group: Int32Array | Uint8Array;
  private readonly weight: Float64Array;

  /**
   * @param m       order of the dense result
   * @param start   vector l has entries start[l]..start[l+1]-1 (nl + 1 offsets)
   * @param rows    their row indices (ascending within each vector), in 0..m-1
   * @param values  their values
   * @param keys    per vector l, the key its weight depends on
   * @param storage where to write the entries (groups as bytes: at most 255 groups), else new arrays
   */
  constructor(
    readonly m: number,
    start: Int32Array,
    rows: Int32Array,
    values: Float64Array,
    keys: Float64Array,
    storage?: GramStorage,
  ) {
    const nl = keys.length;
    this.colStart = new Int32Array(m + 1);
    for (let j = 0; j < m; j++) this.colStart[j + 1] = this.colStart[j] + (m - j);
    const npos = this.colStart[m];

    // one group per distinct key
    const groupOf = new Map<number, number>();
    const levelGroup = new Int32Array(nl);
    for (let l = 0; l < nl; l++) {
      let g = groupOf.get(keys[l]);
      if (g === undefined) groupOf.set(keys[l], (g = groupOf.size));
      levelGroup[l] = g;
    }
    const G = groupOf.size;
    this.groupKey = new Float64Array(G);
    for (const [k, g] of groupOf) this.groupKey[g] = k;
    if (storage && G > 255) throw new Error('GroupedGram: byte storage holds at most 255 groups');
    const { ptr, group, weight } = this.sumByColumn(start, rows, values, levelGroup, G, npos, storage);
    this.ptr = ptr;
    this.group = group;
    this.weight = weight;
    this.entries = group.length;
  }

  /**
   * Every group's W_g, one column j of the triangle at a time: the levels whose pattern holds j (the
   * pattern transposed) add their products of column j into a G × m table (group-major: a level's rows
   * ascend within its group's row of the table), which is then read off group by group into each row's
   * slots, so every position lists its groups in ascending order. Per column only the touched keys are
   * visited (linked per group); summing into the whole triangle one group at a time missed the cache on
   * nearly every product, and reading a row-major table row by row missed it on nearly every position.
   * Each (position, group) sums its levels in ascending order, as before; exact zeros are not stored.
   */
  private sumByColumn(start: Int32Array, rows: Int32Array, values: Float64Array, levelGroup: Int32Array, G: number, npos: number, storage?: GramStorage) {
    const { m, colStart } = this;
    const nl = levelGroup.length;
    let products = 0;
    for (let l = 0; l < nl; l++) products += ((start[l + 1] - start[l]) * (start[l + 1] - start[l] + 1)) / 2;
    if (storage && (storage.groups.length < products || storage.weights.length < products || storage.counts.length < npos)) throw new Error('GroupedGram: the storage is too small');
    const levels = { start, rows, values, levelGroup };
    const inKernel = G <= 255 && products >= KERNEL_MIN_PRODUCTS && getCholeskyBackend() === 'auto' ? gramSumsInKernel(m, G, levels, npos, products) : undefined;
    if (inKernel) {
      const E = inKernel.ptr[npos];
      const group = storage ? storage.groups : new Uint8Array(E);
      const weight = storage ? storage.weights : new Float64Array(E);
      group.set(inKernel.group.subarray(0, E));
      weight.set(inKernel.weight.subarray(0, E));
      if (storage) for (let p = 0; p < npos; p++) storage.counts[p] = inKernel.ptr[p + 1] - inKernel.ptr[p];
      return { ptr: inKernel.ptr, group: group.subarray(0, E), weight: weight.subarray(0, E) };
    }
    const group = storage ? storage.groups : new Int32Array(products);
    const weight = storage ? storage.weights : new Float64Array(products);
    const ptr = new Int32Array(npos + 1);
    const t: ColumnTable = {
      m,
      G,
      acc: new Float64Array(G * m), // key g·m + i: group g, row i of the current column
      seen: new Uint8Array(G * m),
      groupHead: new Int32Array(G).fill(-1),
      link: new Int32Array(G * m),
      rowCount: new Int32Array(m),
      slot: new Int32Array(m),
    };
    // one call per column, not one loop over all: V8 optimises a function for its later calls, so a
    // single call would run its first columns (or, without on-stack replacement, all) unoptimised
    const pattern = transpose(levels, m);
    let E = 0;
    for (let j = 0; j < m; j++) {
      addColumnProducts(t, pattern, j);
      const p0 = colStart[j] - j;
      const first = E;
      E = readOffColumn(t, j, ptr, p0, E, group, weight);
      if (E < 0) E = this.dropZeros(ptr, p0, j, first, -E - 1, group, weight);
    }
    ptr[npos] = E;
    if (storage) for (let p = 0; p < npos; p++) storage.counts[p] = ptr[p + 1] - ptr[p]; // ≤ G ≤ 255
    // views, not copies: the bound's unused tail was never written, so it holds no memory pages
    return { ptr, group: group.subarray(0, E), weight: weight.subarray(0, E) };
  }

  /** Column j's entries (first..E−1, positions p0 + j … p0 + m − 1) without exact zeros; returns the new end. */
  private dropZeros(ptr: Int32Array, p0: number, j: number, first: number, E: number, group: Int32Array | Uint8Array, weight: Float64Array): number {
    const { m } = this;
    let w = first;
    for (let i = j; i < m; i++) {
      const from = ptr[p0 + i];
      const to = i + 1 < m ? ptr[p0 + i + 1] : E;
      ptr[p0 + i] = w;
      for (let e = from; e < to; e++)
        if (weight[e] !== 0) {
          group[w] = group[e];
          weight[w++] = weight[e];
        }
    }
    return w;
  }

  /**
   * Lower triangle of out (column-major, m×m, leading dimension ldOut) ←
   *   s_i s_j (A[i, j] − Σ_g c[g] W_g[i, j])      (s omitted: all ones).
   * A is column-major m×m (lower triangle read); out may be A itself. With `head` > 0 the caller
   * guarantees that A and every W_g vanish off the diagonal of the leading head×head block, which is
   * then skipped (its zeros in `out` are left as they are). Columns before `firstColumn` are not formed.
   */
  form(A: Float64Array, c: Float64Array, out: Float64Array, s?: Float64Array, ldOut = this.m, head = 0, firstColumn = 0): void {
    const { m, ptr, group, weight } = this;
    let p = this.colStart[firstColumn]; // packed position of (j, j)
    for (let j = firstColumn; j < m; j++) {
      const sj = s ? s[j] : 1;
      const ca = j * m;
      const co = j * ldOut;
      let e = ptr[p];
      for (let i = j; i < m; i++, p++) {
        if (i === j + 1 && i < head) {
          p += head - i; // skip (j+1 … head−1, j): structurally zero
          i = head;
          e = ptr[p];
        }
        let t = A[ca + i];
        const end = ptr[p + 1];
        for (; e < end; e++) t -= c[group[e]] * weight[e];
        out[co + i] = s ? t * (s[i] * sj) : t;
      }
    }
  }

  /**
   * The entries from column `first` on, as the Cholesky module's gramForm reads them (wasmGramForm.ts): a
   * count per position, then per entry its group (one byte) and weight. Returns the number of positions
   * and entries written. Needs at most 255 groups.
   */
  streamsFrom(first: number, counts: Uint8Array, groups: Uint8Array, weights: Float64Array): { positions: number; entries: number } {
    const { ptr, group, weight } = this;
    const p0 = this.colStart[first];
    const npos = this.colStart[this.m] - p0;
    const e0 = ptr[p0];
    const E = ptr[p0 + npos] - e0;
    for (let p = 0; p < npos; p++) counts[p] = ptr[p0 + p + 1] - ptr[p0 + p];
    for (let e = 0; e < E; e++) groups[e] = group[e0 + e];
    weights.set(weight.subarray(e0, e0 + E));
    return { positions: npos, entries: E };
  }

  /** Positions and entries from column `first` on (the room streamsFrom needs). */
  sizeFrom(first: number): { positions: number; entries: number } {
    const p0 = this.colStart[first];
    return { positions: this.colStart[this.m] - p0, entries: this.ptr[this.colStart[this.m]] - this.ptr[p0] };
  }

  /** W_g[i, j] (i ≥ j) for every group g, into out (length G; 0 where a group has no entry). */
  valuesAt(i: number, j: number, out: Float64Array): void {
    out.fill(0);
    const p = this.colStart[j] + i - j;
    for (let e = this.ptr[p]; e < this.ptr[p + 1]; e++) out[this.group[e]] += this.weight[e];
  }
}
