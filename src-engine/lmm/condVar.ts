/**
 * Conditional covariances of the random effects, as lme4's ranef(condVar = TRUE)'s postVar: per level
 * σ² Λ_l [(L_θ L_θᵀ)⁻¹]_ll Λ_lᵀ (the SDs are the roots of its diagonal; predictions use the whole block). With L_θ = [L₁₁ 0; L₂₁ L₂₂] (block 0 first, the rest's random-effects
 * part second), the level-l diagonal block of (L_θL_θᵀ)⁻¹ is G_lᵀG_l + Y_lᵀY_l for block 0
 * (G_l = L₁₁[l]⁻¹, Y_l = L₂₂⁻¹ B_l G_l) and the matching block of L₂₂⁻ᵀL₂₂⁻¹ for the other blocks.
 * Skipped (returns undefined) when the dense inverse of L₂₂ would be too costly.
 */
import { lowerTriangularInverse } from '../linalg/triangularInverse';
import { type Crossproducts } from './crossproducts';
import { type ReBlock } from './reBlocks';
import { type Factorizer } from './updateL';

const MAX_DENSE_REST = 2500;

/**
 * `fz` must hold the complete factorization at θ̂ (factor(θ̂, true), as BlockFactor.solve reads it), `Bs`
 * the level rows that solve kept and `T` the templates at θ̂.
 */
export function conditionalVariances(cp: Crossproducts, blocks: readonly ReBlock[], fz: Factorizer, Bs: readonly Float64Array[], T: readonly Float64Array[], sigma: number): Float64Array[] | undefined {
  const { qRest, m } = cp;
  if (qRest > MAX_DENSE_REST) return undefined;
  const S0 = blocks[0].S;
  const L = fz.Lrr;
  const f = { T };

  // Linv = L₂₂⁻¹ (lower, column-major qRest × qRest)
  const q = qRest;
  const Linv = lowerTriangularInverse(L, q, m);

  const out = conditionalBlocks(blocks);
  const addScaled = (k: number, l: number, V: Float64Array) => setLevelBlock(out[k], blocks[k].S, l, f.T[k], (a, c) => V[c * blocks[k].S + a], sigma);

  // block 0
  const G = new Float64Array(S0 * S0);
  const V = new Float64Array(S0 * S0);
  for (let l = 0; l < blocks[0].nl; l++) {
    // G = L₁₁[l]⁻¹
    const o = l * S0 * S0;
    G.fill(0);
    for (let j = 0; j < S0; j++) {
      G[j * S0 + j] = 1 / fz.L11[o + j * S0 + j];
      for (let i = j + 1; i < S0; i++) {
        let s = 0;
        for (let k = j; k < i; k++) s -= fz.L11[o + k * S0 + i] * G[j * S0 + k];
        G[j * S0 + i] = s / fz.L11[o + i * S0 + i];
      }
    }
    for (let a = 0; a < S0; a++)
      for (let c = 0; c < S0; c++) {
        let s = 0;
        for (let r = 0; r < S0; r++) s += G[a * S0 + r] * G[c * S0 + r];
        V[c * S0 + a] = s;
      }
    const start = cp.patStart[l];
    const R = cp.patStart[l + 1] - start;
    let nre = 0;
    while (nre < R && cp.patRows[start + nre] < q) nre++;
    if (nre > 0) {
      const B = Bs[l];
      // BG = B'_l G (nre × S0), then Y = Linv[:, rows] BG (q × S0)
      const BG = new Float64Array(nre * S0);
      for (let c = 0; c < S0; c++)
        for (let r = 0; r < nre; r++) {
          let s = 0;
          for (let k = c; k < S0; k++) s += B[k * R + r] * G[c * S0 + k];
          BG[c * nre + r] = s;
        }
      const Y = new Float64Array(q * S0);
      for (let r = 0; r < nre; r++) {
        const row = cp.patRows[start + r];
        const col = row * q;
        for (let c = 0; c < S0; c++) {
          const bg = BG[c * nre + r];
          if (bg === 0) continue;
          for (let i = row; i < q; i++) Y[c * q + i] += Linv[col + i] * bg;
        }
      }
      for (let a = 0; a < S0; a++)
        for (let c = 0; c < S0; c++) {
          let s = 0;
          for (let i = 0; i < q; i++) s += Y[a * q + i] * Y[c * q + i];
          V[c * S0 + a] += s;
        }
    }
    addScaled(0, l, V);
  }

  // other blocks: blocks of Linvᵀ Linv
  for (let k = 1; k < blocks.length; k++) {
    const S = blocks[k].S;
    const Vk = new Float64Array(S * S);
    for (let l = 0; l < blocks[k].nl; l++) {
      const o = cp.restOffset[k] + l * S;
      for (let a = 0; a < S; a++)
        for (let c = 0; c < S; c++) {
          let s = 0;
          for (let i = o + Math.max(a, c); i < q; i++) s += Linv[(o + a) * q + i] * Linv[(o + c) * q + i];
          Vk[c * S + a] = s;
        }
      addScaled(k, l, Vk);
    }
  }
  return out;
}

/** Per block, nl column-major S×S covariance blocks. */
export function conditionalBlocks(blocks: readonly ReBlock[]): Float64Array[] {
  return blocks.map((b) => new Float64Array(b.nl * b.S * b.S));
}

/** Level l's block: σ² T V Tᵀ for V = [(L_θL_θᵀ)⁻¹]_ll (T lower triangular, column-major). */
export function setLevelBlock(out: Float64Array, S: number, l: number, T: Float64Array, V: (a: number, c: number) => number, sigma: number): void {
  const o = l * S * S;
  for (let r = 0; r < S; r++)
    for (let c = 0; c <= r; c++) {
      let s = 0;
      for (let a = 0; a <= r; a++) for (let b = 0; b <= c; b++) s += T[a * S + r] * V(a, b) * T[b * S + c];
      out[o + c * S + r] = sigma * sigma * s;
      out[o + r * S + c] = sigma * sigma * s;
    }
}

/** The conditional SDs (level-major) from the covariance blocks: the roots of their diagonals. */
export function conditionalSdsOf(condVar: readonly Float64Array[], blocks: readonly { readonly S: number }[]): Float64Array[] {
  return condVar.map((v, k) => {
    const S = blocks[k].S;
    const nl = v.length / (S * S);
    const out = new Float64Array(nl * S);
    for (let l = 0; l < nl; l++) for (let r = 0; r < S; r++) out[l * S + r] = Math.sqrt(Math.max(v[l * S * S + r * S + r], 0));
    return out;
  });
}

/** Σ_l C_l per block (the unscaled inverse's diagonal blocks summed) from the conditional covariance blocks T C_l Tᵀ (computed with σ = 1): T⁻¹ (Σ_l T C_l Tᵀ) T⁻ᵀ. */
function unscaledSums(blocks: readonly ReBlock[], T: readonly Float64Array[], cv: readonly Float64Array[]): Float64Array[] {
  return blocks.map((block, k) => {
    const S = block.S;
    const P = new Float64Array(S * S);
    for (let l = 0; l < block.nl; l++) for (let e = 0; e < S * S; e++) P[e] += cv[k][l * S * S + e];
    const G = lowerTriangularInverse(T[k], S, S);
    const sumC = new Float64Array(S * S);
    for (let r = 0; r < S; r++)
      for (let c = 0; c < S; c++) {
        let s = 0;
        for (let a = 0; a <= r; a++) for (let b = 0; b <= c; b++) s += G[a * S + r] * P[b * S + a] * G[b * S + c];
        sumC[c * S + r] = s;
      }
    return sumC;
  });
}

/**
 * Per block, Σ_l [(L_θL_θᵀ)⁻¹]_ll (column-major S×S) by the block-0 factorization, as the supernodal
 * one's inverseBlockSums(); `fz` must hold factor(θ, true). Undefined where conditionalVariances is.
 */
export function inverseBlockSums(cp: Crossproducts, blocks: readonly ReBlock[], fz: Factorizer, T: readonly Float64Array[]): Float64Array[] | undefined {
  const Bs = Array.from({ length: blocks[0].nl }, (_, l) => fz.levelRows(l));
  const cv = conditionalVariances(cp, blocks, fz, Bs, T, 1);
  return cv && unscaledSums(blocks, T, cv);
}
