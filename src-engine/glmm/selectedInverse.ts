/**
 * H⁻¹ = (L Lᵀ)⁻¹ for the random-effects system H = ΛᵀZᵀWZΛ + I, but only where an observation can
 * couple two random effects (the selected inverse): with L = [L₁₁ 0; L₂₁ L₂₂] (block 0's level
 * factors first, the rest's random effects second) and G_l = L₁₁[l]⁻¹, B_l = level l's rows of L₂₁,
 *   (H⁻¹)₂₂ = L₂₂⁻ᵀL₂₂⁻¹                      (dense: the rest is small where this is used)
 *   C_l = (H⁻¹)_{R_l, l} = −(H⁻¹)₂₂[R_l, R_l] B_l G_l   (level l's coupling rows R_l only)
 *   D_l = (H⁻¹)_{ll} = G_lᵀG_l − (B_l G_l)ᵀ C_l.
 * It also solves H x = b with the same pieces (solve). The factorizer must hold a factor(θ, true).
 */
import { carve } from '../linalg/packedViews';
import { choleskyInverse } from '../linalg/blockedInverse';
import { type Crossproducts } from '../lmm/crossproducts';
import { type Factorizer } from '../lmm/updateL';

/**
 * The arrays a SelectedInverse and its solve fill, kept by a caller that forms one per gradient
 * (laplaceGradient.ts): each is written where it is read at every use, and the rest of it — the upper
 * triangles of G, the rows of C and BG past a level's random effects — is never written, so stays 0.
 */
export interface SelectedInverseWork {
  readonly G: Float64Array;
  readonly D: Float64Array;
  readonly H22: Float64Array;
  readonly C: Float64Array;
  readonly BG: Float64Array;
  readonly nre: Int32Array;
  readonly x0: Float64Array;
  readonly x2: Float64Array;
  readonly rhs2: Float64Array;
  readonly t: Float64Array;
}

/** Fresh arrays for a SelectedInverse of block 0 (nl levels of S0) and a rest of cp.qRest, with B of length `bLength`. */
export function selectedInverseWork(cp: Crossproducts, S0: number, nl: number, bLength: number): SelectedInverseWork {
  const q = cp.qRest;
  const s2 = S0 * S0;
  return { ...carve({ G: nl * s2, D: nl * s2, H22: q * q, C: bLength, BG: bLength, x0: nl * S0, x2: q, rhs2: q, t: S0 }), nre: new Int32Array(nl) };
}

export class SelectedInverse {
  /** Per level of block 0, G_l = L₁₁[l]⁻¹ (S₀×S₀ column-major lower). */
  readonly G: Float64Array;
  /** Per level, D_l (S₀×S₀ column-major, full). */
  readonly D: Float64Array;
  /** (H⁻¹)₂₂ over the rest's random effects, q×q column-major, full. */
  readonly H22: Float64Array;
  /** Per level, C_l in B_l's layout (|R_l| × S₀ column-major at patStart[l]·S₀; rows past the random effects unused). */
  readonly C: Float64Array;
  /** Per level, how many of its pattern rows are random effects (the rest are X and y). */
  readonly nre: Int32Array;

  /** Where solve() writes (fresh for each SelectedInverse unless `work` is given). */
  private readonly work: SelectedInverseWork;

  /** `work`: arrays from selectedInverseWork for these sizes, reused (this object and its solve overwrite them). */
  constructor(
    readonly cp: Crossproducts,
    readonly S0: number,
    readonly nl: number,
    private readonly B: Float64Array,
    fz: Factorizer,
    work: SelectedInverseWork = selectedInverseWork(cp, S0, nl, B.length),
  ) {
    const { qRest: q, m, patStart, patRows } = cp;
    const s2 = S0 * S0;
    this.work = work;
    this.G = work.G;
    this.D = work.D;
    for (let l = 0; l < nl; l++) invertLower(fz.L11, l * s2, S0, this.G);
    const H22 = (this.H22 = work.H22);
    choleskyInverse(fz.Lrr, q, m, H22);
    this.C = work.C;
    // B_l G_l per level, in B's layout
    const BG = work.BG;
    this.nre = work.nre;
    const { G, D, C } = this;
    for (let l = 0; l < nl; l++) {
      const start = patStart[l];
      const R = patStart[l + 1] - start;
      let nre = 0;
      while (nre < R && patRows[start + nre] < q) nre++;
      this.nre[l] = nre;
      const o = start * S0;
      const g = l * s2;
      for (let c = 0; c < S0; c++)
        for (let r = 0; r < nre; r++) {
          let s = 0;
          for (let t = c; t < S0; t++) s += B[o + t * R + r] * G[g + c * S0 + t];
          BG[o + c * R + r] = s;
        }
      for (let c = 0; c < S0; c++)
        for (let r = 0; r < nre; r++) {
          const col = patRows[start + r] * q;
          let s = 0;
          for (let t = 0; t < nre; t++) s += H22[col + patRows[start + t]] * BG[o + c * R + t];
          C[o + c * R + r] = -s;
        }
      for (let a = 0; a < S0; a++)
        for (let c = 0; c < S0; c++) {
          let s = 0;
          for (let t = Math.max(a, c); t < S0; t++) s += G[g + a * S0 + t] * G[g + c * S0 + t];
          for (let r = 0; r < nre; r++) s -= BG[o + a * R + r] * C[o + c * R + r];
          D[g + c * S0 + a] = s;
        }
    }
  }

  /** x = H⁻¹ b for b = (block 0 level-major, then the rest's random effects); b is left unchanged; x is overwritten by the next solve. */
  solve(b0: Float64Array, b2: Float64Array): { x0: Float64Array; x2: Float64Array } {
    const { S0, nl, G, B, H22 } = this;
    const { qRest: q, patStart, patRows } = this.cp;
    const { x0, x2, rhs2, t } = this.work;
    rhs2.set(b2);
    // forward: x0_l = G_l b0_l, then b2 − Σ_l B_l x0_l
    for (let l = 0; l < nl; l++) {
      const g = l * S0 * S0;
      for (let r = 0; r < S0; r++) {
        let s = 0;
        for (let c = 0; c <= r; c++) s += G[g + c * S0 + r] * b0[l * S0 + c];
        x0[l * S0 + r] = s;
      }
      const start = patStart[l];
      const R = patStart[l + 1] - start;
      const o = start * S0;
      for (let r = 0; r < this.nre[l]; r++) {
        let s = 0;
        for (let c = 0; c < S0; c++) s += B[o + c * R + r] * x0[l * S0 + c];
        rhs2[patRows[start + r]] -= s;
      }
    }
    // the rest: (L₂₂L₂₂ᵀ)⁻¹ = (H⁻¹)₂₂
    x2.fill(0);
    for (let j = 0; j < q; j++) {
      const v = rhs2[j];
      if (v === 0) continue;
      for (let i = 0; i < q; i++) x2[i] += H22[j * q + i] * v;
    }
    // backward: x0_l = G_lᵀ (x0_l − B_lᵀ x2)
    for (let l = 0; l < nl; l++) {
      const start = patStart[l];
      const R = patStart[l + 1] - start;
      const o = start * S0;
      for (let c = 0; c < S0; c++) {
        let s = x0[l * S0 + c];
        for (let r = 0; r < this.nre[l]; r++) s -= B[o + c * R + r] * x2[patRows[start + r]];
        t[c] = s;
      }
      const g = l * S0 * S0;
      for (let c = 0; c < S0; c++) {
        let s = 0;
        for (let r = c; r < S0; r++) s += G[g + c * S0 + r] * t[r];
        x0[l * S0 + c] = s;
      }
    }
    return { x0, x2 };
  }
}

/** The inverse of the S×S lower-triangular block of L at offset o (column-major) into out at o. */
function invertLower(L: Float64Array, o: number, S: number, out: Float64Array): void {
  for (let j = 0; j < S; j++) {
    out[o + j * S + j] = 1 / L[o + j * S + j];
    for (let i = j + 1; i < S; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= L[o + k * S + i] * out[o + j * S + k];
      out[o + j * S + i] = s / L[o + i * S + i];
    }
  }
}
