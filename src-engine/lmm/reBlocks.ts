/**
 * Random-effects blocks: the terms of a MixedDesign amalgamated by grouping factor, as MixedModels.jl
 * does, so that `(1 | g) + (0 + x | g)` and `(x || g)` share one block whose relative covariance
 * template T is block-diagonal. Λ for a block is I_ℓ ⊗ T; θ fills T's parameterised lower-triangle
 * entries in lme4's order (term by term in lme4's term order, each term's lower triangle by column).
 */
import { type MixedDesign } from '../design/mixedDesign';

export interface ReBlock {
  /** Grouping factor name, as lme4 prints it. */
  readonly group: string;
  readonly levels: readonly string[];
  /** ℓ: number of levels. */
  readonly nl: number;
  /** S: random effects per level (all the block's terms together). */
  readonly S: number;
  readonly refs: Int32Array;
  /** Row-major n × S model matrix of the block (the terms' z side by side). */
  readonly z: Float64Array;
  readonly termNames: readonly string[];
  /** For each term in the block: its offset within the S columns, its size, and its index in design.reterms. */
  readonly terms: readonly { offset: number; size: number; reterm: number }[];
  /** Template positions filled by θ: T[col * S + row] = theta[thetaIndex]. */
  readonly lambdaRows: Int32Array;
  readonly lambdaCols: Int32Array;
  readonly thetaIndex: Int32Array;
}

export interface ThetaLayout {
  /** Number of θ parameters. */
  readonly size: number;
  /** Lower bounds: 0 on template diagonals, -Inf off the diagonal. */
  readonly lower: Float64Array;
  /** lme4's starting value: 1 on diagonals, 0 elsewhere. */
  readonly initial: Float64Array;
  /** Which θ are diagonal elements (the ones a singular fit drives to 0). */
  readonly isDiagonal: Uint8Array;
}

export function buildReBlocks(design: MixedDesign): { blocks: ReBlock[]; theta: ThetaLayout } {
  // θ offsets per term in lme4 term order
  const thetaStart: number[] = [];
  let nTheta = 0;
  for (const t of design.reterms) {
    thetaStart.push(nTheta);
    const s = t.termNames.length;
    nTheta += (s * (s + 1)) / 2;
  }
  const lower = new Float64Array(nTheta);
  const initial = new Float64Array(nTheta);
  const isDiagonal = new Uint8Array(nTheta);

  // amalgamate terms by grouping factor, keeping first-appearance order
  const order: string[] = [];
  const byGroup = new Map<string, number[]>();
  design.reterms.forEach((t, k) => {
    const key = t.group;
    if (!byGroup.has(key)) {
      byGroup.set(key, []);
      order.push(key);
    }
    byGroup.get(key)!.push(k);
  });

  const n = design.n;
  const blocks: ReBlock[] = order.map((group) => {
    const idx = byGroup.get(group)!;
    const first = design.reterms[idx[0]];
    const S = idx.reduce((s, k) => s + design.reterms[k].termNames.length, 0);
    const z = new Float64Array(n * S);
    const termNames: string[] = [];
    const terms: { offset: number; size: number; reterm: number }[] = [];
    const rows: number[] = [];
    const cols: number[] = [];
    const tIdx: number[] = [];
    let offset = 0;
    for (const k of idx) {
      const t = design.reterms[k];
      const s = t.termNames.length;
      for (let i = 0; i < n; i++) for (let c = 0; c < s; c++) z[i * S + offset + c] = t.z[i * s + c];
      termNames.push(...t.termNames);
      terms.push({ offset, size: s, reterm: k });
      let th = thetaStart[k];
      for (let c = 0; c < s; c++)
        for (let r = c; r < s; r++) {
          rows.push(offset + r);
          cols.push(offset + c);
          tIdx.push(th);
          if (r === c) {
            isDiagonal[th] = 1;
            initial[th] = 1;
            lower[th] = 0;
          } else {
            lower[th] = -Infinity;
          }
          th++;
        }
      offset += s;
    }
    return {
      group,
      levels: first.levels,
      nl: first.levels.length,
      S,
      refs: first.refs,
      z,
      termNames,
      terms,
      lambdaRows: Int32Array.from(rows),
      lambdaCols: Int32Array.from(cols),
      thetaIndex: Int32Array.from(tIdx),
    };
  });
  // the largest block first: it becomes the (block-)diagonal L₁₁ and never fills in
  blocks.sort((a, b) => b.nl * b.S - a.nl * a.S);
  return { blocks, theta: { size: nTheta, lower, initial, isDiagonal } };
}

/** Fill each block's S×S template T (column-major, lower) from θ. */
export function templatesFromTheta(blocks: readonly ReBlock[], theta: Float64Array | readonly number[]): Float64Array[] {
  return blocks.map((b) => {
    const T = new Float64Array(b.S * b.S);
    for (let k = 0; k < b.thetaIndex.length; k++) T[b.lambdaCols[k] * b.S + b.lambdaRows[k]] = theta[b.thetaIndex[k]];
    return T;
  });
}

/** b = Λ_k u_k for one block, level-major: each level's S numbers times the template T_k (lower). */
export function lambdaTimes(block: ReBlock, Tk: Float64Array, uk: Float64Array, out: Float64Array = new Float64Array(block.nl * block.S)): Float64Array {
  const S = block.S;
  for (let l = 0; l < block.nl; l++)
    for (let r = 0; r < S; r++) {
      let s = 0;
      for (let c = 0; c <= r; c++) s += Tk[c * S + r] * uk[l * S + c];
      out[l * S + r] = s;
    }
  return out;
}
