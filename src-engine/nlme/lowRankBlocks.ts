/**
 * The lme criterion's pieces without a dense Cholesky factor of each block's V_b. Within a block
 * V_b = Λ_b + U_b U_bᵀ, with U_b's columns the random effects' loadings u_q = L_qᵀ z_q (k columns per
 * group of each level present in the block) and Λ_b = S C S whose inverse square root is cheap: the
 * weights alone (no correlation) or the AR(1) whitening in time order (corAR1, corCAR1). With
 * W̃ = Λ^{-1/2}[X y], Ũ = Λ^{-1/2}U and M = I + ŨᵀŨ = L_M L_Mᵀ (Woodbury and the determinant lemma):
 *   [X y]ᵀ V⁻¹ [X y] = W̃ᵀW̃ − (L_M⁻¹ŨᵀW̃)ᵀ(L_M⁻¹ŨᵀW̃),   log|V_b| = log|Λ_b| + 2 log|L_M|,
 * O(n_b (q_b + p)²) per block instead of O(n_b³). Dense correlations (ARMA, spatial, compound
 * symmetry) keep the dense path (undefined here).
 */
import { choleskyLowerInPlace } from '../linalg/denseCholesky';
import { type NlmeModel } from './model';

/** A block's rows in whitening order, each with the row before it in its correlation group (or −1), and where its random-effect columns start per level. */
interface BlockLayout {
  readonly rows: Int32Array;
  readonly prev: Int32Array;
  /** Per level, for each position: the first of the k columns of its group at that level. */
  readonly column: Int32Array[];
  /** q_b: the block's random-effect columns. */
  readonly q: number;
}

interface Layout {
  readonly blocks: BlockLayout[];
  readonly maxNb: number;
  readonly maxQ: number;
}

const layouts = new WeakMap<NlmeModel, Layout>();

function layoutOf(model: NlmeModel): Layout {
  let out = layouts.get(model);
  if (out) return out;
  const cor = model.corStruct;
  const t = cor?.markov?.t;
  const groupOf = cor?.groupOf;
  let maxNb = 1;
  let maxQ = 1;
  const blocks = model.blocks.map((block): BlockLayout => {
    // by correlation group, then time (times are unique within a group: buildCorStruct checks)
    const rows = Int32Array.from(t ? [...block].sort((i, j) => groupOf![i] - groupOf![j] || t[i] - t[j]) : block);
    const prev = Int32Array.from(rows, (i, a) => (t && a > 0 && groupOf![rows[a - 1]] === groupOf![i] ? rows[a - 1] : -1));
    let q = 0;
    const column = model.reLevels.map((lev) => {
      const k = lev.terms.length;
      const first = new Map<number, number>();
      return Int32Array.from(rows, (i) => {
        let c = first.get(lev.codes[i]);
        if (c === undefined) {
          first.set(lev.codes[i], (c = q));
          q += k;
        }
        return c;
      });
    });
    maxNb = Math.max(maxNb, rows.length);
    maxQ = Math.max(maxQ, q);
    return { rows, prev, column, q };
  });
  layouts.set(model, (out = { blocks, maxNb, maxQ }));
  return out;
}

/** Whether the lme blocks' Λ can be whitened without a dense factor. */
export function hasLowRankBlocks(model: NlmeModel): boolean {
  return model.reLevels.length > 0 && (!model.corStruct || model.corStruct.markov !== undefined);
}

/**
 * Adds each block's [X y]ᵀV_b⁻¹[X y] to A (lower triangle, column-major m × m, m = p + 1) and returns
 * Σ log|V_b|, or undefined when a V_b is not positive definite.
 */
export function accumulateLowRank(model: NlmeModel, par: ArrayLike<number>, logW: Float64Array, A: Float64Array): number | undefined {
  const { n, p, X, y } = model.frame;
  const m = p + 1;
  const { blocks, maxNb, maxQ } = layoutOf(model);
  const loadings = model.reLoadings(par);
  const markov = model.corStruct?.markov;
  const phi = markov ? markov.phi(model.slice(par, 'corStruct')) : 0;
  const W = new Float64Array(maxNb * m); // W̃, column-major nb × m
  const U = new Float64Array(maxNb * maxQ); // Ũ, column-major nb × q
  const M = new Float64Array(maxQ * maxQ);
  const C = new Float64Array(maxQ * m); // ŨᵀW̃, then L_M⁻¹ŨᵀW̃
  let logDetV = 0;
  for (const { rows, prev, column, q } of blocks) {
    const nb = rows.length;
    U.fill(0, 0, nb * q);
    for (let a = 0; a < nb; a++) {
      const i = rows[a];
      const si = Math.exp(logW[i]);
      if (!(si > 0 && Number.isFinite(si))) return undefined;
      logDetV -= 2 * logW[i];
      // row a of Λ^{-1/2}: si·e_i, or (si·e_i − r·s_prev·e_prev)/√(1 − r²) after the row before it
      const h = prev[a];
      let r = 0;
      let f = 1;
      let sp = 0;
      if (h >= 0) {
        r = Math.pow(phi, markov!.t[i] - markov!.t[h]);
        const d = 1 - r * r;
        if (!(d > 0)) return undefined;
        logDetV += Math.log(d);
        f = 1 / Math.sqrt(d);
        sp = Math.exp(logW[h]);
      }
      for (let j = 0; j < p; j++) W[j * nb + a] = h >= 0 ? (X[j * n + i] * si - r * X[j * n + h] * sp) * f : X[j * n + i] * si;
      W[p * nb + a] = h >= 0 ? (y[i] * si - r * y[h] * sp) * f : y[i] * si;
      for (let l = 0; l < loadings.length; l++) {
        const { k, u } = loadings[l];
        const ci = column[l][a];
        const ch = h >= 0 ? column[l][a - 1] : -1;
        for (let c = 0; c < k; c++) {
          U[(ci + c) * nb + a] += u[i * k + c] * si * f;
          if (h >= 0) U[(ch + c) * nb + a] -= r * u[h * k + c] * sp * f;
        }
      }
    }
    // A += W̃ᵀW̃
    for (let j = 0; j < m; j++) {
      for (let k = j; k < m; k++) {
        let s = 0;
        for (let a = 0; a < nb; a++) s += W[j * nb + a] * W[k * nb + a];
        A[j * m + k] += s;
      }
    }
    // M = I + ŨᵀŨ (lower triangle), C = ŨᵀW̃
    for (let c = 0; c < q; c++) {
      for (let d = c; d < q; d++) {
        let s = c === d ? 1 : 0;
        for (let a = 0; a < nb; a++) s += U[c * nb + a] * U[d * nb + a];
        M[c * q + d] = s;
      }
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let a = 0; a < nb; a++) s += U[c * nb + a] * W[j * nb + a];
        C[j * q + c] = s;
      }
    }
    if (choleskyLowerInPlace(M, q) !== 0) return undefined;
    for (let c = 0; c < q; c++) logDetV += 2 * Math.log(M[c * q + c]);
    // C ← L_M⁻¹C column by column, then A −= CᵀC
    for (let j = 0; j < m; j++) {
      const cj = j * q;
      for (let c = 0; c < q; c++) {
        const x = (C[cj + c] /= M[c * q + c]);
        if (x !== 0) for (let d = c + 1; d < q; d++) C[cj + d] -= M[c * q + d] * x;
      }
    }
    for (let j = 0; j < m; j++) {
      for (let k = j; k < m; k++) {
        let s = 0;
        for (let c = 0; c < q; c++) s += C[j * q + c] * C[k * q + c];
        A[j * m + k] -= s;
      }
    }
  }
  return logDetV;
}
