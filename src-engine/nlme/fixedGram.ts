/**
 * lme blocks whose Λ_b does not move with the parameters (no correlation structure; no variance
 * function, or varFixed): W̃_b = S⁻¹[X y] and Z̃_b = S⁻¹Z_b are constants, so their Gram pieces are
 * formed once per model — Σ_b W̃_bᵀW̃_b, G_b = Z̃_bᵀZ̃_b and H_b = Z̃_bᵀW̃_b, as lme4 keeps ZᵀZ and ZᵀX —
 * and an evaluation costs O(q_b²(q_b + m)) per block instead of O(n_b q_b m) plus a whitening pass:
 * Ũ_b = Z̃_b Λ_b with Λ_b the block diagonal of the levels' Cholesky factors L_l, so
 * M = I + ŨᵀŨ = I + Λ_bᵀ G_b Λ_b and ŨᵀW̃ = Λ_bᵀ H_b (lowRankBlocks.ts does the rest).
 */
import { type NlmeModel } from './model';

/** What a block's layout says of its random-effect columns (lowRankBlocks.ts' BlockLayout). */
export interface FixedGramBlockInput {
  readonly rows: Int32Array;
  /** Per level, for each position: the first of the k columns of its group at that level. */
  readonly column: Int32Array[];
  readonly q: number;
}

interface FixedBlock {
  readonly q: number;
  /** G_b, column-major q × q (both triangles). */
  readonly G: Float64Array;
  /** H_b, column j of [X y] at H[j q .. j q + q). */
  readonly H: Float64Array;
  /** The block's column groups as pairs (level, first column). */
  readonly groups: Int32Array;
}

export interface FixedGram {
  /** Σ_b W̃_bᵀW̃_b in the criterion's layout (A[j m + k], k ≥ j). */
  readonly WtW: Float64Array;
  /** log|Λ| = −2 Σ log w_i. */
  readonly logDetLambda: number;
  readonly blocks: readonly FixedBlock[];
}

/** Whether Λ_b is the same at every parameter vector (then `fixedGram` applies). */
export function hasFixedLambda(model: NlmeModel): boolean {
  const v = model.varFunc;
  return model.reLevels.length > 0 && model.corStruct === undefined && (v === undefined || (v.nPar === 0 && !v.usesFitted));
}

/** The constant Gram pieces (the weights are positive and finite: varFixed refuses a covariate that is not positive). */
export function fixedGram(model: NlmeModel, blocks: readonly FixedGramBlockInput[], par: ArrayLike<number>): FixedGram {
  const { n, p, X, y } = model.frame;
  const m = p + 1;
  const logW = model.logWeights(par, undefined);
  const levels = model.reLevels;
  const WtW = new Float64Array(m * m);
  const w = new Float64Array(m);
  let logDetLambda = 0;
  const out: FixedBlock[] = [];
  for (const { rows, column, q } of blocks) {
    const G = new Float64Array(q * q);
    const H = new Float64Array(q * m);
    for (let a = 0; a < rows.length; a++) {
      const i = rows[a];
      const s = Math.exp(logW[i]);
      logDetLambda -= 2 * logW[i];
      for (let j = 0; j < p; j++) w[j] = X[j * n + i] * s;
      w[p] = y[i] * s;
      for (let j = 0; j < m; j++) for (let k = j; k < m; k++) WtW[j * m + k] += w[j] * w[k];
      // the row of Z̃_b: each level's k values at its group's columns
      for (let l = 0; l < levels.length; l++) {
        const k = levels[l].terms.length;
        const z = levels[l].z;
        const c0 = column[l][a];
        for (let c = 0; c < k; c++) {
          const zc = z[i * k + c] * s;
          for (let j = 0; j < m; j++) H[j * q + c0 + c] += zc * w[j];
          for (let l2 = 0; l2 < levels.length; l2++) {
            const k2 = levels[l2].terms.length;
            const d0 = column[l2][a];
            for (let d = 0; d < k2; d++) G[(d0 + d) * q + c0 + c] += zc * levels[l2].z[i * k2 + d] * s;
          }
        }
      }
    }
    const groups: number[] = [];
    for (let l = 0; l < levels.length; l++) for (const c0 of new Set(column[l])) groups.push(l, c0);
    out.push({ q, G, H, groups: Int32Array.from(groups) });
  }
  return { WtW, logDetLambda, blocks: out };
}

/**
 * M = I + Λ_bᵀ G_b Λ_b (lower triangle: M[c q + d], d ≥ c) and C = Λ_bᵀ H_b (C[j q + c]) for one block;
 * P is scratch of q × q.
 */
export function fixedBlockProducts(model: NlmeModel, b: FixedBlock, L: readonly Float64Array[], m: number, M: Float64Array, C: Float64Array, P: Float64Array): void {
  const { q, G, H, groups } = b;
  const levels = model.reLevels;
  // P = G_b Λ_b (column-major: P[d q + r])
  for (let g = 0; g < groups.length; g += 2) {
    const Ll = L[groups[g]];
    const c0 = groups[g + 1];
    const k = levels[groups[g]].terms.length;
    for (let c = 0; c < k; c++) {
      const d = c0 + c;
      for (let r = 0; r < q; r++) {
        let s = 0;
        for (let t = c; t < k; t++) s += G[(c0 + t) * q + r] * Ll[t * k + c];
        P[d * q + r] = s;
      }
    }
  }
  // row c of Λ_bᵀ(·) is column c of L_l: Σ_t L_l[t, c] (·)[c0 + t, ·]
  for (let g = 0; g < groups.length; g += 2) {
    const Ll = L[groups[g]];
    const c0 = groups[g + 1];
    const k = levels[groups[g]].terms.length;
    for (let c = 0; c < k; c++) {
      const cc = c0 + c;
      for (let d = cc; d < q; d++) {
        let s = cc === d ? 1 : 0;
        for (let t = c; t < k; t++) s += Ll[t * k + c] * P[d * q + c0 + t];
        M[cc * q + d] = s;
      }
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let t = c; t < k; t++) s += Ll[t * k + c] * H[j * q + c0 + t];
        C[j * q + cc] = s;
      }
    }
  }
}
