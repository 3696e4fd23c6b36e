/**
 * The crossproducts of PIRLS's weighted PLS system, rewritten in place at every iteration. Between
 * iterations only the working weights W and the working response z change; the sparsity pattern,
 * the grouping and the Z and X values do not. So everything that depends on those alone is worked
 * out once — observations in level order, each observation's nonzero entries of the rest with their
 * rows in the level's coupling pattern, the pairs of entries it adds to A_rr, the dense columns of X
 * gathered in level order — and an update only runs the products.
 *
 * Bit-identical to computeCrossproducts({ ...design, y: z, weights: W, offset: undefined }, blocks):
 * every entry is summed over observations in the same (level) order, each product formed as
 * (wᵢ·v_a)·v_b exactly as there; zero values that it skips only add ±0 here, which changes no sum.
 * Which columns count as dense (summed as column dots rather than scattered) does not change the sums
 * either (the dot runs in the same order), so z is always treated as dense.
 *
 * The scattered pairs are summed into a compact array (one slot per entry of A_rr they reach, in
 * L1 cache) rather than into the m×m A_rr, whose entries are far apart: the same sums, fewer misses.
 */
import { type MixedDesign } from '../design/mixedDesign';
import { computeCrossproducts, type Crossproducts, fixedRestEntries, groupByLevel } from '../lmm/crossproducts';
import { upperColumnDots } from '../linalg/columnDots';
import { type ReBlock } from '../lmm/reBlocks';

export class ReweightedCrossproducts {
  /** The crossproducts whose values update() rewrites (pattern and sizes fixed; restPattern set). */
  readonly cp: Crossproducts;
  private readonly n: number;
  private readonly S0: number;
  /** Block 0's model matrix in level order (t × S₀). */
  private readonly z0: Float64Array;
  /** Scratch: W and z in level order (gathered once per update; every later pass runs in that order). */
  private readonly Wl: Float64Array;
  private readonly zl: Float64Array;
  /** Levels of block 0: observations obs[start[l] .. start[l + 1]) in level order. */
  private readonly start: Int32Array;
  private readonly obs: Int32Array;
  /** Per observation t (level order): its fixed rest entries entStart[t] .. entStart[t + 1]. */
  private readonly entStart: Int32Array;
  private readonly entVal: Float64Array;
  /** Row of the entry in its level's coupling pattern. */
  private readonly entRow: Int32Array;
  /** How many scattered pairs each entry (and y, per observation) adds: with every earlier entry if it is sparse, with the earlier sparse ones if dense. */
  private readonly entPairs: Int32Array;
  private readonly yPairs: Int32Array;
  /** The scattered pairs in the order they are added: the slot each goes to and the other entry's value. */
  private readonly pairSlot: Int32Array;
  private readonly pairVal: Float64Array;
  /** Per slot, its A_rr offset (column-major, row ≤ column); the slots' running sums. */
  private readonly slotOff: Int32Array;
  private readonly acc: Float64Array;
  /** Rest indices of the dense columns of X, then y's (m − 1); their values in level order (d columns of n; z's is filled per update). */
  private readonly denseCols: Int32Array;
  private readonly xDense: Float64Array;
  /** Scratch: the dense columns times the weights, in level order. */
  private readonly wx: Float64Array;
  /** Every A_rr entry an update writes (column-major offsets, row ≤ column), and their mirrors. */
  private readonly upper: Int32Array;
  private readonly lower: Int32Array;

  /** `design`: X, p and the blocks' model matrices as the PLS system uses them (y, weights and offset are ignored). */
  constructor(
    design: MixedDesign,
    readonly blocks: readonly ReBlock[],
  ) {
    const { n, p, X } = design;
    this.n = n;
    // the pattern and sizes do not depend on y or the weights
    const cp = computeCrossproducts({ ...design, y: new Float64Array(n).fill(1), weights: undefined, offset: undefined }, blocks);
    const { m, qRest, restOffset, patStart, patRows } = cp;
    const b0 = blocks[0];
    this.S0 = b0.S;

    const { start, obs } = groupByLevel(b0, n);
    this.start = start;
    this.obs = obs;
    this.z0 = new Float64Array(n * b0.S);
    for (let t = 0; t < n; t++) for (let c = 0; c < b0.S; c++) this.z0[t * b0.S + c] = b0.z[obs[t] * b0.S + c];
    this.Wl = new Float64Array(n);
    this.zl = new Float64Array(n);

    // dense columns: X's as computeCrossproducts counts them, and y always
    const dense = new Uint8Array(m);
    const cols: number[] = [];
    for (let j = 0; j < p; j++) {
      let k = 0;
      for (let i = 0; i < n; i++) k += X[j * n + i] !== 0 ? 1 : 0;
      if (2 * k > n) {
        dense[qRest + j] = 1;
        cols.push(qRest + j);
      }
    }
    dense[m - 1] = 1;
    cols.push(m - 1);
    this.denseCols = Int32Array.from(cols);
    const d = cols.length;
    this.xDense = new Float64Array(d * n); // the last column: z, per update
    for (let c = 0; c < d - 1; c++) {
      const o = (cols[c] - qRest) * n;
      for (let t = 0; t < n; t++) this.xDense[c * n + t] = X[o + obs[t]];
    }
    this.wx = new Float64Array(d * n);

    // each observation's fixed entries (random effects of blocks 1.., X), zeros skipped, in rest order
    const eMax = blocks.slice(1).reduce((s, b) => s + b.S, 0) + p;
    const entStart = new Int32Array(n + 1);
    const entIdx = new Int32Array(n * eMax);
    const entVal = new Float64Array(n * eMax);
    const entRow = new Int32Array(n * eMax);
    const pos = new Int32Array(m);
    let e = 0;
    for (let l = 0; l < b0.nl; l++) {
      const ps = patStart[l];
      const R = patStart[l + 1] - ps;
      for (let r = 0; r < R; r++) pos[patRows[ps + r]] = r;
      for (let t = start[l]; t < start[l + 1]; t++) {
        const i = obs[t];
        entStart[t] = e;
        const end = fixedRestEntries(design, blocks, restOffset, qRest, i, entIdx, entVal, e);
        for (; e < end; e++) entRow[e] = pos[entIdx[e]];
      }
    }
    entStart[n] = e;
    this.entStart = entStart;
    this.entVal = entVal.slice(0, e);
    this.entRow = entRow.slice(0, e);

    // the scattered pairs, in the order update() adds them, each with its slot
    const plan = planPairs(n, m, entStart, entIdx, entVal, dense);
    this.entPairs = plan.entPairs;
    this.yPairs = plan.yPairs;
    this.pairSlot = plan.pairSlot;
    this.pairVal = plan.pairVal;
    this.slotOff = plan.slotOff;
    const slotOff = plan.slotOff;
    this.acc = new Float64Array(slotOff.length);

    // every entry written: the slots and the pairs of dense columns
    const touched = new Set<number>(Array.from(slotOff));
    for (let a = 0; a < d; a++) for (let b = 0; b <= a; b++) touched.add(cols[a] * m + cols[b]);
    const up = [...touched].sort((x, y) => x - y);
    this.upper = Int32Array.from(up);
    this.lower = Int32Array.from(up, (o) => (o % m) * m + Math.floor(o / m));
    this.cp = { ...cp, restPattern: Int32Array.from(this.lower).sort() };
  }

  /** Rewrite cp's values for working weights W and working response z (both by observation). */
  update(W: Float64Array, z: Float64Array): void {
    const { cp, upper, lower, slotOff, acc } = this;
    const { A11, A1rValues, Arr } = cp;
    A11.fill(0);
    A1rValues.fill(0);
    const { obs, Wl, zl } = this;
    for (let t = 0; t < obs.length; t++) {
      const i = obs[t];
      Wl[t] = W[i];
      zl[t] = z[i];
    }
    if (this.S0 === 1) this.scatterScalar(Wl, zl);
    else this.scatter(Wl, zl);
    for (let s = 0; s < slotOff.length; s++) {
      Arr[slotOff[s]] = acc[s];
      acc[s] = 0;
    }
    this.denseProducts(Wl, zl);
    for (let k = 0; k < upper.length; k++) Arr[lower[k]] = Arr[upper[k]];
  }

  /**
   * Per observation in level order: block 0's diagonal, its coupling with the rest, and the scattered
   * pairs of rest entries — computeCrossproducts' loop, with y = z last (block 0 scalar).
   */
  private scatterScalar(W: Float64Array, z: Float64Array): void {
    const { cp, z0, start, entStart, entVal, entRow, entPairs, yPairs, pairSlot, pairVal, acc } = this;
    const { A11, A1rValues, patStart } = cp;
    const nl = start.length - 1;
    let k = 0; // the next pair
    for (let l = 0; l < nl; l++) {
      const ps = patStart[l];
      const yPos = patStart[l + 1] - 1; // y is the last row of the pattern
      let a11 = A11[l];
      for (let t = start[l]; t < start[l + 1]; t++) {
        const wi = W[t];
        const zi = z0[t];
        a11 += wi * zi * zi;
        for (let a = entStart[t]; a < entStart[t + 1]; a++) {
          const va = wi * entVal[a];
          A1rValues[ps + entRow[a]] += va * zi;
          for (const end = k + entPairs[a]; k < end; k++) acc[pairSlot[k]] += va * pairVal[k];
        }
        const vy = wi * z[t];
        A1rValues[yPos] += vy * zi;
        for (const end = k + yPairs[t]; k < end; k++) acc[pairSlot[k]] += vy * pairVal[k];
      }
      A11[l] = a11;
    }
  }

  /** scatterScalar for a vector-valued block 0 (S₀ columns of z, an S₀×S₀ diagonal block per level). */
  private scatter(W: Float64Array, z: Float64Array): void {
    const { cp, S0, z0, start, entStart, entVal, entRow, entPairs, yPairs, pairSlot, pairVal, acc } = this;
    const { A11, A1rValues, patStart } = cp;
    const nl = start.length - 1;
    let k = 0;
    for (let l = 0; l < nl; l++) {
      const ps = patStart[l];
      const R = patStart[l + 1] - ps;
      const base = ps * S0;
      const a11 = l * S0 * S0;
      for (let t = start[l]; t < start[l + 1]; t++) {
        const wi = W[t];
        const zo = t * S0;
        for (let c = 0; c < S0; c++) {
          const zc = wi * z0[zo + c];
          for (let r = c; r < S0; r++) A11[a11 + c * S0 + r] += zc * z0[zo + r];
        }
        for (let a = entStart[t]; a < entStart[t + 1]; a++) {
          const va = wi * entVal[a];
          const ra = base + entRow[a];
          for (let c = 0; c < S0; c++) A1rValues[ra + c * R] += va * z0[zo + c];
          for (const end = k + entPairs[a]; k < end; k++) acc[pairSlot[k]] += va * pairVal[k];
        }
        const vy = wi * z[t];
        const ry = base + R - 1;
        for (let c = 0; c < S0; c++) A1rValues[ry + c * R] += vy * z0[zo + c];
        for (const end = k + yPairs[t]; k < end; k++) acc[pairSlot[k]] += vy * pairVal[k];
      }
      for (let c = 0; c < S0; c++) for (let r = c + 1; r < S0; r++) A11[a11 + r * S0 + c] = A11[a11 + c * S0 + r];
    }
  }

  /** Pairs of dense columns as column dots over observations in level order (as computeCrossproducts), four at a time; W and z in level order. */
  private denseProducts(W: Float64Array, z: Float64Array): void {
    const { n, denseCols, xDense: x, wx } = this;
    const { m, Arr } = this.cp;
    const d = denseCols.length;
    const zo = (d - 1) * n;
    for (let t = 0; t < n; t++) x[zo + t] = z[t];
    for (let t = 0; t < n; t++) {
      const w = W[t];
      for (let c = 0; c < d; c++) wx[c * n + t] = w * x[c * n + t];
    }
    upperColumnDots(wx, x, n, denseCols, m, Arr);
  }
}

/**
 * The scattered pairs of A_rr in the order computeCrossproducts adds them (per observation, entries in
 * rest order, y last: a sparse entry with every earlier entry and itself, a dense one with the earlier
 * sparse ones), each with the slot of its A_rr entry (slots numbered by first appearance).
 */
function planPairs(n: number, m: number, entStart: Int32Array, entIdx: Int32Array, entVal: Float64Array, dense: Uint8Array) {
  const e = entStart[n];
  const entPairs = new Int32Array(e);
  const yPairs = new Int32Array(n);
  let total = 0;
  for (let t = 0; t < n; t++) {
    let ns = 0;
    for (let a = entStart[t]; a < entStart[t + 1]; a++) {
      if (dense[entIdx[a]]) entPairs[a] = ns;
      else {
        entPairs[a] = a - entStart[t] + 1;
        ns++;
      }
      total += entPairs[a];
    }
    yPairs[t] = ns;
    total += ns;
  }
  const pairSlot = new Int32Array(total);
  const pairVal = new Float64Array(total);
  // slot numbers by A_rr offset: an array when m² is moderate, else a map
  const slotArray = m <= 2048 ? new Int32Array(m * m).fill(-1) : undefined;
  const slotMap = slotArray ? undefined : new Map<number, number>();
  const slotOff: number[] = [];
  const sparse = new Int32Array(entStart.length);
  let k = 0;
  const add = (col: number, b: number) => {
    const off = col * m + entIdx[b];
    let s = slotArray ? slotArray[off] : (slotMap!.get(off) ?? -1);
    if (s < 0) {
      s = slotOff.length;
      if (slotArray) slotArray[off] = s;
      else slotMap!.set(off, s);
      slotOff.push(off);
    }
    pairSlot[k] = s;
    pairVal[k++] = entVal[b];
  };
  for (let t = 0; t < n; t++) {
    let ns = 0;
    for (let a = entStart[t]; a < entStart[t + 1]; a++) {
      const ia = entIdx[a];
      if (dense[ia]) {
        for (let u = 0; u < ns; u++) add(ia, sparse[u]);
      } else {
        for (let b = entStart[t]; b <= a; b++) add(ia, b);
        sparse[ns++] = a;
      }
    }
    for (let u = 0; u < ns; u++) add(m - 1, sparse[u]);
  }
  return { entPairs, yPairs, pairSlot, pairVal, slotOff: Int32Array.from(slotOff) };
}
