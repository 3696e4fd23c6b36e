/**
 * The objective's factorization of the rest block when it has a diagonal head (block 0 nested in a
 * scalar block 1, see Factorizer.findDiagonalHead) and block 0's products are grouped (GroupedGram).
 *
 * With rest indices j < d the head (block 1, scale t₁) and a ≥ d the tail (other blocks, X, y; scale s_a):
 *   D_j  = M_jj = t₁² (A_jj − Σ_g c_g W_g,jj) + 1
 *   M_aj = s_a t₁ (A_aj − Σ_g c_g W_g,aj)
 * and eliminating the head leaves the Schur complement
 *   S_ab = M_ab − s_a s_b t₁² Σ_j (A_aj − Σ_g c_g W_g,aj)(A_bj − Σ_h c_h W_h,bj) / D_j .
 * D_j depends on θ only through (A_jj, W_1,jj, …, W_G,jj), which is the same for every level of a
 * balanced design (ham: every consumer has 8 ratings). Levels are grouped into classes κ by that key, and
 * with u_j = (A_·j, W_1,·j, …, W_G,·j) over the tail the sum becomes
 *   Σ_κ (t₁²/D_κ) Σ_{g,h} γ_g γ_h Γ_κ[g-block a, h-block b],   Γ_κ = Σ_{j∈κ} u_j u_jᵀ,  γ = (1, −c_1, …, −c_G),
 * so an evaluation costs K(1+G)² tail-sized products instead of d (ham: 4·153 instead of 81·153 plus the
 * head's 1,377 cross entries). log|D| = Σ_κ n_κ log D_κ. The head columns of L are not formed: the solve
 * and the conditional variances use the full factorization (Factorizer.factor(θ, true)).
 */
import { getCholeskyBackend } from '../linalg/denseCholesky';
import { type GroupedGram } from '../linalg/groupedGram';
import { scratchKernel } from '../linalg/wasmCholesky';
import { type Crossproducts } from './crossproducts';

/** From this many products (head columns × L²) Γ's sums go through the Cholesky module (its first use costs ≈ 1 ms). */
const KERNEL_MIN_PRODUCTS = 32768;

/**
 * Γ[o + c·L + r] += u_r u_c for r ≥ c, skipping u_c = 0: the lower triangle only, since Γ's entries (r, c) and
 * (c, r) add the same products in the same order (the ones skipped in one but not the other are ±0, which
 * leave a sum from +0 unchanged). The kernel's syrLower does the same sums.
 */
export function addLowerProducts(gamma: Float64Array, o: number, u: Float64Array, L: number): void {
  for (let c = 0; c < L; c++) {
    const uc = u[c];
    if (uc === 0) continue;
    for (let r = c; r < L; r++) gamma[o + c * L + r] += u[r] * uc;
  }
}

export class HeadSchur {
  /** Number of classes K. */
  readonly classes: number;
  private readonly G: number;
  private readonly t: number;
  /** Per class: n_κ, A_jj, and W_g,jj at κ·G + g. */
  private readonly size: Float64Array;
  private readonly keyA: Float64Array;
  private readonly keyW: Float64Array;
  /** Per class: Γ_κ, (t(1+G))² column-major, at κ·L². */
  private readonly gamma: Float64Array;
  /** Scratch: γ = (1, −c_1, …, −c_G). */
  private readonly gammaWeights: Float64Array;
  /** Σ_κ n_κ log D_κ of the last update. */
  headLogDet = 0;

  private constructor(classes: number, G: number, t: number, size: Float64Array, keyA: Float64Array, keyW: Float64Array, gamma: Float64Array) {
    this.classes = classes;
    this.G = G;
    this.t = t;
    this.size = size;
    this.keyA = keyA;
    this.keyW = keyW;
    this.gamma = gamma;
    this.gammaWeights = new Float64Array(G + 1);
  }

  /** The class structure of the head, or undefined when it would not save work (too many classes). */
  static build(cp: Crossproducts, gram: GroupedGram, d: number): HeadSchur | undefined {
    const { m, Arr } = cp;
    const G = gram.groupKey.length;
    const t = m - d;
    const L = t * (1 + G);
    const w = new Float64Array(G);
    const classOf = new Map<string, number>();
    const members: number[][] = [];
    const keys: Float64Array[] = [];
    for (let j = 0; j < d; j++) {
      gram.valuesAt(j, j, w);
      const key = Float64Array.of(Arr[j * m + j], ...w);
      const text = key.join(',');
      let k = classOf.get(text);
      if (k === undefined) {
        k = members.length;
        if ((k + 1) * (1 + G) * (1 + G) * 2 > d) return undefined; // not cheaper than eliminating the head
        classOf.set(text, k);
        members.push([]);
        keys.push(key);
      }
      members[k].push(j);
    }
    const K = members.length;
    const size = Float64Array.from(members, (js) => js.length);
    const keyA = Float64Array.from(keys, (key) => key[0]);
    const keyW = new Float64Array(K * G);
    keys.forEach((key, k) => keyW.set(key.subarray(1), k * G));
    // Γ_κ's sums in the kernel (syrLower) when there are enough of them to pay for its first use
    const scratch = d * L * L >= KERNEL_MIN_PRODUCTS && getCholeskyBackend() === 'auto' ? scratchKernel(8 * (K * L * L + L)) : undefined;
    const gamma = scratch ? new Float64Array(scratch.kernel.buffer, scratch.at, K * L * L).fill(0) : new Float64Array(K * L * L);
    const u = scratch ? new Float64Array(scratch.kernel.buffer, scratch.at + 8 * K * L * L, L) : new Float64Array(L);
    for (let k = 0; k < K; k++) {
      const o = k * L * L;
      for (const j of members[k]) {
        for (let a = 0; a < t; a++) {
          u[a] = Arr[j * m + d + a];
          gram.valuesAt(d + a, j, w);
          for (let g = 0; g < G; g++) u[(1 + g) * t + a] = w[g];
        }
        if (scratch) scratch.kernel.syrLower(scratch.at + 8 * o, scratch.at + 8 * K * L * L, L);
        else addLowerProducts(gamma, o, u, L);
      }
      for (let c = 0; c < L; c++) for (let r = c + 1; r < L; r++) gamma[o + r * L + c] = gamma[o + c * L + r];
    }
    return new HeadSchur(K, G, t, size, keyA, keyW, scratch ? gamma.slice() : gamma);
  }

  /** The class tables, for the kernel that does update() in wasm (wasmHeadTail.ts): read only. */
  tables(): { G: number; t: number; size: Float64Array; keyA: Float64Array; keyW: Float64Array; gamma: Float64Array } {
    return { G: this.G, t: this.t, size: this.size, keyA: this.keyA, keyW: this.keyW, gamma: this.gamma };
  }

  /**
   * Subtract the head's contribution from the tail of M (rows/columns d…m−1, lower triangle, column-major
   * with leading dimension m), given the group weights c, the head scale t₁ and the row scales s.
   * False when a head pivot D_κ is not positive.
   */
  update(M: Float64Array, m: number, d: number, c: Float64Array, t1: number, s: Float64Array): boolean {
    const { G, t, gammaWeights: gam } = this;
    const L = t * (1 + G);
    gam[0] = 1;
    for (let g = 0; g < G; g++) gam[1 + g] = -c[g];
    let logDet = 0;
    for (let k = 0; k < this.classes; k++) {
      let inner = this.keyA[k];
      for (let g = 0; g < G; g++) inner -= c[g] * this.keyW[k * G + g];
      const D = t1 * t1 * inner + 1;
      if (!(D > 0)) return false;
      logDet += this.size[k] * Math.log(D);
      const w = (t1 * t1) / D;
      const o = k * L * L;
      for (let a = 0; a < t; a++) {
        const col = (d + a) * m + d;
        const sa = s[d + a] * w;
        for (let b = a; b < t; b++) {
          let v = 0;
          for (let h = 0; h <= G; h++) {
            const base = o + (h * t + b) * L + a;
            let inner2 = 0;
            for (let g = 0; g <= G; g++) inner2 += gam[g] * this.gamma[base + g * t];
            v += gam[h] * inner2;
          }
          M[col + b] -= sa * s[d + b] * v;
        }
      }
    }
    this.headLogDet = logDet;
    return true;
  }
}
