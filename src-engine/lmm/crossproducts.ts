/**
 * The fixed part of the PLS system, computed once per model: A = [Z X y]ᵀ W [Z X y] in the blocked
 * layout the factorization uses. Block 0 (the largest random-effects block) is kept as one S₀×S₀
 * matrix per level; its coupling with everything else as a short sparse column pattern per level;
 * everything else ("the rest": the other random-effects blocks, X and y) as one dense m×m matrix.
 */
import { type MixedDesign } from '../design/mixedDesign';
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
  /** Σ log wᵢ (0 without prior weights). */
  readonly logDetW: number;
}

/** Rest entries of observation i: indices into the rest and their values (y carries the offset). */
function restEntries(
  design: MixedDesign,
  blocks: readonly ReBlock[],
  restOffset: Int32Array,
  qRest: number,
  i: number,
  idx: Int32Array,
  val: Float64Array,
): number {
  let e = 0;
  for (let k = 1; k < blocks.length; k++) {
    const b = blocks[k];
    const base = restOffset[k] + b.refs[i] * b.S;
    for (let c = 0; c < b.S; c++) {
      idx[e] = base + c;
      val[e++] = b.z[i * b.S + c];
    }
  }
  const n = design.n;
  for (let j = 0; j < design.p; j++) {
    idx[e] = qRest + j;
    val[e++] = design.X[j * n + i];
  }
  idx[e] = qRest + design.p;
  val[e++] = design.y[i] - (design.offset ? design.offset[i] : 0);
  return e;
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

  // observations grouped by level of block 0 (counting sort)
  const count = new Int32Array(b0.nl + 1);
  for (let i = 0; i < n; i++) count[b0.refs[i] + 1]++;
  for (let l = 0; l < b0.nl; l++) count[l + 1] += count[l];
  const obs = new Int32Array(n);
  const fill = count.slice(0, b0.nl);
  for (let i = 0; i < n; i++) obs[fill[b0.refs[i]]++] = i;

  // pass 1: patterns
  const mark = new Int32Array(m).fill(-1);
  const patStart = new Int32Array(b0.nl + 1);
  const patList: number[] = [];
  for (let l = 0; l < b0.nl; l++) {
    patStart[l] = patList.length;
    const rows: number[] = [];
    for (let t = count[l]; t < count[l + 1]; t++) {
      const e = restEntries(design, blocks, restOffset, qRest, obs[t], idx, val);
      for (let a = 0; a < e; a++)
        if (mark[idx[a]] !== l) {
          mark[idx[a]] = l;
          rows.push(idx[a]);
        }
    }
    rows.sort((x, y) => x - y);
    for (const r of rows) patList.push(r);
  }
  patStart[b0.nl] = patList.length;
  const patRows = Int32Array.from(patList);

  // pass 2: values
  const A11 = new Float64Array(b0.nl * S0 * S0);
  const A1rValues = new Float64Array(patRows.length * S0);
  const Arr = new Float64Array(m * m);
  const pos = new Int32Array(m);
  for (let l = 0; l < b0.nl; l++) {
    const start = patStart[l];
    const R = patStart[l + 1] - start;
    for (let r = 0; r < R; r++) pos[patRows[start + r]] = r;
    const base = start * S0;
    for (let t = count[l]; t < count[l + 1]; t++) {
      const i = obs[t];
      const wi = w ? w[i] : 1;
      const z0 = i * S0;
      for (let c = 0; c < S0; c++) {
        const zc = wi * b0.z[z0 + c];
        for (let r = c; r < S0; r++) A11[l * S0 * S0 + c * S0 + r] += zc * b0.z[z0 + r];
      }
      const e = restEntries(design, blocks, restOffset, qRest, i, idx, val);
      for (let a = 0; a < e; a++) {
        const va = wi * val[a];
        const row = pos[idx[a]];
        for (let c = 0; c < S0; c++) A1rValues[base + c * R + row] += va * b0.z[z0 + c];
        for (let bb = 0; bb < e; bb++) {
          if (idx[bb] > idx[a]) continue;
          Arr[idx[bb] * m + idx[a]] += va * val[bb];
        }
      }
    }
    // symmetrise the level's S₀×S₀ block
    for (let c = 0; c < S0; c++) for (let r = c + 1; r < S0; r++) A11[l * S0 * S0 + r * S0 + c] = A11[l * S0 * S0 + c * S0 + r];
  }
  for (let j = 0; j < m; j++) for (let i = j + 1; i < m; i++) Arr[i * m + j] = Arr[j * m + i];

  let logDetW = 0;
  if (w) for (let i = 0; i < n; i++) logDetW += Math.log(w[i]);
  return { n, p, m, qRest, restOffset, A11, patStart, patRows, A1rValues, Arr, logDetW };
}
