/**
 * H = Zᵀ W Z + blockdiag(Σₜ⁻¹ per level) for random-effect terms with k effects per level (k = 1 for
 * (1 | g), 2 for (x | g), …), stored as TMB's sparse Hessian would let it be factored: the levels of
 * one term (the one with the most levels) form a block-diagonal D of k×k blocks, since each
 * observation has exactly one of them; the other terms' effects ("the rest", q₂ of them) a dense block
 * R; and the coupling C between the two is sparse (a level of the first term meets only the rest
 * effects its observations have). With H = [D C; Cᵀ R], eliminating D leaves the Schur complement
 * S = R − Cᵀ D⁻¹ C, so a factorization costs n₀ k³ + O(q₂³) instead of O(q³) (q₂ = 0 for one term), and
 *   log det H = Σ log det Dₗ + log det S,
 *   H⁻¹ = [D⁻¹ + D⁻¹ C S⁻¹ Cᵀ D⁻¹, −D⁻¹ C S⁻¹; ·, S⁻¹],
 * of which the gradient needs only the selected entries: the diagonal blocks and the pairs one
 * observation couples (zᵢ H⁻¹ zᵢᵀ).
 * Terms may enter the conditional predictor η or the zero-inflation predictor ζ (their channel); an
 * observation's weight is then the 2×2 −∇²ℓ in (η, ζ), and the pair of channels picks its entry.
 * Layout: D, its factor and its inverse as n₀ row-major k₀×k₀ blocks; C, its solved form M = Lₗ⁻¹ Cₗ
 * and H⁻¹ at C's pattern as k₀ numbers per stored rest column.
 */
import { backSolveLowerTranspose, choleskyLowerInPlace, forwardSolveLower } from '../linalg/denseCholesky';
import { lowerTriangularInverse } from '../linalg/triangularInverse';
import { type TmbReTerm } from './laplace';

export class ReHessian {
  /** the term whose levels form the block-diagonal D, its effects per level and levels */
  private readonly t0: number;
  private readonly k0: number;
  private readonly off0: number;
  private readonly n0: number;
  /** the rest's global index j maps to restOf[j] (−1 for t0's) */
  private readonly restOf: Int32Array;
  private readonly q2: number;
  /** C in rows per level of t0: the rest (local) index of each stored column, rows at rowStart[l] */
  private readonly rowStart: Int32Array;
  private readonly cols: Int32Array;
  /** per observation and term u ≠ t0, the column of (its t0 level, its u level's first effect) in C (−1 for t0) */
  private readonly slot: Int32Array;
  private readonly D: Float64Array;
  private readonly C: Float64Array;
  private readonly R: Float64Array;
  /** after factor(): Lₗ (lower Cholesky of Dₗ + damping), M = Lₗ⁻¹ Cₗ, and the lower factor of S */
  private readonly Dl: Float64Array;
  private readonly M: Float64Array;
  private readonly S: Float64Array;
  /** selected inverse after invert(): H⁻¹'s k₀×k₀ blocks of t0, and at C's pattern */
  private readonly invD: Float64Array;
  private readonly invC: Float64Array;
  private Sinv: Float64Array = new Float64Array(0);

  constructor(private readonly terms: readonly TmbReTerm[], private readonly q: number, n: number) {
    let t0 = 0;
    terms.forEach((t, k) => { if (t.nLevels > terms[t0].nLevels) t0 = k; });
    this.t0 = t0;
    const k0 = (this.k0 = terms[t0].k);
    this.off0 = terms[t0].offset;
    this.n0 = terms[t0].nLevels;
    this.restOf = new Int32Array(q).fill(-1);
    let r = 0;
    terms.forEach((t, k) => { if (k !== t0) for (let j = 0; j < t.nLevels * t.k; j++) this.restOf[t.offset + j] = r++; });
    this.q2 = r;
    // C's pattern: for each t0 level, the sorted rest effects its observations meet (a level's k
    // effects are consecutive rest indices, so they stay consecutive columns)
    const seen = Array.from({ length: this.n0 }, () => new Set<number>());
    const nt = terms.length;
    for (let i = 0; i < n; i++) {
      const l = this.level0(i);
      terms.forEach((t, k) => { if (k !== t0) for (let c = 0; c < t.k; c++) seen[l].add(this.restOf[t.index[i] + c]); });
    }
    this.rowStart = new Int32Array(this.n0 + 1);
    const rows = seen.map((s) => Int32Array.from([...s].sort((a, b) => a - b)));
    rows.forEach((row, l) => { this.rowStart[l + 1] = this.rowStart[l] + row.length; });
    this.cols = new Int32Array(this.rowStart[this.n0]);
    rows.forEach((row, l) => this.cols.set(row, this.rowStart[l]));
    this.slot = new Int32Array(n * nt).fill(-1);
    for (let i = 0; i < n; i++) {
      const l = this.level0(i);
      terms.forEach((t, k) => {
        if (k === t0) return;
        const c = this.restOf[t.index[i]];
        let s = this.rowStart[l];
        while (this.cols[s] !== c) s++;
        this.slot[i * nt + k] = s;
      });
    }
    const kk = k0 * k0;
    this.D = new Float64Array(this.n0 * kk);
    this.Dl = new Float64Array(this.n0 * kk);
    this.invD = new Float64Array(this.n0 * kk);
    this.C = new Float64Array(this.cols.length * k0);
    this.M = new Float64Array(this.cols.length * k0);
    this.invC = new Float64Array(this.cols.length * k0);
    this.R = new Float64Array(this.q2 * this.q2);
    this.S = new Float64Array(this.q2 * this.q2);
  }

  private level0(i: number): number {
    return (this.terms[this.t0].index[i] - this.off0) / this.k0;
  }

  /** the observation's weights by the channels of a pair of terms (η–η, η–ζ, ζ–ζ), indexed by the sum of their channels */
  private readonly W = new Float64Array(3);

  /** Starts H = blockdiag(prec[t] per level of term t) (prec[t] row-major kₜ×kₜ). */
  reset(prec: readonly Float64Array[]): void {
    const { terms, t0, k0, q2, restOf } = this;
    this.C.fill(0);
    this.R.fill(0);
    for (let l = 0; l < this.n0; l++) this.D.set(prec[t0], l * k0 * k0);
    terms.forEach((t, u) => {
      if (u === t0) return;
      for (let l = 0; l < t.nLevels; l++) {
        const r = restOf[t.offset + l * t.k];
        for (let a = 0; a < t.k; a++) for (let b = 0; b < t.k; b++) this.R[(r + a) * q2 + r + b] = prec[u][a * t.k + b];
      }
    });
  }

  /**
   * H += z̃ᵢᵀ Wᵢ z̃ᵢ for observation i, z̃ᵢ its rows of Z in the conditional (η) and zero-inflation (ζ)
   * predictors and Wᵢ = −∇²ℓᵢ in (η, ζ): wee = −ℓ_ηη, wez = −ℓ_ηζ, wzz = −ℓ_ζζ (the last two matter
   * only with random effects in the zero-inflation formula).
   */
  addObservation(i: number, wee: number, wez = 0, wzz = 0): void {
    const { terms, t0, k0, restOf, q2, D, C, R, W } = this;
    W[0] = wee; W[1] = wez; W[2] = wzz;
    const nt = terms.length;
    const T0 = terms[t0];
    const zo = i * k0;
    const dOff = this.level0(i) * k0 * k0;
    const w = W[2 * T0.channel];
    for (let a = 0; a < k0; a++) {
      const wa = w * T0.z[zo + a];
      for (let b = 0; b < k0; b++) D[dOff + a * k0 + b] += wa * T0.z[zo + b];
    }
    for (let u = 0; u < nt; u++) {
      if (u === t0) continue;
      const t = terms[u];
      const s = this.slot[i * nt + u];
      for (let c = 0; c < t.k; c++) {
        const z = t.z[i * t.k + c];
        const wz = W[T0.channel + t.channel] * z;
        for (let a = 0; a < k0; a++) C[(s + c) * k0 + a] += wz * T0.z[zo + a];
        const row = (restOf[t.index[i]] + c) * q2;
        for (let m = 0; m < nt; m++) {
          if (m === t0) continue;
          const tm = terms[m];
          const r = restOf[tm.index[i]];
          const wm = W[t.channel + tm.channel] * z;
          for (let d = 0; d < tm.k; d++) R[row + r + d] += wm * tm.z[i * tm.k + d];
        }
      }
    }
  }

  /** Factors H + damping·I; false when it is not positive definite. */
  factor(damping: number): boolean {
    const { n0, k0, q2, rowStart, cols, C, M, S, Dl } = this;
    const kk = k0 * k0;
    for (let l = 0; l < n0; l++) {
      if (!choleskyBlock(this.D, Dl, l * kk, k0, damping)) return false;
      // M = Lₗ⁻¹ Cₗ, column by column
      for (let s = rowStart[l]; s < rowStart[l + 1]; s++) forwardBlock(Dl, l * kk, k0, C, M, s * k0);
    }
    S.set(this.R);
    for (let r = 0; r < q2; r++) S[r * q2 + r] += damping;
    for (let l = 0; l < n0; l++)
      for (let s = rowStart[l]; s < rowStart[l + 1]; s++)
        for (let u = rowStart[l]; u < rowStart[l + 1]; u++) {
          let v = 0;
          for (let a = 0; a < k0; a++) v += M[s * k0 + a] * M[u * k0 + a];
          S[cols[s] * q2 + cols[u]] -= v;
        }
    return q2 === 0 || choleskyLowerInPlace(S, q2) === 0;
  }

  /** x = H⁻¹ g (global order) after factor(). */
  solve(g: Float64Array): Float64Array {
    const { n0, k0, q2, rowStart, cols, M, S, Dl, off0, restOf } = this;
    const kk = k0 * k0;
    const x2 = new Float64Array(q2);
    for (let j = 0; j < this.q; j++) if (restOf[j] >= 0) x2[restOf[j]] = g[j];
    // y = Lₗ⁻¹ g₁ₗ; x₂ = g₂ − Σ Mᵀ y
    const y = new Float64Array(n0 * k0);
    for (let l = 0; l < n0; l++) {
      forwardBlock(Dl, l * kk, k0, g, y, l * k0, off0 + l * k0);
      for (let s = rowStart[l]; s < rowStart[l + 1]; s++) {
        let v = 0;
        for (let a = 0; a < k0; a++) v += M[s * k0 + a] * y[l * k0 + a];
        x2[cols[s]] -= v;
      }
    }
    if (q2 > 0) {
      forwardSolveLower(S, q2, x2);
      backSolveLowerTranspose(S, q2, x2);
    }
    const x = new Float64Array(this.q);
    for (let j = 0; j < this.q; j++) if (restOf[j] >= 0) x[j] = x2[restOf[j]];
    // x₁ₗ = Lₗ⁻ᵀ (y − M x₂)
    for (let l = 0; l < n0; l++) {
      for (let s = rowStart[l]; s < rowStart[l + 1]; s++)
        for (let a = 0; a < k0; a++) y[l * k0 + a] -= M[s * k0 + a] * x2[cols[s]];
      backBlock(Dl, l * kk, k0, y, l * k0);
      for (let a = 0; a < k0; a++) x[off0 + l * k0 + a] = y[l * k0 + a];
    }
    return x;
  }

  /** ½ log det H after factor(). */
  halfLogDet(): number {
    const { n0, k0 } = this;
    let s = 0;
    for (let l = 0; l < n0; l++) for (let a = 0; a < k0; a++) s += Math.log(this.Dl[l * k0 * k0 + a * k0 + a]);
    for (let r = 0; r < this.q2; r++) s += Math.log(this.S[r * this.q2 + r]);
    return s;
  }

  /** Forms the selected inverse (after factor(0)): S⁻¹, H⁻¹'s diagonal blocks and its entries at C's pattern. */
  invert(): void {
    const { n0, k0, q2, rowStart, cols, C, Dl, S, invC, invD } = this;
    const kk = k0 * k0;
    const Linv = lowerTriangularInverse(S, q2, q2);
    const Sinv = (this.Sinv = new Float64Array(q2 * q2));
    for (let j = 0; j < q2; j++)
      for (let k = j; k < q2; k++) {
        let s = 0;
        for (let t = k; t < q2; t++) s += Linv[j * q2 + t] * Linv[k * q2 + t];
        Sinv[j * q2 + k] = s;
        Sinv[k * q2 + j] = s;
      }
    const T = new Float64Array(k0);
    const Dinv = new Float64Array(kk);
    for (let l = 0; l < n0; l++) {
      // Dₗ⁻¹ = Lₗ⁻ᵀ Lₗ⁻¹, column by column
      for (let b = 0; b < k0; b++) {
        T.fill(0);
        T[b] = 1;
        forwardBlock(Dl, l * kk, k0, T, T, 0);
        backBlock(Dl, l * kk, k0, T, 0);
        for (let a = 0; a < k0; a++) Dinv[a * k0 + b] = T[a];
      }
      // (H⁻¹)₁₂ at the pattern: −Dₗ⁻¹ Cₗ S⁻¹[:, cols[s]]
      for (let s = rowStart[l]; s < rowStart[l + 1]; s++) {
        T.fill(0);
        for (let u = rowStart[l]; u < rowStart[l + 1]; u++) {
          const sv = Sinv[cols[u] * q2 + cols[s]];
          for (let a = 0; a < k0; a++) T[a] += C[u * k0 + a] * sv;
        }
        for (let a = 0; a < k0; a++) {
          let v = 0;
          for (let b = 0; b < k0; b++) v -= Dinv[a * k0 + b] * T[b];
          invC[s * k0 + a] = v;
        }
      }
      // (H⁻¹)₁₁ = Dₗ⁻¹ − (H⁻¹)₁₂ Cₗᵀ Dₗ⁻¹
      for (let a = 0; a < k0; a++)
        for (let b = 0; b < k0; b++) {
          let v = Dinv[a * k0 + b];
          for (let s = rowStart[l]; s < rowStart[l + 1]; s++) {
            let cd = 0;
            for (let e = 0; e < k0; e++) cd += C[s * k0 + e] * Dinv[e * k0 + b];
            v -= invC[s * k0 + a] * cd;
          }
          invD[l * kk + a * k0 + b] = v;
        }
    }
  }

  /** (H⁻¹)ᵢⱼ after invert(), for i, j effects of one level of one term (a diagonal block of H⁻¹). */
  inverseAt(i: number, j: number): number {
    const { restOf, off0, k0 } = this;
    if (restOf[i] >= 0) return this.Sinv[restOf[i] * this.q2 + restOf[j]];
    const a = i - off0, b = j - off0;
    return this.invD[Math.floor(a / k0) * k0 * k0 + (a % k0) * k0 + (b % k0)];
  }

  /** hᵢ = zᵢ H⁻¹ zᵢᵀ after invert() (over both predictors' terms). */
  leverage(i: number): number {
    const h = new Float64Array(3);
    this.leverageByChannel(i, h, 0);
    return h[0] + h[1] + h[2];
  }

  /**
   * Gᵢ = z̃ᵢ H⁻¹ z̃ᵢᵀ by predictor after invert(): out[at..at+3) = (G_ηη, 2 G_ηζ, G_ζζ), so that
   * Σ_ab G_ab ℓ_abν = out[0] ℓ_ηην + out[1] ℓ_ηζν + out[2] ℓ_ζζν.
   */
  leverageByChannel(i: number, out: Float64Array, at: number): void {
    const { terms, t0, k0, restOf, q2, Sinv, invC, invD } = this;
    const nt = terms.length;
    const T0 = terms[t0];
    const zo = i * k0;
    const dOff = this.level0(i) * k0 * k0;
    out[at] = out[at + 1] = out[at + 2] = 0;
    let h = 0;
    for (let a = 0; a < k0; a++) for (let b = 0; b < k0; b++) h += T0.z[zo + a] * invD[dOff + a * k0 + b] * T0.z[zo + b];
    out[at + 2 * T0.channel] += h;
    for (let u = 0; u < nt; u++) {
      if (u === t0) continue;
      const t = terms[u];
      const s = this.slot[i * nt + u];
      for (let c = 0; c < t.k; c++) {
        const zc = t.z[i * t.k + c];
        h = 0;
        for (let a = 0; a < k0; a++) h += 2 * T0.z[zo + a] * invC[(s + c) * k0 + a] * zc;
        out[at + T0.channel + t.channel] += h;
        const row = (restOf[t.index[i]] + c) * q2;
        for (let m = 0; m < nt; m++) {
          if (m === t0) continue;
          const tm = terms[m];
          const r = restOf[tm.index[i]];
          h = 0;
          for (let d = 0; d < tm.k; d++) h += zc * tm.z[i * tm.k + d] * Sinv[row + r + d];
          out[at + t.channel + tm.channel] += h;
        }
      }
    }
  }
}

/** The lower Cholesky factor of A's k×k block at off plus damping·I into L (row-major); false when not positive definite. */
function choleskyBlock(A: Float64Array, L: Float64Array, off: number, k: number, damping: number): boolean {
  for (let j = 0; j < k; j++) {
    let d = A[off + j * k + j] + damping;
    for (let c = 0; c < j; c++) d -= L[off + j * k + c] ** 2;
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    L[off + j * k + j] = ljj;
    for (let r = j + 1; r < k; r++) {
      let v = A[off + r * k + j];
      for (let c = 0; c < j; c++) v -= L[off + r * k + c] * L[off + j * k + c];
      L[off + r * k + j] = v / ljj;
      L[off + j * k + r] = 0;
    }
  }
  return true;
}

/** out[to..to+k) = L⁻¹ x[from..from+k) for L's block at off (in place when out is x and to = from). */
function forwardBlock(L: Float64Array, off: number, k: number, x: Float64Array, out: Float64Array, to: number, from = to): void {
  for (let a = 0; a < k; a++) {
    let v = x[from + a];
    for (let c = 0; c < a; c++) v -= L[off + a * k + c] * out[to + c];
    out[to + a] = v / L[off + a * k + a];
  }
}

/** x[at..at+k) = L⁻ᵀ x[at..at+k) for L's block at off. */
function backBlock(L: Float64Array, off: number, k: number, x: Float64Array, at: number): void {
  for (let a = k - 1; a >= 0; a--) {
    let v = x[at + a];
    for (let c = a + 1; c < k; c++) v -= L[off + c * k + a] * x[at + c];
    x[at + a] = v / L[off + a * k + a];
  }
}
