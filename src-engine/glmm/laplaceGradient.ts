/**
 * The exact gradient of glmer's Laplace objective in (θ, β),
 *   D(θ, β) = Σ devres(μ̃) + ‖ũ‖² + log|H| + const,   H = ΛᵀZᵀWZΛ + I at the modes ũ(θ, β),
 * for the canonical links binomial-logit and Poisson-log. There the observed and the expected
 * information agree, so the Hessian of the penalized deviance g(u) = Σ devres + ‖u‖² is 2H and the
 * modes' movement dũ/dφ = −(2H)⁻¹ ∂(∇ᵤg)/∂φ is a solve with the factor PIRLS already left.
 *
 * dD/dφ = ∂g/∂φ at fixed u (∇ᵤg = 0 at the modes) + tr(H⁻¹ dH/dφ), where W depends on η̃ and η̃ on φ
 * directly and through ũ. Per observation i, with sᵢ = ∂devresᵢ/∂η, Wᵢ, W′ᵢ = dWᵢ/dη and vᵢ = (ZΛ)ᵢ:
 *   hᵢ = vᵢ H⁻¹ vᵢᵀ,   cᵢ = H⁻¹ vᵢᵀ on i's own random effects,
 *   λ = ½ H⁻¹ ΛᵀZᵀ(W′∘h) (the adjoint of the modes' movement),   ζ = ZΛλ,
 *   rᵢ = sᵢ + W′ᵢ hᵢ − 2Wᵢ ζᵢ;
 *   dD/dβ = Xᵀr,
 *   dD/dθ for template entry (a, b) of block k = Σᵢ zᵢₖ[a] (rᵢ ũₖ[b] + 2Wᵢ cᵢₖ[b] − sᵢ λₖ[b])
 * (ũₖ, λₖ at i's level of block k). H⁻¹ is needed only where one observation couples two random
 * effects: selectedInverse.ts. One gradient costs about one PIRLS iteration plus a dense inverse of
 * the rest's factor, so it is offered only while that rest is small (MAX_REST).
 */
import { type MixedDesign } from '../design/mixedDesign';
import { carve } from '../linalg/packedViews';
import { type Crossproducts } from '../lmm/crossproducts';
import { type ReBlock, templatesFromTheta } from '../lmm/reBlocks';
import { type Factorizer } from '../lmm/updateL';
import { type Family, type GlmResponse } from './family';
import { type PirlsResult } from './pirls';
import { SelectedInverse, type SelectedInverseWork, selectedInverseWork } from './selectedInverse';

/** The largest rest (random effects outside block 0) whose dense inverse a gradient may form: q³/3 ≈ 2e7 flops. */
export const MAX_REST = 400;

/** Whether the exact gradient applies: a canonical link of binomial or Poisson. */
export function hasLaplaceGradient(family: Family): boolean {
  const key = `${family.name}/${family.link.name}`;
  return key === 'binomial/logit' || key === 'poisson/log';
}

export class LaplaceGradient {
  /** For observation i and its e-th rest coordinate (blocks 1.., S_k each), the row's position in R_{l₀(i)}. */
  private readonly pos: Int32Array;
  /** For observation i and its e-th rest coordinate, the rest row itself. */
  private readonly restRows: Int32Array;
  /** Random-effect coordinates per observation outside block 0: Σ_{k≥1} S_k. */
  private readonly eRest: number;
  private readonly binomial: boolean;
  /**
   * Working arrays of one gradient (their sizes depend only on the design), kept between calls: a
   * unit's fit asks for dozens of gradients, and a fresh typed array costs more than its small loops.
   */
  private readonly scratch: { s: Float64Array; W: Float64Array; h: Float64Array; V: Float64Array; Cv: Float64Array; g0: Float64Array; g2: Float64Array; Wp: Float64Array; res: Float64Array };

  /** The selected inverse's arrays, kept between gradients too (formed at the first). */
  private invWork: SelectedInverseWork | undefined;

  constructor(
    private readonly design: MixedDesign,
    private readonly blocks: readonly ReBlock[],
    private readonly cp: Crossproducts,
    family: Family,
    private readonly resp: GlmResponse,
  ) {
    this.binomial = family.name === 'binomial';
    const n = design.n;
    this.eRest = blocks.slice(1).reduce((s, b) => s + b.S, 0);
    this.pos = new Int32Array(n * this.eRest);
    this.restRows = new Int32Array(n * this.eRest);
    const { patStart, patRows, restOffset } = cp;
    const b0 = blocks[0];
    for (let i = 0; i < n; i++) {
      const l0 = b0.refs[i];
      let e = 0;
      for (let k = 1; k < blocks.length; k++) {
        const b = blocks[k];
        for (let a = 0; a < b.S; a++) {
          const row = restOffset[k] + b.refs[i] * b.S + a;
          this.restRows[i * this.eRest + e] = row;
          this.pos[i * this.eRest + e++] = findRow(patRows, patStart[l0], patStart[l0 + 1], row) - patStart[l0];
        }
      }
    }
    const ne = n * (b0.S + this.eRest);
    this.scratch = carve({ s: n, W: n, h: n, V: ne, Cv: ne, g0: b0.nl * b0.S, g2: cp.qRest, Wp: n, res: n });
  }

  /**
   * dD/d(θ, β) at a PIRLS result for (θ, β) whose factorization `fz` still holds (the last solve of
   * the u-only system). Length nθ + p.
   */
  // eslint-disable-next-line max-lines-per-function -- one pass over the observations and one over the levels; split, each part would re-read the per-level arrays
  gradient(theta: Float64Array | readonly number[], nTheta: number, r: PirlsResult, fz: Factorizer): Float64Array {
    const { design, blocks, cp, resp, eRest, pos } = this;
    const { n, p, X } = design;
    const b0 = blocks[0];
    const S0 = b0.S;
    const q = cp.qRest;
    const T = templatesFromTheta(blocks, theta);
    const B = fz.levelRows(0, b0.nl);
    if (this.invWork?.C.length !== B.length) this.invWork = selectedInverseWork(cp, S0, b0.nl, B.length);
    const inv = new SelectedInverse(cp, S0, b0.nl, B, fz, this.invWork);
    const { D, C, H22 } = inv;
    const { patStart, restOffset } = cp;

    // per observation: s, W, W′ (canonical links), v = (ZΛ)ᵢ on its e = S₀ + eRest coordinates, c = H⁻¹vᵢᵀ there, h = v·c
    const e = S0 + eRest;
    // every element of s, W, h, V, Cv, W′ and r is written below before it is read; g0 and g2 are sums
    const { s, W, h, V, Cv, g0, g2, Wp, res } = this.scratch;
    g0.fill(0);
    g2.fill(0);
    const { y, weights } = resp;
    for (let i = 0; i < n; i++) {
      const mu = r.mu[i];
      s[i] = -2 * weights[i] * (y[i] - mu);
      W[i] = this.binomial ? weights[i] * mu * (1 - mu) : weights[i] * mu;
      // v on block 0, then the rest blocks: (zᵢₖᵀ T_k)_b = Σ_{a ≥ b} z[a] T[b, a]… with T lower: T[b·S + a]
      let o = i * e;
      for (let k = 0; k < blocks.length; k++) {
        const b = blocks[k];
        const Tk = T[k];
        for (let bb = 0; bb < b.S; bb++) {
          let v = 0;
          for (let a = bb; a < b.S; a++) v += b.z[i * b.S + a] * Tk[bb * b.S + a];
          V[o + bb] = v;
        }
        o += b.S;
      }
    }
    const rows = this.restRows;
    for (let i = 0; i < n; i++) {
      const l0 = b0.refs[i];
      const R = patStart[l0 + 1] - patStart[l0];
      const co = patStart[l0] * S0;
      const d0 = l0 * S0 * S0;
      const o = i * e;
      const pr = i * eRest;
      let hi = 0;
      // block 0's coordinates: D_l₀ with block 0, C_l₀ with the rest
      for (let x = 0; x < S0; x++) {
        let acc = 0;
        for (let yy = 0; yy < S0; yy++) acc += D[d0 + yy * S0 + x] * V[o + yy];
        for (let yy = 0; yy < eRest; yy++) acc += C[co + x * R + pos[pr + yy]] * V[o + S0 + yy];
        Cv[o + x] = acc;
        hi += V[o + x] * acc;
      }
      // the rest's coordinates: C_l₀ with block 0, (H⁻¹)₂₂ with the rest
      for (let x = 0; x < eRest; x++) {
        const px = pos[pr + x];
        const col = rows[pr + x];
        let acc = 0;
        for (let yy = 0; yy < S0; yy++) acc += C[co + yy * R + px] * V[o + yy];
        for (let yy = 0; yy < eRest; yy++) acc += H22[rows[pr + yy] * q + col] * V[o + S0 + yy];
        Cv[o + S0 + x] = acc;
        hi += V[o + S0 + x] * acc;
      }
      h[i] = hi;
    }

    // λ = ½ H⁻¹ ΛᵀZᵀ(W′∘h), with W′ = W(1 − 2μ) (binomial) or W (Poisson)
    for (let i = 0; i < n; i++) {
      Wp[i] = this.binomial ? W[i] * (1 - 2 * r.mu[i]) : W[i];
      const a = Wp[i] * h[i];
      if (a === 0) continue;
      let o = i * e;
      for (let k = 0; k < blocks.length; k++) {
        const b = blocks[k];
        const base = b.refs[i] * b.S;
        if (k === 0) for (let bb = 0; bb < b.S; bb++) g0[base + bb] += a * V[o + bb];
        else for (let bb = 0; bb < b.S; bb++) g2[restOffset[k] + base + bb] += a * V[o + bb];
        o += b.S;
      }
    }
    const { x0, x2 } = inv.solve(g0, g2);
    for (let j = 0; j < x0.length; j++) x0[j] *= 0.5;
    for (let j = 0; j < x2.length; j++) x2[j] *= 0.5;
    /** λ per block k, and where block k's levels start in it. */
    const lam = (k: number) => (k === 0 ? x0 : x2);
    const lamOff = (k: number) => (k === 0 ? 0 : restOffset[k]);

    // r = s + W′h − 2Wζ, ζ = ZΛλ
    for (let i = 0; i < n; i++) {
      let zeta = 0;
      let o = i * e;
      for (let k = 0; k < blocks.length; k++) {
        const b = blocks[k];
        const lk = lam(k);
        const base = lamOff(k) + b.refs[i] * b.S;
        for (let bb = 0; bb < b.S; bb++) zeta += V[o + bb] * lk[base + bb];
        o += b.S;
      }
      res[i] = s[i] + Wp[i] * h[i] - 2 * W[i] * zeta;
    }

    const grad = new Float64Array(nTheta + p);
    for (let j = 0; j < p; j++) {
      let acc = 0;
      const o = j * n;
      for (let i = 0; i < n; i++) acc += X[o + i] * res[i];
      grad[nTheta + j] = acc;
    }
    let off = 0;
    for (let k = 0; k < blocks.length; k++) {
      const b = blocks[k];
      const S = b.S;
      const uk = r.u[k];
      const lk = lam(k);
      const lo = lamOff(k);
      for (let t = 0; t < b.thetaIndex.length; t++) {
        const a = b.lambdaRows[t];
        const bb = b.lambdaCols[t];
        let acc = 0;
        for (let i = 0; i < n; i++) {
          const za = b.z[i * S + a];
          if (za === 0) continue;
          const idx = b.refs[i] * S + bb;
          acc += za * (res[i] * uk[idx] + 2 * W[i] * Cv[i * e + off + bb] - s[i] * lk[lo + idx]);
        }
        grad[b.thetaIndex[t]] += acc;
      }
      off += S;
    }
    return grad;
  }
}

/** Index of `row` in the sorted patRows[lo, hi). */
function findRow(rows: Int32Array, lo: number, hi: number, row: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid] < row) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
