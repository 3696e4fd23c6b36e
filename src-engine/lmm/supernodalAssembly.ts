/**
 * What the supernodal factorization (supernodal.ts) builds once per model: the entries of each
 * observation's row of [Z X y] in the factorization's global order, the supernodes' column patterns
 * (a symbolic elimination over supernodes, so fill is represented), and the unscaled A = [Z X y]ᵀW[Z X y]
 * split into each supernode's diagonal and pattern blocks and the dense rest.
 */
import { type MixedDesign } from '../design/mixedDesign';
import { type ReBlock } from './reBlocks';

export interface Supernode {
  block: number;
  /** First global index of the supernode's S columns. */
  col0: number;
  S: number;
  /** Sorted global row indices below the supernode (later supernodes, then the dense rest). */
  pattern: Int32Array;
}

/** Global indices: eliminated columns [0, qE) (block k's level l at eOff[k] + l·S), then the dense rest [qE, qE + m). */
export interface GlobalLayout {
  /** Blocks 0..K−1 are eliminated. */
  readonly K: number;
  readonly eOff: Int32Array;
  /** Offset of each dense random-effects block k ≥ K within the rest. */
  readonly restOff: Int32Array;
  readonly qE: number;
  readonly qRest: number;
  readonly m: number;
}

/** One observation's nonzeros of [Z X y] at a time (global index, value), in increasing index order per block. */
export class ObservationEntries {
  readonly idx: Int32Array;
  readonly val: Float64Array;

  constructor(
    private readonly design: MixedDesign,
    private readonly blocks: readonly ReBlock[],
    private readonly g: GlobalLayout,
  ) {
    const eMax = blocks.reduce((s, b) => s + b.S, 0) + design.p + 1;
    this.idx = new Int32Array(eMax);
    this.val = new Float64Array(eMax);
  }

  /** Fills idx/val with observation i's entries; returns how many. */
  at(i: number): number {
    const { design, blocks, idx, val } = this;
    const { K, eOff, restOff, qE, qRest, m } = this.g;
    const { n, p } = design;
    let e = 0;
    for (let k = 0; k < blocks.length; k++) {
      const b = blocks[k];
      const base = (k < K ? eOff[k] : qE + restOff[k]) + b.refs[i] * b.S;
      for (let c = 0; c < b.S; c++) {
        idx[e] = base + c;
        val[e++] = b.z[i * b.S + c];
      }
    }
    for (let j = 0; j < p; j++) {
      idx[e] = qE + qRest + j;
      val[e++] = design.X[j * n + i];
    }
    idx[e] = qE + m - 1;
    val[e++] = design.y[i] - (design.offset ? design.offset[i] : 0);
    return e;
  }
}

/**
 * Sets each supernode's pattern: the rows its observations touch below it (direct), then the symbolic
 * elimination — a supernode's pattern joins its parent's (the owner of its first row).
 */
export function symbolicPatterns(nodes: Supernode[], owner: Int32Array, obs: ObservationEntries, n: number, g: GlobalLayout): void {
  const { idx } = obs;
  const { K, qE, m } = g;
  // each supernode's rows so far, unsorted and distinct; per block of supernodes, `mark[r] = s` once r is
  // in s's list, which spares the scan of that (short) list while consecutive observations share their
  // supernodes
  const rows: number[][] = nodes.map(() => []);
  const marks = Array.from({ length: K }, () => new Int32Array(qE + m).fill(-1));
  const add = (s: number, r: number) => {
    const mark = marks[nodes[s].block];
    if (mark[r] === s) return;
    const list = rows[s];
    if (!list.includes(r)) list.push(r);
    mark[r] = s;
  };
  for (let i = 0; i < n; i++) {
    const e = obs.at(i);
    for (let a = 0; a < e; a++) {
      if (idx[a] >= qE) break;
      const s = owner[idx[a]];
      const end = nodes[s].col0 + nodes[s].S;
      for (let b = a + 1; b < e; b++) if (idx[b] >= end) add(s, idx[b]);
    }
  }
  for (let s = 0; s < nodes.length; s++) {
    const pat = Int32Array.from(rows[s]).sort();
    nodes[s].pattern = pat;
    if (pat.length > 0 && pat[0] < qE) {
      const parent = owner[pat[0]];
      const pend = nodes[parent].col0 + nodes[parent].S;
      for (const r of pat) if (r >= pend) add(parent, r);
    }
    rows[s] = [];
  }
}

/**
 * Accumulates Σᵢ wᵢ rᵢrᵢᵀ (rᵢ observation i's row of [Z X y]) into each supernode's diagonal (Add, S×S)
 * and pattern block (Aps, |P|×S) and the dense rest's lower triangle (Arr, m×m); returns log|W|.
 */
export function assembleA(
  nodes: readonly Supernode[],
  owner: Int32Array,
  obs: ObservationEntries,
  weights: Float64Array | undefined,
  n: number,
  g: GlobalLayout,
  A: { Add: Float64Array[]; Aps: Float64Array[]; Arr: Float64Array },
): number {
  const { idx, val } = obs;
  const { K, qE, m } = g;
  const { Add, Aps, Arr } = A;
  // per eliminated block, the position of each global index in the pattern of the supernode last seen
  // there (`loaded`): consecutive observations mostly share their supernodes, so a pattern is rarely
  // scattered again, and no entry is searched for
  const at = Array.from({ length: K }, () => new Int32Array(qE + m));
  const loaded = new Int32Array(K).fill(-1);
  let logDetW = 0;
  for (let i = 0; i < n; i++) {
    const wi = weights ? weights[i] : 1;
    if (weights) logDetW += Math.log(wi);
    const e = obs.at(i);
    for (let a = 0; a < e; a++) {
      const ia = idx[a];
      if (ia < qE) {
        const s = owner[ia];
        const node = nodes[s];
        const ca = ia - node.col0;
        const pat = node.pattern;
        const pos = at[node.block];
        if (loaded[node.block] !== s) {
          for (let t = 0; t < pat.length; t++) pos[pat[t]] = t;
          loaded[node.block] = s;
        }
        for (let b = 0; b < e; b++) {
          const ib = idx[b];
          if (ib < node.col0) continue;
          const v = wi * val[a] * val[b];
          if (ib < node.col0 + node.S) Add[s][ca * node.S + (ib - node.col0)] += v;
          else Aps[s][ca * pat.length + pos[ib]] += v;
        }
      } else {
        for (let b = a; b < e; b++) {
          const ib = idx[b];
          Arr[(ia - qE) * m + (ib - qE)] += wi * val[a] * val[b];
        }
      }
    }
  }
  return logDetW;
}

/** The first position in sorted a holding x or more. */
export function lowerBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
